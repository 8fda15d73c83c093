#!/usr/bin/env bash
# One golden CLI case: CASE/args holds the arguments (one per line, run from the
# repository root), CASE/stdin (optional) is fed to the command, CASE/expected is
# the exact stdout, CASE/exit the expected exit code, CASE/stderr (optional) a
# text that standard error must contain.
# DDBGUARD_UPDATE_GOLDEN=1 rewrites expected and exit from the current output.
set -u
bin=$1 case=$2
mapfile -t args < "$case/args"
stdin=/dev/null
[ -f "$case/stdin" ] && stdin="$case/stdin"
actual=$("$bin" "${args[@]}" < "$stdin" 2>/tmp/ddbguard-golden-stderr.$$)
code=$?
if [ "${DDBGUARD_UPDATE_GOLDEN:-}" = 1 ]; then
  printf '%s\n' "$actual" > "$case/expected"
  echo "$code" > "$case/exit"
fi
expected_code=$(cat "$case/exit")
status=0
if [ "$code" != "$expected_code" ]; then
  echo "exit code $code, expected $expected_code"; cat /tmp/ddbguard-golden-stderr.$$; status=1
fi
if ! diff -u "$case/expected" <(printf '%s\n' "$actual"); then status=1; fi
# CASE/stderr (optional): a text that standard error must contain.
if [ -f "$case/stderr" ] && ! grep -qF -- "$(cat "$case/stderr")" /tmp/ddbguard-golden-stderr.$$; then
  echo "stderr lacks: $(cat "$case/stderr")"; cat /tmp/ddbguard-golden-stderr.$$; status=1
fi
rm -f /tmp/ddbguard-golden-stderr.$$
exit $status
