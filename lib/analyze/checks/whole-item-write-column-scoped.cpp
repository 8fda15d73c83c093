// PutItem, DeleteItem or BatchWriteItem in a column-scoped statement.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

using isolation::Cause;

class WholeItemWriteColumnScoped final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || isolation::column_conditions(st).empty()) continue;
                if (isolation::first_covered(st, {"dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"})
                        .empty())
                    continue;
                if (!isolation::row_conditions(st).empty()) {
                    const std::string action = isolation::first_covered(
                        st, {"dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"});
                    report_with(context, doc_, Severity::warning, *policy, isolation::action_location(st, action),
                                describe(st) + " grants " + action + " under a dynamodb:Attributes allow-list; its "
                                "row filter keeps it to the caller's own items, but it replaces or removes the whole "
                                "item, so the caller drops the attributes outside the list they may not see or "
                                "change (a moderation flag, a role)" +
                                    (conditions_on(st, "dynamodb:ReturnValues").empty() && action != "dynamodb:BatchWriteItem"
                                         ? std::string(", and without a dynamodb:ReturnValues guard ALL_OLD returns them")
                                         : std::string()),
                                "grant only dynamodb:UpdateItem if the caller must not change the other attributes");
                    continue;
                }
                const isolation::Analysis& analysis = context.analysis();
                const isolation::Leak* leak = analysis.simplest({Cause::whole_item_write}, &st);
                if (!leak) continue;
                isolation::report_leak(
                    context, doc_, *policy, isolation::action_location(st, leak->request.action),
                    describe(st) + " grants " + leak->request.action + " under a dynamodb:Attributes allow-list: "
                    "it writes or deletes the whole item, so attributes outside the list are replaced or removed",
                    isolation::fix_for(Cause::whole_item_write), analysis, *leak);
            }
        }
    }

private:
    CheckDoc doc_{
        "whole-item-write-column-scoped", Severity::error,
        R"txt(A column-scoped statement grants writes that replace or delete whole items.)txt",
        R"txt(Reports an Allow statement that conditions dynamodb:Attributes and covers dynamodb:PutItem, DeleteItem or BatchWriteItem, when the evaluator allows such a write for another user's items: an error, with that write (naming only allowed attributes) as counterexample. When the statement also has a row filter, the writes reach only the caller's own items (the DynamoDB Developer Guide's GameScores example grants them so): information only.)txt",
        R"txt(PutItem replaces the whole item and DeleteItem removes it; the request names only the attributes it sends (or the key), so the allow-list passes while the attributes the caller may not see or change are overwritten or deleted. Only UpdateItem touches named attributes alone.)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:UpdateItem", "dynamodb:PutItem"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["UserId", "GameTitle", "TopScore"]},
               "StringEqualsIfExists": {"dynamodb:ReturnValues": ["NONE", "UPDATED_OLD", "UPDATED_NEW"]}}})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:UpdateItem",
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["UserId", "GameTitle", "TopScore"]},
               "StringEqualsIfExists": {"dynamodb:ReturnValues": ["NONE", "UPDATED_OLD", "UPDATED_NEW"]}}})json",
        R"txt(Severity: error outside a row filter, where the counterexample proves other users' whole items are replaced or removed; warning inside one, where the caller still replaces their own item and drops the attributes they may not see (a moderation flag, a role).)txt",
    };
};

}  // namespace

const Check& whole_item_write_column_scoped() {
    static const WholeItemWriteColumnScoped check;
    return check;
}

}  // namespace ddbguard::analyze
