#!/usr/bin/env bash
# Differential test: our HCL reader against @cdktf/hcl2json, the official parser.
# - every file of tests/hcl/corpus: both accept it and produce the same structure;
# - every file of tests/hcl/malformed: both reject it, except the encoding-* files (we
#   reject NUL bytes and invalid UTF-8 outright; a JavaScript string cannot even carry
#   invalid UTF-8 to the official parser) and the limit-* files (our size and depth
#   limits are our own).
# Exit 77 (CTest SKIP_RETURN_CODE) when node or npm is missing or the package cannot be
# installed.
# usage: run.sh HCL_TO_JSON WORK_DIR
set -euo pipefail
converter="$1"
work="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for program in node npm; do
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "SKIPPED: '$program' is not installed; the differential test against @cdktf/hcl2json needs Node.js and npm" >&2
    exit 77
  fi
done
mkdir -p "$work"
if ! bash "$here/install.sh" "$work/node"; then
  echo "SKIPPED: could not install @cdktf/hcl2json@0.21.0 with npm (offline?)" >&2
  exit 77
fi
agree=("$here"/../corpus/*.tf)
reject=()
for f in "$here"/../malformed/*.tf; do
  case "$(basename "$f")" in
    encoding-*|limit-*) ;;
    *) reject+=("$f") ;;
  esac
done
node "$here/compare.js" "$converter" "$work/node" --agree "${agree[@]}" --reject "${reject[@]}"
