#!/usr/bin/env bash
# The large run of prove's agreement test (issue 18): N generated policies of seed SEED
# (default 3000 and 20261205), in batches of BATCH (default 250) on one core, each batch
# one process of build/tests/ddbguard_tests (so that a crash loses one batch, and names
# it). Every property the prover proves must survive lint's adversarial search, every
# counterexample must be allowed by the evaluator.
#   tools/prove_differential.sh [N] [SEED]
# Environment: BUILD_DIR (default build, built with the ddbguard_tests target),
# BATCH, FIRST (the first policy, default 0), OUT (a folder for the logs, default a
# temporary one). A failing policy is reproduced alone with
#   DDBGUARD_PROVE_SEED=SEED DDBGUARD_PROVE_FIRST=I DDBGUARD_PROVE_GENERATED=1 \
#     build/tests/ddbguard_tests "prove agrees with lint's adversarial search on generated policies"
set -uo pipefail
cd "$(dirname "$0")/.."
n=${1:-3000}
seed=${2:-20261205}
batch=${BATCH:-250}
first=${FIRST:-0}
tests=${BUILD_DIR:-build}/tests/ddbguard_tests
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
[ -x "$tests" ] || { echo "no $tests: cmake --build ${BUILD_DIR:-build} --target ddbguard_tests" >&2; exit 2; }
name="prove agrees with lint's adversarial search on generated policies"
# The test's summary line (DDBGUARD_PROVE_LOG=1).
summary_of() { sed -n 's/^prove-generated summary: //p' "$1" | head -1; }
start=$(date +%s)
failed=0
for ((at = first; at < first + n; at += batch)); do
  size=$((first + n - at < batch ? first + n - at : batch))
  log="$out/batch-$at.log"
  # A hang is a failure too: 30 s a policy is far above the slowest seen.
  DDBGUARD_PROVE_SEED=$seed DDBGUARD_PROVE_FIRST=$at DDBGUARD_PROVE_GENERATED=$size DDBGUARD_PROVE_LOG=1 \
    timeout $((size * 30)) "$tests" "$name" >"$log" 2>&1
  code=$?
  summary=$(summary_of "$log")
  if [ $code -ne 0 ]; then
    failed=1
    echo "batch $at..$((at + size - 1)): exit $code (see $log): ${summary:-no summary}"
  else
    echo "$summary"
  fi
done
total=$(for log in "$out"/batch-*.log; do summary_of "$log"; echo; done |
  awk '{ for (i = 1; i <= NF; ++i) { if ($(i+1) == "properties,") p += $i; if ($(i+1) == "proven,") a += $i;
           if ($(i+1) == "refuted,") r += $i; if ($(i+1) == "unknown") u += $i; if ($(i+1) == "lint") l += $i } }
       END { printf "%d properties: %d proven, %d refuted, %d unknown; %d lint leaks checked", p, a, r, u, l }')
echo "seed $seed, policies $first..$((first + n - 1)): $total; $(($(date +%s) - start)) s; logs in $out"
exit $failed
