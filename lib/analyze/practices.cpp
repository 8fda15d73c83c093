// The twelve DynamoDB security practices of the DynamoDB Developer Guide ("Security best
// practices": preventive and detective), judged per stack. A practice is met when the files
// show it and no finding contradicts it, not met when a finding of its checks does (those
// findings are listed), and not visible when the files do not show the resources it is
// about: an account-wide trail or Config recorder may live elsewhere (docs/iac.md section 6).
#include "analyze/practices.hpp"

#include <algorithm>
#include <functional>

#include "analyze/check.hpp"

namespace ddbguard {

std::string_view to_string(PracticeStatus status) {
    switch (status) {
        case PracticeStatus::met: return "met";
        case PracticeStatus::not_met: return "not met";
        case PracticeStatus::not_visible: return "not visible";
    }
    return "not visible";
}

std::size_t PracticeSummary::count(PracticeStatus status) const {
    return static_cast<std::size_t>(
        std::count_if(practices.begin(), practices.end(), [&](const PracticeResult& p) { return p.status == status; }));
}

namespace analyze {
namespace {

bool any_identity_document(const Stack& stack) {
    for (const StackDocument& d : stack.documents)
        if (d.policy.kind == PolicyKind::identity) return true;
    return false;
}

bool config_in_stack(const Stack& stack) { return !stack.config_recorders.empty() || !stack.config_rules.empty(); }

struct Definition {
    std::string_view id;
    std::string_view title;
    bool detective;
    std::vector<std::string_view> checks;             // findings of these say "not met"
    std::function<bool(const Stack&, const LintOptions&)> visible;
    std::string_view met;                             // why, when met
    std::string_view hidden;                          // why, when not visible
};

const std::vector<Definition>& definitions() {
    auto has_tables = [](const Stack& s, const LintOptions&) { return !s.tables.empty(); };
    static const std::vector<Definition> list = {
        // Preventive.
        {"encryption-at-rest", "Encryption at rest with a KMS key", false, {"table-sse-owned-key"}, has_tables,
         "every table is encrypted with a KMS key", "the files define no table"},
        {"iam-roles", "IAM roles instead of long-lived users", false, {"iam-user-data-access"},
         [](const Stack& s, const LintOptions&) {
             return std::any_of(s.principals.begin(), s.principals.end(),
                                [](const StackPrincipal& p) { return !p.owner.id.empty(); });
         },
         "no IAM user of the stack has DynamoDB data access", "the files define no principal (a loose policy does "
                                                              "not say who holds it)"},
        {"iam-policies", "Least-privilege IAM policies", false,
         {"action-wildcard", "data-access-on-any-resource", "dangerous-action", "allow-not-action", "allow-not-resource",
          "monitoring-tamper", "tag-control", "kms-wildcard-actions", "kms-key-policy-open", "kms-key-account-wide",
          "public-resource-policy", "allow-not-principal", "trust-any-principal", "cognito-trust-without-aud",
          "cognito-trust-without-amr"},
         [](const Stack& s, const LintOptions&) { return !s.documents.empty(); },
         "no wildcard, dangerous or unscoped grant was found", "the files hold no policy"},
        {"fine-grained-access", "Fine-grained (row and column) access control", false,
         {"scan-with-row-filter", "partiql-select-without-full-scan-guard", "stream-access-row-scoped",
          "for-any-value-leading-keys", "leading-keys-wildcard", "literal-leading-keys", "unscoped-regrant",
          "unscoped-end-user-access", "deny-filter-for-all-values", "global-index-under-row-filter",
          "table-wildcard-row-scoped", "attributes-without-select", "attributes-missing-key",
          "update-without-return-values", "whole-item-write-column-scoped", "row-isolation-leak", "column-isolation-leak",
          "stream-images-row-scoped", "identity-pool-guest-writes", "identity-pool-classic-flow"},
         [](const Stack& s, const LintOptions&) { return any_identity_document(s); },
         "no isolation finding: row and column filters hold where they are used, and no end-user role reaches "
         "unfiltered data",
         "the files hold no identity policy"},
        {"vpc-endpoints", "VPC endpoints for DynamoDB", false,
         {"vpc-without-dynamodb-endpoint", "vpc-endpoint-policy-open", "source-ip-for-vpc"},
         [](const Stack& s, const LintOptions&) { return !s.workloads.empty() || !s.vpc_endpoints.empty(); },
         "the workloads in a VPC reach DynamoDB through a gateway endpoint with a restricted policy",
         "the files put nothing in a VPC"},
        {"client-side-encryption", "Client-side encryption", false, {"kms-grant-without-via-service"},
         [](const Stack&, const LintOptions&) { return false; },  // decided by the findings, below
         "key grants follow the AWS Database Encryption SDK pattern (encryption context pinned to the table)",
         "no principal uses a KMS key directly"},
        // Detective.
        {"kms-key-monitoring", "CloudTrail records the use of the tables' keys", true, {"table-sse-owned-key"},
         has_tables, "every table uses a KMS key, whose use CloudTrail records", "the files define no table"},
        {"cloudtrail-data-events", "CloudTrail records DynamoDB operations", true,
         {"trail-without-dynamodb-data-events", "monitoring-tamper"},
         [](const Stack& s, const LintOptions& o) { return !s.trails.empty() || (o.stack_complete && !s.tables.empty()); },
         "a trail of the stack records the data events of its tables",
         "the files define no trail (an account-wide trail may live elsewhere)"},
        {"streams-monitoring", "DynamoDB Streams to monitor data-plane changes", true, {"table-without-stream"},
         has_tables, "every table has a stream", "the files define no table"},
        {"config-recording", "AWS Config records the configuration", true, {},
         [](const Stack& s, const LintOptions& o) {
             return !s.config_recorders.empty() || (o.stack_complete && !s.tables.empty());
         },
         "the stack defines a configuration recorder", "the files define no AWS Config recorder (it may be set up "
                                                       "account-wide elsewhere)"},
        {"config-rules", "AWS Config rules for DynamoDB", true, {"config-without-dynamodb-rules"},
         [](const Stack& s, const LintOptions& o) { return config_in_stack(s) || (o.stack_complete && !s.tables.empty()); },
         "the stack defines AWS Config's DynamoDB managed rules", "the files define no AWS Config rule"},
        {"tagging", "Tags that identify the tables", true, {"table-missing-tags"}, has_tables,
         "every table carries the required tags", "the files define no table"},
    };
    return list;
}

// A finding counts against a practice when it is at least a warning, or comes from a check
// whose findings are infos by design (a missing hardening step is what "not met" means);
// the client-side practice counts only the open key grants (its infos are the good pattern).
bool counts(const Finding& f, std::string_view practice) {
    if (practice == "client-side-encryption") return f.severity >= Severity::warning;
    if (f.severity >= Severity::warning) return true;
    const CheckDoc* doc = find_check(f.check_id);
    return doc && doc->severity == Severity::info;
}

std::string where(const Finding& f) {
    return f.check_id + " " + f.path + ":" + std::to_string(f.location.line) + ":" + std::to_string(f.location.column);
}

}  // namespace

PracticeSummary summarize_practices(const Stack& stack, const std::vector<Finding>& findings,
                                    const LintOptions& options) {
    PracticeSummary summary;
    summary.stack = stack.path;
    // A Terraform module is its directory, whichever of its files the stack is named after.
    if (stack.format == SourceFormat::terraform) {
        const std::size_t slash = stack.path.find_last_of('/');
        summary.stack = slash == std::string::npos ? "." : slash == 0 ? "/" : stack.path.substr(0, slash);
    }
    for (const Definition& d : definitions()) {
        PracticeResult r;
        r.id = d.id;
        r.title = d.title;
        r.detective = d.detective;
        bool visible = d.visible(stack, options);
        for (const Finding& f : findings) {
            if (std::find(d.checks.begin(), d.checks.end(), f.check_id) == d.checks.end()) continue;
            visible = true;  // a finding about it shows it (the client-side practice has no other sign)
            if (counts(f, d.id)) r.findings.push_back(where(f));
        }
        std::sort(r.findings.begin(), r.findings.end());
        r.findings.erase(std::unique(r.findings.begin(), r.findings.end()), r.findings.end());
        // No check speaks for a missing recorder: with stack-complete set, its absence is the finding.
        if (d.id == "config-recording" && options.stack_complete && stack.config_recorders.empty() &&
            !stack.tables.empty()) {
            r.status = PracticeStatus::not_met;
            r.why = "stack-complete is set and the files define no AWS Config recorder";
        } else if (!r.findings.empty()) {
            r.status = PracticeStatus::not_met;
            r.why = std::to_string(r.findings.size()) + (r.findings.size() == 1 ? " finding shows" : " findings show") +
                    " it is not met";
        } else if (visible) {
            r.status = PracticeStatus::met;
            r.why = std::string(d.met);
        } else {
            r.status = PracticeStatus::not_visible;
            r.why = std::string(d.hidden);
        }
        summary.practices.push_back(std::move(r));
    }
    return summary;
}

}  // namespace analyze
}  // namespace ddbguard
