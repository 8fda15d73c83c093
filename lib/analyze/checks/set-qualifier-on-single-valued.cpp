// ForAllValues:/ForAnyValue: on a key that has at most one value.
#include "analyze/check.hpp"
#include "ddbguard/catalog.hpp"
#include "evaluate/keys.hpp"
#include "evaluate/operators.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

class SetQualifierOnSingleValued final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements)
                for (const ConditionEntry& c : st.conditions) check_one(context, *policy, st, c);
    }

private:
    void check_one(Context& context, const Policy& policy, const Statement& st, const ConditionEntry& c) const {
        const eval::OperatorInfo op = eval::classify_operator(c.op);
        if (op.family == eval::Family::unknown || op.qualifier == eval::Qualifier::none) return;
        const auto key = catalog::find_key(c.key);
        if (!key || eval::is_multivalued_key(c.key)) return;
        const std::string plain = std::string(op.base) + (op.if_exists ? "IfExists" : "");
        if (op.qualifier == eval::Qualifier::for_any_value) {
            // AWS's own DynamoDB examples write ForAnyValue:StringEquals on dynamodb:EnclosingOperation.
            if (util::iequals(c.key, "dynamodb:EnclosingOperation")) return;
            context.report(doc_, policy, c.op_loc,
                           std::string(key->name) + " has a single value, so ForAnyValue: adds nothing: " + c.op +
                               " behaves like " + std::string(op.base) + " (false when the key is absent)",
                           "write \"" + plain + "\"");
            context.findings().back().severity = Severity::info;
            return;
        }
        std::string message = std::string(key->name) + " has a single value, and ForAllValues: is true when the "
                              "key is absent from the request (there is no value to fail), ";
        message += st.effect == Effect::deny
                       ? "so the Deny also fires on requests without the key; if that is meant, say so with "
                         "an IfExists operator"
                       : "so this Allow also applies to every request that lacks the key";
        context.report(doc_, policy, c.op_loc, std::move(message),
                       "write \"" + plain + "\" (false when the key is absent), or \"" + std::string(op.base) +
                           "IfExists\" if absence should pass");
    }

    CheckDoc doc_{
        "set-qualifier-on-single-valued", Severity::warning,
        R"txt(ForAllValues: or ForAnyValue: is used on a single-valued condition key.)txt",
        R"txt(Reports set qualifiers on keys that the Service Authorization Reference or the global-key list gives at most one value. ForAllValues: is a warning; ForAnyValue: is an info (it only behaves like the plain operator) and is not reported on dynamodb:EnclosingOperation, where AWS's own examples use it.)txt",
        R"txt(ForAllValues: is vacuously true when the request has no value for the key (IAM User Guide, "Multivalued context keys"): on a single-valued key such as dynamodb:Select or aws:SourceVpce the condition then passes every request that lacks the key, which is rarely what the author meant. IAM Access Analyzer reports it as a security warning.)txt",
        R"json("Condition": {"ForAllValues:StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})json",
        R"json("Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})json",
        R"txt(Severity: warning for ForAllValues (it can be vacuously true); info for ForAnyValue, which AWS's own examples use on single-valued keys.)txt",
    };
};

}  // namespace

const Check& set_qualifier_on_single_valued() {
    static const SetQualifierOnSingleValued check;
    return check;
}

}  // namespace ddbguard::analyze
