#!/usr/bin/env bash
# The pre-commit hooks (.pre-commit-hooks.yaml): `ddbguard lint --fail-on warning --skip-unknown FILE...`
# (pre-commit names every staged *.json/*.yaml/*.tf file; those that are neither policies nor
# templates are skipped; a .tf file is linted with the other .tf files of its directory, its module), or with --diff first (hook ddbguard-diff) `ddbguard diff --base HEAD FILE...`:
# the staged policy files against the last commit (against nothing before the first commit).
# Finds ddbguard as, in order: $DDBGUARD (a path to the executable), `ddbguard` on
# PATH, or a build of this checkout cached in .pre-commit-build/ next to it, made
# on first use with CMake (and Ninja when present). That build needs the build
# dependencies (on Debian: cmake g++ pkg-config nlohmann-json3-dev libre2-dev
# libfmt-dev libcli11-dev libyaml-cpp-dev; `bash tools/build.sh build` installs what is missing). Exit status:
# that of `ddbguard lint` (0 clean, 1 findings at warning or above, 2 usage error) or `ddbguard diff`
# (0 no new access, 1 new access, 2 bad input), or 3 when it cannot be built.
set -euo pipefail
mode=lint
if [ "${1:-}" = "--diff" ]; then
  mode=diff
  shift
fi
[ $# -gt 0 ] || exit 0

bin=${DDBGUARD:-}
if [ -z "$bin" ]; then
  bin=$(command -v ddbguard 2>/dev/null || true)
fi
if [ -z "$bin" ]; then
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  build=$root/.pre-commit-build
  bin=$build/bin/ddbguard
  if [ ! -x "$bin" ]; then
    echo "ddbguard: not on PATH; building it once in $build" >&2
    generator=()
    command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
    if ! { cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
             -DDDBGUARD_BUILD_TESTS=OFF -DDDBGUARD_INSTALL=OFF >&2 &&
           cmake --build "$build" --target ddbguard_cli --parallel >&2; }; then
      echo "ddbguard: the build failed; install the packages listed in tools/pre-commit-hook.sh," \
           "or put a ddbguard executable on PATH" >&2
      exit 3
    fi
  fi
fi
if [ "$mode" = diff ]; then
  base=HEAD
  # Before the first commit there is no HEAD: compare with the empty tree, so that
  # everything the staged files grant is new access.
  git rev-parse --verify -q HEAD >/dev/null || base=$(git hash-object -t tree /dev/null)
  exec "$bin" diff --base "$base" "$@"
fi
# A staged .tf file is judged with its module: every .tf file of its directory.
files=()
declare -A modules=()
for f in "$@"; do
  if [[ "$f" == *.tf ]]; then
    dir=$(dirname "$f")
    [ -n "${modules[$dir]:-}" ] && continue
    modules[$dir]=1
    for m in "$dir"/*.tf; do files+=("$m"); done
  else
    files+=("$f")
  fi
done
exec "$bin" lint --fail-on warning --skip-unknown "${files[@]}"
