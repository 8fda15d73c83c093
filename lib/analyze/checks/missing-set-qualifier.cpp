// A multivalued key compared without ForAllValues:/ForAnyValue:.
#include "analyze/check.hpp"
#include "util/text.hpp"
#include "analyze/statement_facts.hpp"
#include "evaluate/keys.hpp"
#include "evaluate/operators.hpp"

namespace ddbguard::analyze {
namespace {

class MissingSetQualifier final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements)
                for (const ConditionEntry& c : st.conditions) {
                    const eval::OperatorInfo op = eval::classify_operator(c.op);
                    if (op.family == eval::Family::unknown || op.family == eval::Family::null) continue;
                    if (op.qualifier != eval::Qualifier::none || !eval::is_multivalued_key(c.key)) continue;
                    // In an Allow the qualifier that restricts is ForAllValues (every value must pass);
                    // in a Deny, ForAnyValue (one offending value is enough to deny).
                    const bool deny = st.effect == Effect::deny;
                    const std::string fixed = std::string(deny ? "ForAnyValue:" : "ForAllValues:") + c.op;
                    std::string message =
                        c.key + " is multivalued, but " + c.op +
                        " has no ForAllValues:/ForAnyValue: qualifier: what IAM does with it is undocumented "
                        "(IAM Access Analyzer reports it as an error). ddbguard evaluates it fail-closed: ";
                    message += deny ? "it assumes this Deny fires, which a real request may not trigger"
                                    : "it assumes this Allow does not apply, though AWS may let requests through";
                    std::string fix = "write \"" + fixed + "\": {\"" + c.key + "\": [...]}";
                    if (deny && !op.negated) fix += " (deny when any value matches)";
                    else if (deny) fix += ", plus a Deny on Null {\"" + c.key + "\": \"true\"} for requests without it";
                    else fix += " (every value the request carries must match)";
                    context.report(doc_, *policy, c.op_loc, std::move(message), std::move(fix));
                    // Keys of other services: a warning. Their multivalued flag comes only from
                    // the SAR data, and AWS's own managed policies use such keys unqualified.
                    if (!util::istarts_with(c.key, "dynamodb:") && !util::istarts_with(c.key, "aws:") &&
                        !util::istarts_with(c.key, "cognito-identity.amazonaws.com:"))
                        context.findings().back().severity = Severity::warning;
                }
    }

private:
    CheckDoc doc_{
        "missing-set-qualifier", Severity::error,
        R"txt(A multivalued condition key is used with an operator that has no ForAllValues: or ForAnyValue: qualifier.)txt",
        R"txt(Reports conditions on multivalued keys (dynamodb:LeadingKeys, dynamodb:Attributes, aws:TagKeys, aws:CalledVia, the *PartitionKeyValues keys, cognito-identity.amazonaws.com:amr, ...) whose operator has no set qualifier. The fix names ForAllValues: for an Allow and ForAnyValue: for a Deny. Severity: error for DynamoDB, global and web-identity keys; warning for other services' keys, whose multivalued flag comes only from the SAR data.)txt",
        R"txt(A request can carry several values for these keys (BatchGetItem names one partition key per item). IAM defines how the set is compared only through the qualifiers (IAM User Guide, "Multivalued context keys"); DynamoDB's guide says dynamodb:LeadingKeys must be used with ForAllValues. Without one the result is undocumented, IAM Access Analyzer reports an error, and ddbguard evaluates the condition fail-closed (an Allow does not apply, a Deny does).)txt",
        R"json("Condition": {"StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}})json",
        R"json("Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}})json",
        R"txt(Severity: error: what IAM does is not documented and IAM Access Analyzer reports it as an error; warning where the key is single-valued on some actions.)txt",
    };
};

}  // namespace

const Check& missing_set_qualifier() {
    static const MissingSetQualifier check;
    return check;
}

}  // namespace ddbguard::analyze
