// '*' or '?' in a value of an exact String operator is literal text.
#include "analyze/check.hpp"
#include "analyze/grammar_facts.hpp"
#include "evaluate/operators.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

class WildcardWithoutLike final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements)
                for (const ConditionEntry& c : st.conditions) {
                    const eval::OperatorInfo op = eval::classify_operator(c.op);
                    // ArnEquals matches wildcards like ArnLike (IAM User Guide, "ARN condition operators").
                    if (op.family != eval::Family::string && op.family != eval::Family::string_ignore_case) continue;
                    for (const Value& v : c.values) {
                        // ${*} and ${?} are the escapes for a literal '*' and '?': deliberate.
                        if (!util::has_wildcard(without_variables(v.text))) continue;
                        const std::string like = std::string(op.negated ? "StringNotLike" : "StringLike") +
                                                 (op.if_exists ? "IfExists" : "");
                        std::string message = c.op + " compares \"" + v.text +
                                              "\" literally: '*' and '?' are wildcards only for StringLike and "
                                              "StringNotLike, so only a value with those exact characters matches";
                        message += op.negated ? (st.effect == Effect::deny ? ", and this Deny fires for nearly every value"
                                                                           : ", and the condition holds for nearly every value")
                                              : (st.effect == Effect::deny ? ", and this Deny almost never fires"
                                                                           : ", and this Allow almost never applies");
                        std::string qualifier = op.qualifier == eval::Qualifier::for_all_values  ? "ForAllValues:"
                                                : op.qualifier == eval::Qualifier::for_any_value ? "ForAnyValue:"
                                                                                                  : "";
                        context.report(doc_, *policy, v.loc, std::move(message),
                                       "write \"" + qualifier + like +
                                           "\" if the wildcard is meant, or ${*} / ${?} for a literal character");
                    }
                }
    }

private:
    CheckDoc doc_{
        "wildcard-without-like", Severity::warning,
        R"txt(A condition value contains '*' or '?' under an operator that does not match wildcards.)txt",
        R"txt(Reports values with '*' or '?' under StringEquals, StringNotEquals and their IgnoreCase and IfExists forms. The escapes ${*} and ${?} and policy variables are not counted; Arn operators are not reported, since ArnEquals matches wildcards too.)txt",
        R"txt(Only StringLike and StringNotLike treat '*' and '?' as wildcards (IAM User Guide, "String condition operators"). Under StringEquals, "dynamodb.*.amazonaws.com" matches only that exact text: an Allow with it grants nothing, a negated operator holds for every value. IAM Access Analyzer reports it as a suggestion; we warn, because the author almost always meant StringLike.)txt",
        R"json("Condition": {"StringEquals": {"kms:ViaService": "dynamodb.*.amazonaws.com"}})json",
        R"json("Condition": {"StringLike": {"kms:ViaService": "dynamodb.*.amazonaws.com"}})json",
        R"txt(Severity: warning: the '*' or '?' is compared literally, very likely not what was meant.)txt",
    };
};

}  // namespace

const Check& wildcard_without_like() {
    static const WildcardWithoutLike check;
    return check;
}

}  // namespace ddbguard::analyze
