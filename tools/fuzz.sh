#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a bounded
# time, seeded from policies/ and examples/ (fuzz_template: the templates and serverless.yml
# files there, each behind a first byte that picks the format). Any crash fails the run; the reproducer
# is left in build-fuzz/crashes/<target>/ (make it a fixture under policies/ and a test).
#   tools/fuzz.sh [SECONDS_PER_TARGET]   (default 60; a longer local run: tools/fuzz.sh 3600)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
packages=(clang libclang-rt-dev cmake ninja-build pkg-config nlohmann-json3-dev libre2-dev libfmt-dev libcli11-dev
          catch2 libyaml-cpp-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDDBGUARD_FUZZ=ON \
  -DDDBGUARD_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz --target $(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')

seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds/policy" "$seeds/spec" "$seeds/template" "$seeds/hcl" "$seeds/terraform"
find policies examples -name '*.json' -size -64k -exec cp -t "$seeds/policy" {} + 2>/dev/null || true
find examples/specs -name '*.yaml' -size -64k -exec cp -t "$seeds/spec" {} + 2>/dev/null || true
# Templates: the first byte says CloudFormation (even) or serverless.yml (odd).
while IFS= read -r f; do
  case "$f" in
    *.yml) first='\x01' ;;
    *) first='\x00' ;;
  esac
  { printf "$first"; cat "$f"; } > "$seeds/template/$(echo "$f" | tr '/' '_')"
done < <(find policies examples -size -64k \( -name '*.yaml' -o -name '*.yml' -o -name '*.template' \
           -o -name '*.json' \) | grep -v '^examples/specs/' | xargs grep -lE 'AWSTemplateFormatVersion|AWS::|^service:' 2>/dev/null)
find tests/hcl -name '*.tf' -size -64k -exec cp -t "$seeds/hcl" {} + 2>/dev/null || true
# Terraform: the first byte says a module file (even) or a plan (odd), as fuzz_terraform reads it.
mkdir -p "$seeds/terraform"
while IFS= read -r f; do
  case "$f" in
    *.json) first='\x01' ;;
    *) first='\x00' ;;
  esac
  { printf "$first"; cat "$f"; } > "$seeds/terraform/$(echo "$f" | tr '/' '_')"
done < <({ find policies examples tests/hcl -name '*.tf' -size -64k; grep -rl '"planned_values"' policies examples 2>/dev/null; } | sort -u)
status=0
for target in $(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//'); do
  corpus=build-fuzz/corpus/$target crashes=build-fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes"
  seed=$seeds/policy
  [ "$target" = fuzz_spec ] && seed=$seeds/spec
  [ "$target" = fuzz_hcl ] && seed=$seeds/hcl
  [ "$target" = fuzz_template ] && seed=$seeds/template
  [ "$target" = fuzz_terraform ] && seed=$seeds/terraform
  echo "== $target for ${seconds}s"
  if ! "build-fuzz/tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$crashes/" "$corpus" "$seed" 2> "build-fuzz/$target.log"; then
    echo "!! $target found a problem:"; tail -40 "build-fuzz/$target.log"; status=1
  else
    grep -E '^(#[0-9]+|Done)' "build-fuzz/$target.log" | tail -1
  fi
done
exit $status
