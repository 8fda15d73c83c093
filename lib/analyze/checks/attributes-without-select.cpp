// An Attributes allow-list on reads without a Select guard.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

using isolation::Cause;

class AttributesWithoutSelect final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || !conditions_on(st, "dynamodb:Select").empty()) continue;
                const auto cols = isolation::column_conditions(st);
                if (cols.empty()) continue;
                if (isolation::first_covered(st, {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                                                  "dynamodb:Scan", "dynamodb:PartiQLSelect"}).empty())
                    continue;
                const isolation::Analysis& analysis = context.analysis();
                const isolation::Leak* leak = analysis.simplest({Cause::no_projection, Cause::projected_index}, &st);
                if (!leak) continue;
                isolation::report_leak(
                    context, doc_, *policy, cols.front()->key_loc,
                    describe(st) + " limits reads with " + cols.front()->op + " on dynamodb:Attributes but sets no "
                    "condition on dynamodb:Select: a read without a projection names only the key attributes, "
                    "passes the allow-list, and returns every attribute",
                    isolation::fix_for(Cause::no_projection), analysis, *leak);
            }
        }
    }

private:
    CheckDoc doc_{
        "attributes-without-select", Severity::error,
        R"txt(A column allow-list on reads has no dynamodb:Select guard.)txt",
        R"txt(Reports an Allow statement that conditions dynamodb:Attributes, covers a read action (GetItem, BatchGetItem, Query, Scan, PartiQLSelect) and has no dynamodb:Select condition, when the evaluator allows a read with Select ALL_ATTRIBUTES (or ALL_PROJECTED_ATTRIBUTES on an index). The counterexample is that read.)txt",
        R"txt(dynamodb:Attributes holds the attribute names the request names. A GetItem or Query without ProjectionExpression names only the key, which is on the list, yet DynamoDB returns the whole item. The IAM User Guide's "Allows access to specific attributes" example pairs the list with dynamodb:Select = SPECIFIC_ATTRIBUTES for this reason.)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["UserId", "GameTitle", "TopScore"]}}})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["UserId", "GameTitle", "TopScore"]},
               "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}})json",
        R"txt(Severity: error: the counterexample proves hidden attributes are readable.)txt",
    };
};

}  // namespace

const Check& attributes_without_select() {
    static const AttributesWithoutSelect check;
    return check;
}

}  // namespace ddbguard::analyze
