#!/usr/bin/env bash
# A temporary git repository with a bad and a good policy and, as its
# .pre-commit-config.yaml, the README's snippet pointed at a clone of this
# repository (its HEAD plus the working tree's hook files). The ddbguard of the
# current build is on PATH, so the hook does not build its own. Then the real
# `git commit`: the bad policy is blocked with the finding text, the good one passes.
# Exit 77 (skipped) when pre-commit or git is missing. No network: the hook
# repository is a local path and PRE_COMMIT_HOME is under the work folder.
set -euo pipefail
src=$PRECOMMIT_SOURCE
work=$PRECOMMIT_WORK
for tool in git pre-commit; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (Debian: apt-get install $tool)"
    exit 77
  fi
done
if ! git -C "$src" rev-parse --verify -q HEAD >/dev/null; then
  echo "SKIP: $src is not a git checkout, and pre-commit needs a repository with a rev"
  exit 77
fi
fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work"
# Isolate from the machine's git and pre-commit settings.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 HOME=$work/home
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export PRE_COMMIT_HOME=$work/pre-commit-home
export PATH=$PRECOMMIT_BIN_DIR:$PATH
mkdir -p "$HOME"
[ -x "$PRECOMMIT_BIN_DIR/ddbguard" ] || fail "no ddbguard in $PRECOMMIT_BIN_DIR"

# The hook repository: this repository's HEAD with the working tree's hook files on top.
hooks=$work/ddbguard
git clone -q "$src" "$hooks"
cp "$src/.pre-commit-hooks.yaml" "$hooks/.pre-commit-hooks.yaml"
cp "$src/tools/pre-commit-hook.sh" "$hooks/tools/pre-commit-hook.sh"
git -C "$hooks" add .pre-commit-hooks.yaml tools/pre-commit-hook.sh
git -C "$hooks" diff --cached --quiet || git -C "$hooks" commit -q -m "working tree hook files"
rev=$(git -C "$hooks" rev-parse HEAD)

