// A grant without the row filter on a table that another statement row-scopes.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"
#include "evaluate/wildcard.hpp"

namespace ddbguard::analyze {
namespace {

using isolation::Cause;

// The Resource entry of `st` that matches `arn`, or the Resource element itself.
Location resource_location(const Statement& st, const std::string& arn) {
    if (!st.not_resource) {
        for (const Value& r : st.resources) {
            if (r.text.find("${") != std::string::npos) continue;
            eval::Pattern p;
            p.append_wild(r.text);
            if (eval::arn_match(p.view(), arn)) return r.loc;
        }
    }
    return st.resource_loc;
}

class UnscopedRegrant final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        // Only an allow-list row filter can be cancelled by another Allow.
        const isolation::StatementRef* scoped = nullptr;
        std::optional<isolation::Analysis> analysis;
        for (const Policy* policy : context.policies()) {
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || !isolation::row_conditions(st).empty()) continue;
                if (covered_actions(st).empty()) continue;
                if (!analysis) {
                    analysis.emplace(context.policies());
                    for (const isolation::StatementRef& ref : analysis->intent().row_statements)
                        if (ref.statement->effect == Effect::allow) {
                            scoped = &ref;
                            break;
                        }
                }
                if (!scoped) return;
                const auto& causes = isolation::explained_causes(doc_.id);
                const isolation::Leak* leak = analysis->simplest(causes, &st);
                if (!leak) continue;
                const auto rows = isolation::row_conditions(*scoped->statement);
                Finding f;
                f.check_id = std::string(doc_.id);
                f.severity = Severity::error;
                f.message = describe(st) + " allows " + leak->request.action + " on " + leak->request.resource +
                            " with no dynamodb:LeadingKeys condition, while " + describe(*scoped->statement) +
                            " restricts the same table to the caller's rows: Allows add up, so this grant "
                            "cancels the row filter";
                f.fix = "remove " + leak->request.action +
                        " (and the other item actions) from this statement, or give it the same row filter " +
                        rows.front()->op + " on " + rows.front()->key;
                f.path = policy->path;
                f.location = resource_location(st, leak->request.resource);
                f.related.push_back({scoped->policy->path, rows.front()->key_loc, "the row filter it cancels"});
                f.counterexample = analysis->counterexample(*leak);
                context.report(std::move(f));
            }
        }
    }

private:
    CheckDoc doc_{
        "unscoped-regrant", Severity::error,
        R"txt(Another statement or attached policy grants the row-scoped table without the row filter.)txt",
        R"txt(Reports an Allow statement without any dynamodb:LeadingKeys condition that grants DynamoDB item actions on a table (its ARN, an index, table/*, or *) which another Allow of the same policy set restricts with a row filter. With `ddbguard lint --bundle`, the statements may sit in different files of one principal. The counterexample is a request for another user's partition that this statement allows.)txt",
        R"txt(IAM allows a request when any applicable Allow matches and no Deny does (IAM User Guide, "Policy evaluation logic"): a second statement that grants the same actions without the condition makes the row filter meaningless.)txt",
        R"json([{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
  "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}},
 {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/*"}])json",
        R"json([{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
  "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}},
 {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Settings"}])json",
    };
};

}  // namespace

const Check& unscoped_regrant() {
    static const UnscopedRegrant check;
    return check;
}

}  // namespace ddbguard::analyze
