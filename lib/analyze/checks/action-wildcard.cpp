// "*", "dynamodb:*" and wildcard patterns that grant DynamoDB write or permissions actions.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "ddbguard/catalog.hpp"

namespace ddbguard::analyze {

namespace {

class ActionWildcard final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        const std::vector<std::string>& all = catalog::actions_of("dynamodb");
        for (const Policy* policy : ctx.policies()) {
            // Trust, KMS key and VPC endpoint policies have checks of their own.
            if (policy->kind == PolicyKind::trust || policy->kind == PolicyKind::kms_key ||
                policy->kind == PolicyKind::vpc_endpoint)
                continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || st.not_action) continue;
                if (endpoint_like(*policy, st, ctx)) continue;  // vpc-endpoint-policy-open
                for (const Value& v : st.actions) {
                    if (!action_wildcard_reports(v)) continue;
                    std::vector<std::string> matched, dangerous, writes;
                    for (const std::string& a : all) {
                        if (!action_pattern_matches(v.text, a)) continue;
                        matched.push_back(a);
                        auto info = catalog::find_action(a);
                        if (info && info->access != catalog::AccessLevel::read &&
                            info->access != catalog::AccessLevel::list && danger_of(a).empty())
                            writes.push_back(a);
                    }
                    dangerous = dangerous_among(matched);
                    std::string message = "\"" + v.text + "\" in " + describe(st) + " grants ";
                    if (v.text == "*")
                        message += "every action of every AWS service (iam:PassRole, cloudtrail:StopLogging ...), "
                                   "and ";
                    message += std::to_string(matched.size()) + " DynamoDB actions";
                    if (!dangerous.empty()) message += ", among them " + std::to_string(dangerous.size()) + " dangerous ones: " + join_list(dangerous, 5);
                    else if (!writes.empty()) message += ", including the writes " + join_list(writes, 5);
                    message += ", and every action AWS adds that matches it";
                    std::string fix;
                    if (matched.size() <= 12) {
                        fix = "List the actions the application calls instead of \"" + v.text +
                              "\"; it expands to: ";
                        for (std::size_t i = 0; i < matched.size(); ++i)
                            fix += (i ? ", \"" : "\"") + matched[i] + "\"";
                        fix += "; keep only those you need";
                    } else {
                        fix = "List only the actions the application calls, e.g. \"Action\": [\"dynamodb:GetItem\", "
                              "\"dynamodb:Query\", \"dynamodb:PutItem\", \"dynamodb:UpdateItem\"]";
                    }
                    ctx.report(doc_, *policy, v.loc, std::move(message), std::move(fix));
                }
            }
        }
    }

private:
    CheckDoc doc_{
        "action-wildcard", Severity::warning,
        R"txt(An Allow grants "*", "dynamodb:*" or a wildcard pattern covering DynamoDB write or permissions actions.)txt",
        R"txt(Reports each Action value of an Allow statement that is "*", or a wildcard pattern (dynamodb:*,
dynamodb:*Item, dynamodb:Delete*, dynamo*:*) matching at least one DynamoDB action of Write, Permissions
management or Tagging access level. The message counts what it grants and names the dangerous actions
among them; the fix spells out the pattern's expansion when it is short. Read-only patterns
(dynamodb:Get*, dynamodb:Describe*, dynamodb:List*, as in AWS's read-only managed policy) are not
reported, nor are Deny statements (a wildcard there widens a guard). NotAction is reported by
allow-not-action; dangerous actions named one by one by dangerous-action.)txt",
        R"txt(A wildcard grants every matching action that exists now and every one AWS adds later: dynamodb:*
includes DeleteTable, PutResourcePolicy, ExportTableToPointInTime and UpdateContinuousBackups, and
dynamodb:*Item includes DeleteItem next to GetItem. Least privilege means listing what the application
calls (IAM User Guide, "Security best practices in IAM": grant least privilege).)txt",
        R"json({"Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"],
 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"txt(Severity: warning: very likely grants more than the application needs.)txt",
    };
};

}  // namespace

const Check& action_wildcard() {
    static const ActionWildcard check;
    return check;
}

}  // namespace ddbguard::analyze
