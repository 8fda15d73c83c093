#!/usr/bin/env bash
# Installs the pinned @cdktf/hcl2json into a folder of the BUILD tree (never the source
# tree); a second run with the package present installs nothing.
# usage: install.sh PREFIX
set -euo pipefail
readonly PACKAGE="@cdktf/hcl2json"
readonly VERSION="0.21.0"
prefix="$1"
installed="$prefix/node_modules/@cdktf/hcl2json/package.json"
if [[ -f "$installed" ]] && grep -q "\"version\": \"$VERSION\"" "$installed"; then
  exit 0
fi
mkdir -p "$prefix"
[[ -f "$prefix/package.json" ]] || echo '{"name":"ddbguard-hcl-differential","private":true}' > "$prefix/package.json"
npm install --prefix "$prefix" --no-audit --no-fund --save-exact "$PACKAGE@$VERSION" >&2
