// A hard-coded row-filter value that reads like a policy variable.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

using isolation::Cause;

class LiteralLeadingKeys final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const auto& [policy, st, c] : isolation::allow_row_conditions(context.policies()))
            for (const Value& v : c->values) {
                if (v.text.find("${") != std::string::npos && v.text.find('}') != std::string::npos) continue;
                if (!isolation::looks_like_variable(v.text)) continue;
                const isolation::Analysis& analysis = context.analysis();
                const isolation::Leak* leak = analysis.simplest({Cause::literal_key}, st);
                if (!leak) continue;
                isolation::report_leak(context, doc_, *policy, v.loc,
                                       describe(*st) + " filters rows on the hard-coded value '" + v.text + "' of " +
                                           c->key + ", which reads like a policy variable that is not written as one: "
                                           "every caller gets the same partition, and none gets their own",
                                       isolation::fix_for(Cause::literal_key), analysis, *leak);
            }
    }

private:
    CheckDoc doc_{
        "literal-leading-keys", Severity::error,
        R"txt(A row filter holds a hard-coded value where a policy variable was surely meant.)txt",
        R"txt(Reports a dynamodb:LeadingKeys (or *PartitionKeyValues) value in an Allow that is literal text shaped like an identity variable: a variable name without "${...}" (cognito-identity.amazonaws.com:sub, aws:username), or one with a stray '$', '{' or '}' or an unclosed "${". A plain literal such as a tenant id is not reported. The counterexample is a request for that literal partition, allowed to any caller.)txt",
        R"txt(IAM substitutes only "${key}" (IAM User Guide, "IAM policy elements: Variables and tags"). Anything else is compared as written, so the filter admits one fixed partition key for everyone: all callers share it, and no caller reaches their own rows.)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:Query", "dynamodb:UpdateItem"],
 "Resource": "arn:aws:dynamodb:us-west-2:123456789012:table/Wishlists",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["www.amazon.com:user_id"]}}})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:Query", "dynamodb:UpdateItem"],
 "Resource": "arn:aws:dynamodb:us-west-2:123456789012:table/Wishlists",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${www.amazon.com:user_id}"]}}})json",
        R"txt(Severity: error: the counterexample proves every caller reaches the same hard-coded partition.)txt",
    };
};

}  // namespace

const Check& literal_leading_keys() {
    static const LiteralLeadingKeys check;
    return check;
}

}  // namespace ddbguard::analyze