# The README's snippet, with its repo and rev replaced by the clone and its HEAD.
snippet=$(awk '
  $0 == "## pre-commit" { in_section = 1; next }
  in_section && /^## / { exit }
  in_section && /^```/ { if (fence) exit; fence = 1; next }
  in_section && fence { print }' "$src/README.md")
grep -q "id: ddbguard" <<<"$snippet" || fail "no .pre-commit-config.yaml snippet under '## pre-commit' in README.md"

repo=$work/project
mkdir -p "$repo/iam"
git -C "$repo" init -q
sed -E -e "s|^( *- repo: ).*|\1$hooks|" -e "s|^( *rev: ).*|\1$rev|" <<<"$snippet" > "$repo/.pre-commit-config.yaml"
echo "--- .pre-commit-config.yaml"; cat "$repo/.pre-commit-config.yaml"
cp "$src/policies/invalid-effect/bad-lowercase.json" "$repo/iam/bad.json"
cp "$src/examples/policies/cognito-row-level.json" "$repo/iam/good.json"
echo '{"name": "not a policy"}' > "$repo/package.json"   # outside the snippet's files: pattern
mkdir -p "$repo/infra"
cp "$src/examples/templates/notes-cognito.yaml" "$repo/infra/notes.yaml"     # an unfiltered end-user grant
cp "$src/examples/templates/sam-app.yaml" "$repo/infra/template.yaml"        # clean
printf 'name: ci\non: [push]\njobs: {}\n' > "$repo/infra/ci.yml"              # inside files:, but no template
cd "$repo"
git add .pre-commit-config.yaml package.json
git commit -q --no-verify -m "config"
pre-commit install

echo "--- git commit of the bad policy"
git add iam/bad.json
status=0
out=$(git commit -m "bad policy" 2>&1) || status=$?
echo "$out"
[ "$status" -ne 0 ] || fail "the commit of iam/bad.json went through"
grep -qF "iam/bad.json:4:16: error:" <<<"$out" || fail "the finding's position is not printed"
grep -qF "[invalid-effect]" <<<"$out" || fail "the finding's check id is not printed"
[ -z "$(git log --format=%H -- iam/bad.json)" ] || fail "iam/bad.json was committed"

echo "--- git commit of the good policy"
git rm -q --cached iam/bad.json
git add iam/good.json
out=$(git commit -m "good policy" 2>&1) || fail "the commit of iam/good.json was blocked: $out"
echo "$out"
grep -qE "^ddbguard.*Passed" <<<"$out" || fail "the hook did not run on iam/good.json"
[ -n "$(git log --format=%H -- iam/good.json)" ] || fail "iam/good.json was not committed"

echo "--- git commit of a template with an unfiltered end-user grant"
git add infra/notes.yaml
status=0
out=$(git commit -m "bad template" 2>&1) || status=$?
echo "$out"
[ "$status" -ne 0 ] || fail "the commit of infra/notes.yaml went through"
grep -qF "[unscoped-end-user-access]" <<<"$out" || fail "the template's finding is not printed"
git rm -q --cached infra/notes.yaml

echo "--- git commit of a clean template and a CI workflow"
git add infra/template.yaml infra/ci.yml
out=$(git commit -m "clean template" 2>&1) || fail "the commit of the clean template and ci.yml was blocked: $out"
echo "$out"
[ -n "$(git log --format=%H -- infra/ci.yml)" ] || fail "infra/ci.yml was not committed"

echo "--- pre-commit run --files on both"
status=0
out=$(pre-commit run --files iam/bad.json iam/good.json package.json 2>&1) || status=$?
echo "$out"
[ "$status" -eq 1 ] || fail "pre-commit run exited $status, expected 1"
grep -qF "[invalid-effect]" <<<"$out" || fail "pre-commit run did not print the finding"
# Info findings are printed but do not fail; package.json is outside `files:`.
if grep -qE "^iam/good\.json:[0-9]+:[0-9]+: (warning|error):" <<<"$out"; then fail "a warning on iam/good.json"; fi
if grep -qF "package.json" <<<"$out"; then fail "package.json was linted"; fi

echo "--- hook ddbguard-diff: the staged policy against the last commit"
cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: ddbguard-diff
        files: ^iam/.*\.json$
EOF
git add .pre-commit-config.yaml
git commit -q --no-verify -m "diff hook"
# A Scan under the row filter reaches every user's items: blocked, with the witness.
sed -i 's/"dynamodb:GetItem",/"dynamodb:GetItem", "dynamodb:Scan",/' iam/good.json
git add iam/good.json
status=0
out=$(git commit -m "add Scan" 2>&1) || status=$?
echo "$out"
[ "$status" -ne 0 ] || fail "the commit that adds Scan went through"
grep -qF "[new-rows]" <<<"$out" || fail "the new row access is not reported"
grep -qF "witness: dynamodb:Scan on " <<<"$out" || fail "no witness request printed"
# Taking an action away is removed access: the commit goes through.
git checkout -q HEAD -- iam/good.json
sed -i -e '/"dynamodb:BatchWriteItem"/d' -e 's/"dynamodb:DeleteItem",/"dynamodb:DeleteItem"/' iam/good.json
git add iam/good.json
out=$(git commit -m "drop BatchWriteItem" 2>&1) || fail "the commit that only removes access was blocked: $out"
echo "$out"
grep -qE "^ddbguard diff.*Passed" <<<"$out" || fail "the diff hook did not run on iam/good.json"
# Before the first commit everything a staged policy grants is new.
fresh=$work/fresh
mkdir -p "$fresh/iam"
git -C "$fresh" init -q
cp .pre-commit-config.yaml "$fresh/"
cp "$src/examples/policies/cognito-row-level.json" "$fresh/iam/first.json"
status=0
out=$(cd "$fresh" && git add -A && pre-commit run --files iam/first.json 2>&1) || status=$?
echo "$out"
[ "$status" -eq 1 ] || fail "pre-commit run in a repository without commits exited $status, expected 1"
grep -qF "iam/first.json is new" <<<"$out" || fail "a file before the first commit is not compared with nothing"
echo "PASS"
