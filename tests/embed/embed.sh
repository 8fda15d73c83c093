#!/usr/bin/env bash
# Builds examples/embed/ the ways its users do and runs the two programs.
#   embed.sh install            cmake --install the current build tree into $EMBED_WORK/prefix
#   embed.sh find_package       examples built against that prefix with find_package
#   embed.sh add_subdirectory   examples built with ddbguard's source as a subdirectory
#   embed.sh pkg_config         lint_stdin.cpp compiled with the README's pkg-config line
#   embed.sh readme             the README's CMake snippets are the ones examples/embed uses
# Environment (set by tests/embed/CMakeLists.txt): EMBED_SOURCE, EMBED_BUILD,
# EMBED_WORK, EMBED_GENERATOR, EMBED_CXX, EMBED_CMAKE, EMBED_FLAGS.
set -euo pipefail
mode=$1
src=$EMBED_SOURCE
work=$EMBED_WORK
prefix=$work/prefix
cmake=${EMBED_CMAKE:-cmake}
mkdir -p "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect STATUS PATTERN COMMAND...: runs COMMAND, checks its exit status and that
# its output contains PATTERN (a fixed string).
expect() {
  local want=$1 pattern=$2; shift 2
  local out status=0
  out=$("$@" 2>&1) || status=$?
  echo "\$ ${*##*/} -> $status"
  echo "$out" | sed 's/^/    /'
  [ "$status" = "$want" ] || fail "exit status $status, expected $want: $*"
  grep -qF -- "$pattern" <<<"$out" || fail "output lacks '$pattern': $*"
}

bad=$src/policies/invalid-effect/bad-lowercase.json   # "Effect": "deny"
good=$src/examples/policies/cognito-row-level.json    # the AWS row-level example
run_examples() {  # DIR holding lint_stdin and can_read
  local dir=$1
  expect 1 "error: " "$dir/lint_stdin" < "$bad"
  expect 1 "[invalid-effect]" "$dir/lint_stdin" < "$bad"
  expect 0 ": ok" "$dir/lint_stdin" < "$good"
  expect 1 "decision: implicit-deny" "$dir/can_read" "$good" alice bob
  expect 1 "can alice read bob's row? no" "$dir/can_read" "$good" alice bob
  expect 0 "decision: allow" "$dir/can_read" "$good" alice alice
  expect 2 "usage:" "$dir/can_read"
}

configure_and_build() {  # fresh|keep BUILD-DIR CMAKE-ARGS...
  local fresh=$1 dir=$2; shift 2
  # "keep" reuses an earlier nested build: the add_subdirectory case compiles the
  # whole library, and a second run then only recompiles what changed.
  [ "$fresh" = keep ] || rm -rf "$dir"
  "$cmake" -S "$src/examples/embed" -B "$dir" -G "$EMBED_GENERATOR" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
    -DCMAKE_CXX_COMPILER="$EMBED_CXX" -DCMAKE_CXX_FLAGS="${EMBED_FLAGS:-}" \
    -DCMAKE_EXE_LINKER_FLAGS="${EMBED_FLAGS:-}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF "$@"
  "$cmake" --build "$dir" -j 2
}

# The README block after the line HEADING (a "## " heading), from its Nth fenced block.
readme_block() {  # HEADING N
  awk -v h="$1" -v n="$2" '
    $0 == h { in_section = 1; next }
    in_section && /^## / { exit }
    in_section && /^```/ { if (fence) { fence = 0; if (count == n) exit } else { fence = 1; count++ } next }
    in_section && fence && count == n { print }' "$src/README.md"
}

case "$mode" in
  install)
    rm -rf "$prefix"
    "$cmake" --install "$EMBED_BUILD" --prefix "$prefix"
    for f in include/ddbguard/ddbguard.hpp include/ddbguard/version.hpp lib/libddbguard.a bin/ddbguard \
             lib/cmake/ddbguard/ddbguardConfig.cmake lib/cmake/ddbguard/ddbguardConfigVersion.cmake \
             lib/cmake/ddbguard/ddbguardTargets.cmake lib/pkgconfig/ddbguard.pc; do
      [ -e "$prefix/$f" ] || fail "not installed: $f"
    done
    ! grep -rlE '#include <(nlohmann|re2|fmt)/' "$prefix/include" || fail "a public header includes a third-party header"
    expect 0 "ddbguard" "$prefix/bin/ddbguard" --version
    ;;
  find_package)
    configure_and_build fresh "$work/find_package" -DCMAKE_PREFIX_PATH="$prefix"
    grep -q "^ddbguard_DIR:PATH=$prefix/lib/cmake/ddbguard$" "$work/find_package/CMakeCache.txt" \
      || fail "find_package did not use the installed package"
    run_examples "$work/find_package"
    ;;
  add_subdirectory)
    # Unoptimized: this compiles the whole library again, and only linking is under test.
    BUILD_TYPE=Debug configure_and_build keep "$work/add_subdirectory" -DDDBGUARD_SOURCE="$src"
    # Not the top-level project: ddbguard's tests and install rules are off.
    grep -q "^DDBGUARD_BUILD_TESTS:BOOL=OFF$" "$work/add_subdirectory/CMakeCache.txt" || fail "tests were on"
    grep -q "^DDBGUARD_INSTALL:BOOL=OFF$" "$work/add_subdirectory/CMakeCache.txt" || fail "install rules were on"
    run_examples "$work/add_subdirectory"
    ;;
  pkg_config)
    dir=$work/pkg_config
    rm -rf "$dir" && mkdir -p "$dir" && cp "$src/examples/embed/lint_stdin.cpp" "$dir/app.cpp"
    line=$(readme_block "## Embedding the library" 3 | grep -E '^c\+\+ ') || fail "no c++ line in the README's pkg-config block"
    echo "\$ $line"
    (cd "$dir" && export PKG_CONFIG_PATH="$prefix/lib/pkgconfig" && eval "$line ${EMBED_FLAGS:-}")
    expect 1 "[invalid-effect]" "$dir/app" < "$bad"
    expect 0 ": ok" "$dir/app" < "$good"
    ;;
  readme)
    # Each line of the README's CMake snippets, with the placeholders of the README
    # (app, path/to/ddbguard) put back, is a line of examples/embed/CMakeLists.txt.
    for n in 1 2; do
      block=$(readme_block "## Embedding the library" "$n")
      [ -n "$block" ] || fail "README: no CMake block $n under '## Embedding the library'"
      while IFS= read -r l; do
        l=${l%%#*}; l=${l%"${l##*[! ]}"}
        [ -n "$l" ] || continue
        for target in lint_stdin can_read; do
          want=${l//(app /($target }
          want=${want//path\/to\/ddbguard/\$\{DDBGUARD_SOURCE\}}
          grep -qxF -- "$want" <(sed 's/^ *//' "$src/examples/embed/CMakeLists.txt") \
            || fail "README line '$l' is not in examples/embed/CMakeLists.txt (as '$want')"
        done
      done <<<"$block"
    done
    echo "README snippets match examples/embed/CMakeLists.txt"
    ;;
  *) fail "unknown mode $mode" ;;
esac
