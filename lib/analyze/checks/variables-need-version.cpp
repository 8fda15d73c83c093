// Policy variables are substituted only under Version 2012-10-17.
#include "analyze/check.hpp"
#include "analyze/grammar_facts.hpp"
#include "evaluate/operators.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

class VariablesNeedVersion final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            if (policy->substitutes_variables()) continue;
            // Another Version value is invalid-version's finding; a non-string one is wrong-type's.
            if (policy->version && policy->version->text != "2008-10-17") continue;
            if (!policy->version && policy->root.member("Version")) continue;
            const std::string why = policy->version
                                        ? "Version \"2008-10-17\" does not substitute policy variables"
                                        : "the policy has no \"Version\", so IAM applies the 2008-10-17 rules and "
                                          "does not substitute policy variables";
            for (const Statement& st : policy->statements) {
                for (const Value& r : st.resources) {
                    if (r.text.find("${") == std::string::npos) continue;
                    std::string message = why + ": \"" + r.text + "\" is compared as literal text and names no " +
                                          "real resource, ";
                    if (st.not_resource)
                        message += st.effect == Effect::deny
                                       ? "so this NotResource exempts nothing and the Deny covers every resource"
                                       : "so this NotResource excludes nothing and the Allow covers every resource";
                    else
                        message += never_true_consequence(st);
                    context.report(doc_, *policy, r.loc, message, fix_);
                }
                for (const ConditionEntry& c : st.conditions) {
                    for (const Value& v : c.values) {
                        if (v.text.find("${") == std::string::npos) continue;
                        context.report(doc_, *policy, v.loc, condition_message(why, st, c, v), fix_);
                    }
                }
            }
        }
    }

private:
    static std::string condition_message(const std::string& why, const Statement& st, const ConditionEntry& c,
                                         const Value& v) {
        const eval::OperatorInfo op = eval::classify_operator(c.op);
        std::string message = why + ": " + c.key + " is compared with the literal text \"" + v.text + "\", ";
        const bool leading = util::iequals(c.key, "dynamodb:LeadingKeys");
        const std::string what = leading ? "no real partition key equals it" : "no real request value equals it";
        if (!op.negated) {
            message += what + ", ";
            if (leading && op.qualifier == eval::Qualifier::for_all_values && st.effect != Effect::deny)
                return message + "so the row filter lets no user reach their own items (requests without "
                                 "partition keys, such as Scan, still pass it vacuously)";
            return message + never_true_consequence(st);
        }
        message += what + ", so the negated operator " + c.op + " is true for every real value, ";
        if (st.effect == Effect::deny) return message + "and this Deny fires on every request it matches";
        return message + "and the statement applies to every user's " + (leading ? "rows" : "requests");
    }

    const std::string fix_ = "add \"Version\": \"2012-10-17\" as the first element of the policy";
    CheckDoc doc_{
        "variables-need-version", Severity::error,
        R"txt(A policy variable is used, but Version is missing or 2008-10-17, so it is literal text.)txt",
        R"txt(Reports every ${...} in Resource, NotResource and condition values of a policy whose Version is missing or "2008-10-17", and says what the literal comparison does to the statement: an Allow that never applies, a Deny that never fires, or a negated operator that is true for everyone.)txt",
        R"txt(IAM substitutes policy variables only in policies that declare Version "2012-10-17" (IAM User Guide, "IAM policy elements: Variables and tags"). Otherwise "${cognito-identity.amazonaws.com:sub}" is compared character by character: a dynamodb:LeadingKeys row filter then matches no real user's partition key, and a Deny built on it never fires, or always does. IAM Access Analyzer reports this as an error.)txt",
        R"json({"Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem",
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Notes",
  "Condition": {"ForAllValues:StringEquals":
    {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}}]})json",
        R"json({"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem",
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Notes",
  "Condition": {"ForAllValues:StringEquals":
    {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}}]})json",
        R"txt(Severity: error: the variables are compared as literal text, so the policy does not do what it says.)txt",
    };
};

}  // namespace

const Check& variables_need_version() {
    static const VariablesNeedVersion check;
    return check;
}

}  // namespace ddbguard::analyze
