#!/usr/bin/env bash
# Differential test: ddbguard simulate --cases against @cloud-copilot/iam-simulate on
# >= 10,000 generated DynamoDB cases. Exit 77 (CTest SKIP_RETURN_CODE) when node or
# npm is missing or the pinned package cannot be installed.
# usage: run.sh DDBGUARD_CLI WORK_DIR [COUNT] [SEED]
set -euo pipefail
cli="$1"
work="$2"
count="${3:-12000}"
seed="${4:-20240501}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIPPED: '$tool' is not installed; the differential test against iam-simulate needs Node.js and npm" >&2
    exit 77
  fi
done
mkdir -p "$work"
if ! bash "$here/install_oracle.sh" "$work/node"; then
  echo "SKIPPED: could not install @cloud-copilot/iam-simulate@0.1.173 with npm (offline?)" >&2
  exit 77
fi
node "$here/gen_cases.js" "$count" "$seed" > "$work/cases.jsonl"
"$cli" simulate --cases "$work/cases.jsonl" > "$work/ddbguard.jsonl"
node "$here/oracle.js" "$work/node" "$work/cases.jsonl" > "$work/iam-simulate.jsonl"
node "$here/compare.js" "$work/cases.jsonl" "$work/ddbguard.jsonl" "$work/iam-simulate.jsonl" "$here/known-differences.json"
