#!/usr/bin/env bash
# Real AWS CDK output, linted: installs the pinned aws-cdk-lib and constructs into the build
# folder (cached), synthesizes three small apps with plain node (synth.js) and checks what
# ddbguard says about each template and about the whole cdk.out folder. Exit 77 (CTest
# SKIP_RETURN_CODE) when node or npm is missing or the packages cannot be installed.
# usage: run.sh DDBGUARD_CLI WORK_DIR
set -uo pipefail
cli="$1"
work="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIPPED: '$tool' is not installed; the CDK test needs Node.js and npm to synthesize real CDK apps" >&2
    exit 77
  fi
done
mkdir -p "$work"
if ! bash "$here/install_cdk.sh" "$work/node"; then
  echo "SKIPPED: could not install aws-cdk-lib and constructs with npm (offline?)" >&2
  exit 77
fi
out="$work/cdk.out"
rm -rf "$out"
node "$here/synth.js" "$work/node" "$out" || { echo "FAIL: synthesis failed"; exit 1; }
status=0
fail() { echo "FAIL: $*"; status=1; }

# lint FILE EXPECTED_EXIT [TEXT THE OUTPUT MUST CONTAIN ...]
check() {
  local file=$1 expected=$2; shift 2
  local text code
  text=$("$cli" lint "$file")
  code=$?
  echo "== ddbguard lint $(basename "$file") (exit $code)"
  echo "$text"
  [ "$code" = "$expected" ] || fail "$file: exit $code, expected $expected"
  for want in "$@"; do
    grep -qF -- "$want" <<<"$text" || fail "$file: the output lacks: $want"
  done
}

check "$out/GrantStack.template.json" 1 "[unscoped-end-user-access]" \
  "(GrantStack/AuthenticatedRole/DefaultPolicy/Resource)" "is end-user-facing"
check "$out/RowScopedStack.template.json" 0 "0 errors, 0 warnings"
check "$out/IndexStack.template.json" 1 "warning:" "[global-index-under-row-filter]" "keyed on 'assignee'"
if "$cli" lint "$out/IndexStack.template.json" | grep -E ": error: " >/dev/null; then
  fail "IndexStack: an error where only the index warning is expected"
fi
# The whole cdk.out folder: the templates are linted, CDK's bookkeeping files skipped.
text=$("$cli" lint "$out")
code=$?
echo "== ddbguard lint cdk.out (exit $code)"
tail -1 <<<"$text"
[ "$code" = 1 ] || fail "cdk.out: exit $code, expected 1"
grep -q "^3 files linted" <<<"$(tail -1 <<<"$text")" || fail "cdk.out: expected 3 templates linted"
exit $status
