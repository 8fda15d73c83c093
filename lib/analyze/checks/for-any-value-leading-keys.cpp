// ForAnyValue on a row key in an Allow: one matching key lets the others through.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

using isolation::Cause;

class ForAnyValueLeadingKeys final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const auto& [policy, st, c] : isolation::allow_row_conditions(context.policies())) {
            const OperatorParts parts = split_operator(c->op);
            if (parts.qualifier != "ForAnyValue") continue;
            const bool literal = isolation::row_filter_of(*st) == isolation::RowFilter::literal;
            const std::string what = describe(*st) + " filters rows with " + c->op + " on " + c->key +
                                     ": ForAnyValue holds when ONE requested partition key matches, so a batch "
                                     "request that adds " +
                                     (literal ? "a key outside the listed partitions" : "another user's key") +
                                     " passes";
            // The corrected condition, with the policy's own operator and values.
            std::vector<std::string> values;
            for (const Value& v : c->values) values.push_back(v.text);
            const std::string op = "ForAllValues:" + std::string(parts.base) + (parts.if_exists ? "IfExists" : "");
            const std::string fix = "write {\"" + op + "\": {\"" + c->key + "\": [" + util::json_string_list(values) +
                                    "]}} so that every requested partition key must be " +
                                    (literal ? "one of the listed" : "the caller's");
            const isolation::Analysis& analysis = context.analysis();
            if (const isolation::Leak* leak = analysis.simplest({Cause::mixed_keys, Cause::other_key}, st))
                isolation::report_leak(context, doc_, *policy, c->op_loc, what, fix, analysis, *leak);
            else
                context.report(Finding{std::string(doc_.id), Severity::warning, what, fix, policy->path, c->op_loc, {},
                                       std::nullopt});
        }
    }

private:
    CheckDoc doc_{
        "for-any-value-leading-keys", Severity::error,
        R"txt(An Allow filters dynamodb:LeadingKeys with ForAnyValue instead of ForAllValues.)txt",
        R"txt(Reports a ForAnyValue: operator on dynamodb:LeadingKeys (or a *PartitionKeyValues key) in an Allow statement. When the set grants a batch action (BatchGetItem, BatchWriteItem) that the evaluator then allows with the keys [caller, other user], the finding is an error with that request as counterexample; otherwise it is a warning.)txt",
        R"txt(ForAnyValue is true when at least one request value matches (IAM User Guide, "Multivalued context keys"). A BatchGetItem that asks for the caller's own key and another user's key therefore passes and returns both users' items. The DynamoDB Developer Guide uses ForAllValues with LeadingKeys for this reason.)txt",
        R"json({"Sid": "OwnScores", "Effect": "Allow",
 "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAnyValue:StringEquals":
   {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}})json",
        R"json({"Sid": "OwnScores", "Effect": "Allow",
 "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals":
   {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}})json",
        R"txt(Severity: error with a counterexample; warning when the set grants no batch action through which the evaluator can prove it.)txt",
    };
};

}  // namespace

const Check& for_any_value_leading_keys() {
    static const ForAnyValueLeadingKeys check;
    return check;
}

}  // namespace ddbguard::analyze
