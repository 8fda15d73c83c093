#!/usr/bin/env bash
# Sets up a Debian machine (installing only what is missing), builds ddbguard,
# then runs one job:
#   tools/build.sh examples   lint the example policies and print the findings
#   tools/build.sh test       run the whole test suite through CTest
#   tools/build.sh sanitize   the test suite again in an ASan+UBSan build (build-asan/),
#                             without the nested-build tests (embed, pre-commit, differential)
#   tools/build.sh build      only build
# Idempotent: a second run installs nothing and rebuilds only what changed.
# Environment: BUILD_DIR (default build), DDBGUARD_SANITIZE=ON for an ASan+UBSan build.
set -euo pipefail
cd "$(dirname "$0")/.."
job=${1:-build}
build_dir=${BUILD_DIR:-build}
sanitize=${DDBGUARD_SANITIZE:-OFF}
if [ "$job" = sanitize ]; then
  build_dir=${BUILD_DIR:-build-asan}
  sanitize=ON
fi

packages=(cmake g++ ninja-build pkg-config git nlohmann-json3-dev libre2-dev libfmt-dev libcli11-dev catch2
          libyaml-cpp-dev libz3-dev)
if [ "$job" = test ] || [ "$job" = sanitize ]; then
  # The test suite also drives the real pre-commit, looks at a re-run's environment with
  # strace, and the differential test uses Node.js and npm (skipped with a message where
  # they are absent).
  packages+=(pre-commit strace)
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_type=(-DCMAKE_BUILD_TYPE=Release)
# The sanitizer build: -O1 with assertions on compiles in about half the time of -O3 (28 s -> 14 s CPU for lib/diff/candidates.cpp)
# under ASan+UBSan, which is most of what CI spends on it.
[ "$sanitize" = ON ] && build_type=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O1 -DCMAKE_C_FLAGS_DEBUG=-O1)
cmake -S . -B "$build_dir" -G Ninja "${build_type[@]}" -DDDBGUARD_WERROR=ON \
  -DDDBGUARD_SANITIZE="$sanitize" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"

case "$job" in
  build) ;;
  examples)
    echo "== ddbguard lint examples/policies"
    # examples/policies/leaky-*.json are wrong on purpose: findings (exit 1) are the expected result.
    status=0
    "$build_dir/bin/ddbguard" lint examples/policies || status=$?
    [ "$status" -le 1 ] || exit "$status"
    echo "== done (lint exit status $status: 1 means findings at warning or above, as expected for the leaky examples)"
    ;;
  test)
    cd "$build_dir"
    ctest --output-on-failure -j "$(nproc)"
    ;;
  sanitize)
    cd "$build_dir"
    # Fewer generated policies for prove's agreement test under the sanitizers (the
    # release run of `test` does the default 60).
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 DDBGUARD_PROVE_GENERATED=10 \
      ctest --output-on-failure -j "$(nproc)" -E '^(embed|precommit|differential)\.'
    ;;
  *) echo "usage: tools/build.sh [build|examples|test|sanitize]" >&2; exit 2 ;;
esac
