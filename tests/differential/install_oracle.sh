#!/usr/bin/env bash
# Installs the pinned @cloud-copilot/iam-simulate into a folder of the BUILD tree (never
# the source tree). It is AGPL-3.0: used by the differential test only, never shipped
# or linked. usage: install_oracle.sh PREFIX
set -euo pipefail
readonly PACKAGE="@cloud-copilot/iam-simulate"
readonly VERSION="0.1.173"
prefix="$1"
installed="$prefix/node_modules/@cloud-copilot/iam-simulate/package.json"
if [[ -f "$installed" ]] && grep -q "\"version\": \"$VERSION\"" "$installed"; then
  exit 0
fi
mkdir -p "$prefix"
[[ -f "$prefix/package.json" ]] || echo '{"name":"ddbguard-differential-oracle","private":true}' > "$prefix/package.json"
npm install --prefix "$prefix" --no-audit --no-fund --save-exact "$PACKAGE@$VERSION" >&2
