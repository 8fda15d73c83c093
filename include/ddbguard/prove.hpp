#pragma once
// `ddbguard prove`: the isolation properties a policy set shows, each proven for every
// request the policies can receive, refuted by a request the evaluator allows, or unknown
// (the solver's budget ran out, or the encoding over-approximates and its witness could
// not be confirmed). Issue 18; the encoding lives in lib/prove/ beside the evaluator.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/analyze.hpp"
#include "ddbguard/evaluate.hpp"
#include "ddbguard/finding.hpp"

namespace ddbguard {

struct Policy;
struct Stack;

enum class ProofStatus { proven, refuted, unknown };
std::string_view to_string(ProofStatus);

struct ProofResult {
    // "row-isolation-read", "row-isolation-write", "no-full-scan", "no-stream-read", "column-isolation"
    std::string property;
    std::string resource;  // the ARN pattern of the tables (indexes, streams) it covers
    std::string intent;    // the statements and conditions it was derived from
    ProofStatus status = ProofStatus::unknown;
    std::optional<Counterexample> counterexample;  // refuted only, re-evaluated by the Evaluator
    std::string explanation;
};

struct ProveOptions {
    unsigned timeout_ms = 2000;  // per property
};

// False when ddbguard was built without Z3.
bool prover_available();

// The properties of `set` (one principal's policies, Allows a union) and their status, in
// a stable order. Empty when the set shows no row or column intent, or without Z3.
std::vector<ProofResult> prove(const std::vector<const Policy*>& set, const ProveOptions& options = {});
// The same for a principal of `stack` (nullptr: no template): a global secondary index of
// a table the template defines whose partition key is another attribute than the table's
// is left out of the table's row-isolation-read and gets a result of its own, never
// proven (the row filter then compares the caller's id with that attribute).
std::vector<ProofResult> prove(const std::vector<const Policy*>& set, const Stack* stack,
                               const ProveOptions& options = {});

// One file (or, with --bundle, the first file of the set) and its results.
struct ProveReport {
    std::string path;
    std::vector<ProofResult> results;
    std::string note;  // why there is nothing to prove ("no row or column isolation intent")
};

// Reads the inputs as `lint` does (policies, --bundle sets, CloudFormation/SAM/CDK,
// serverless.yml, Terraform) and proves each policy, bundle, or template principal with
// the identity policies attached to it (the report's path then names the principal).
std::vector<ProveReport> prove_inputs(const std::vector<Input>& inputs, bool bundle,
                                      const ProveOptions& options = {});

// Text: one line per property "path: status property resource: intent", a refuted one's
// counterexample and decision indented below it, then the summary line. JSON:
// {"files":[{"path","results":[{"property","resource","status","counterexample","explanation"}]}],
//  "summary":{"proven","refuted","unknown"}} (lib/report/prove_writer.cpp).
std::string write_prove_text(const std::vector<ProveReport>& reports);
std::string write_prove_json(const std::vector<ProveReport>& reports);
std::string prove_summary_line(const std::vector<ProveReport>& reports);

}  // namespace ddbguard
