#!/usr/bin/env bash
# Installs the pinned aws-cdk-lib and constructs into a folder of the BUILD tree (never the
# source tree), once; later runs reuse it. usage: install_cdk.sh PREFIX
set -euo pipefail
readonly CDK_VERSION="2.276.0"
readonly CONSTRUCTS_VERSION="10.8.1"
prefix="$1"
installed="$prefix/node_modules/aws-cdk-lib/package.json"
if [[ -f "$installed" ]] && grep -q "\"version\": \"$CDK_VERSION\"" "$installed" &&
   [[ -f "$prefix/node_modules/constructs/package.json" ]]; then
  exit 0
fi
mkdir -p "$prefix"
[[ -f "$prefix/package.json" ]] || echo '{"name":"ddbguard-cdk-apps","private":true}' > "$prefix/package.json"
npm install --prefix "$prefix" --no-audit --no-fund --ignore-scripts --save-exact \
  "aws-cdk-lib@$CDK_VERSION" "constructs@$CONSTRUCTS_VERSION" >&2
