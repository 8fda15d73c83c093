// A condition key with an empty list of values.
#include "analyze/check.hpp"
#include "evaluate/operators.hpp"

namespace ddbguard::analyze {
namespace {

class EmptyConditionValues final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements)
                for (const ConditionEntry& c : st.conditions) {
                    if (!c.values_is_array || !c.values.empty()) continue;
                    const eval::OperatorInfo op = eval::classify_operator(c.op);
                    std::string meaning;
                    if (op.qualifier == eval::Qualifier::for_all_values && !op.negated)
                        meaning = "with ForAllValues: it passes only requests that carry no value at all";
                    else if (op.negated)
                        meaning = "a negated operator with nothing to exclude excludes nothing";
                    else
                        meaning = "no value can match it";
                    context.report(doc_, *policy, c.key_loc,
                                   c.op + " on " + c.key + " lists no values: " + meaning +
                                       "; IAM Access Analyzer reports an empty value array as an error",
                                   "list the values the key must (or must not) have, or remove the key");
                }
    }

private:
    CheckDoc doc_{
        "empty-condition-values", Severity::error,
        R"txt(A condition key is given an empty array of values.)txt",
        R"txt(Reports a condition key whose value is [] under any operator.)txt",
        R"txt(An empty list states no intent and its outcome depends on the operator and qualifier in ways few readers know: a positive operator matches nothing, ForAllValues: passes only requests with no value for the key (for dynamodb:LeadingKeys: Scan and other key-less requests), a negated operator excludes nothing. IAM Access Analyzer reports it as an error.)txt",
        R"json("Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": []}})json",
        R"json("Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["Id", "Title"]}})json",
        R"txt(Severity: error: the condition can never hold (or holds vacuously), so the statement does not do what it says.)txt",
    };
};

}  // namespace

const Check& empty_condition_values() {
    static const EmptyConditionValues check;
    return check;
}

}  // namespace ddbguard::analyze
