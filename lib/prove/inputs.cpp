// `ddbguard prove` over files: loose policies, --bundle sets, and templates (each
// principal of a CloudFormation, Serverless or Terraform source with the identity
// policies attached to it, as lint judges them).
#include "ddbguard/prove.hpp"
#include "sources/sources.hpp"

namespace ddbguard {

std::vector<ProveReport> prove_inputs(const std::vector<Input>& inputs, bool bundle, const ProveOptions& options) {
    static const std::string no_intent = "no row or column isolation intent (no dynamodb:LeadingKeys, "
                                         "*PartitionKeyValues or dynamodb:Attributes condition): nothing to prove";
    const LintOptions lint;
    std::vector<bool> skipped;
    std::vector<ProveReport> reports;
    for (const sources::SourceJob& job : sources::plan(inputs, lint, bundle, skipped)) {
        const Stack stack = sources::read(job, inputs, lint);
        if (stack.format == SourceFormat::policy) {
            std::vector<const Policy*> set;
            for (const StackDocument& d : stack.documents) set.push_back(&d.policy);
            ProveReport report;
            report.path = stack.path;
            if (set.empty()) {
                report.note = "not read as a policy (`ddbguard lint` says why)";
            } else {
                report.results = prove(set, options);
                if (report.results.empty()) report.note = no_intent;
            }
            reports.push_back(std::move(report));
            continue;
        }
        bool any = false;
        for (const StackPrincipal& principal : stack.principals) {
            if (principal.documents.empty()) continue;
            std::vector<const Policy*> set;
            for (std::size_t i : principal.documents) set.push_back(&stack.documents[i].policy);
            ProveReport report;
            report.path = stack.path + ": " + principal.owner.label();
            report.results = prove(set, &stack, options);
            if (report.results.empty()) report.note = no_intent;
            reports.push_back(std::move(report));
            any = true;
        }
        if (!any) reports.push_back({stack.path, {}, "no principal with identity policies in this source"});
    }
    return reports;
}

}  // namespace ddbguard
