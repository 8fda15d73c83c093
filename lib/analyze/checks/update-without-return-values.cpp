// A column-scoped write without a ReturnValues restriction.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

using isolation::Cause;

class UpdateWithoutReturnValues final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || !conditions_on(st, "dynamodb:ReturnValues").empty()) continue;
                if (isolation::column_conditions(st).empty()) continue;
                const std::string action = isolation::first_covered(
                    st, {"dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:PartiQLUpdate",
                         "dynamodb:PartiQLDelete", "dynamodb:ConditionCheckItem"});
                if (action.empty()) continue;
                const isolation::Analysis& analysis = context.analysis();
                const isolation::Leak* leak = analysis.simplest({Cause::returns_whole_item}, &st);
                if (!leak) continue;
                isolation::report_leak(
                    context, doc_, *policy, isolation::action_location(st, leak->request.action),
                    describe(st) + " grants " + leak->request.action + " under a dynamodb:Attributes allow-list "
                    "but does not restrict dynamodb:ReturnValues: with ALL_OLD or ALL_NEW the write returns the "
                    "whole item, hidden attributes included",
                    isolation::fix_for(Cause::returns_whole_item), analysis, *leak);
            }
        }
    }

private:
    CheckDoc doc_{
        "update-without-return-values", Severity::error,
        R"txt(A column-scoped write can return the whole item through ReturnValues.)txt",
        R"txt(Reports an Allow statement that conditions dynamodb:Attributes, covers UpdateItem (or PutItem, DeleteItem, ConditionCheckItem, PartiQLUpdate, PartiQLDelete) and has no dynamodb:ReturnValues condition, when the evaluator allows such a write with ReturnValues ALL_OLD or ALL_NEW. The counterexample is that write.)txt",
        R"txt(ReturnValues ALL_OLD / ALL_NEW make DynamoDB return every attribute of the item, not only the ones the request names. The DynamoDB Developer Guide's column-level write example restricts dynamodb:ReturnValues to NONE, UPDATED_OLD and UPDATED_NEW for this reason.)txt",
        R"json({"Effect": "Allow", "Action": "dynamodb:UpdateItem",
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["UserId", "GameTitle", "TopScore"]}}})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:UpdateItem",
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["UserId", "GameTitle", "TopScore"]},
               "StringEqualsIfExists": {"dynamodb:ReturnValues": ["NONE", "UPDATED_OLD", "UPDATED_NEW"]}}})json",
        R"txt(Severity: error: the counterexample proves hidden attributes are returned.)txt",
    };
};

}  // namespace

const Check& update_without_return_values() {
    static const UpdateWithoutReturnValues check;
    return check;
}

}  // namespace ddbguard::analyze
