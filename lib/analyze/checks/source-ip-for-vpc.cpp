// aws:SourceIp used to fence DynamoDB access: absent on calls through VPC endpoints.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {

namespace {

bool set_uses_endpoint_keys(const std::vector<const Policy*>& set) {
    for (const Policy* policy : set)
        for (const Statement& st : policy->statements)
            if (has_condition_on(st, "aws:SourceVpce") || has_condition_on(st, "aws:SourceVpc") ||
                has_condition_on(st, "aws:VpcSourceIp"))
                return true;
    return false;
}

class SourceIpForVpc final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        if (set_uses_endpoint_keys(ctx.policies())) return;
        for (const Policy* policy : ctx.policies())
            for (const Statement& st : policy->statements) {
                if (st.effect == Effect::invalid || !covers_any_action(st, "dynamodb")) continue;
                for (const ConditionEntry* c : conditions_on(st, "aws:SourceIp")) {
                    OperatorParts parts = split_operator(c->op);
                    const bool negated = parts.base.find("Not") != std::string_view::npos;
                    // Absent key: positive operators are false, negated ones and IfExists true (§2).
                    const bool applies_when_absent = negated || parts.if_exists;
                    std::string consequence;
                    if (st.effect == Effect::allow)
                        consequence = applies_when_absent
                                          ? "this Allow then applies from any network, so the IP fence is bypassed"
                                          : "this Allow never applies to calls through an endpoint, so they fail";
                    else
                        consequence = applies_when_absent
                                          ? "this Deny then refuses every call through an endpoint"
                                          : "this Deny then never fires for calls through an endpoint, so the "
                                            "IP fence is bypassed";
                    ctx.report(doc_, *policy, c->key_loc,
                               describe(st) + " fences DynamoDB access with aws:SourceIp, but calls that reach "
                                              "DynamoDB through a VPC endpoint carry no aws:SourceIp: " +
                                   consequence,
                               "For clients in a VPC use aws:SourceVpce (or aws:SourceVpc, aws:VpcSourceIp for "
                               "private addresses), e.g. a Deny with {\"StringNotEquals\": {\"aws:SourceVpce\": "
                               "\"vpce-0123456789abcdef0\"}}; keep aws:SourceIp only for callers on the public "
                               "internet");
                }
            }
    }

private:
    CheckDoc doc_{
        "source-ip-for-vpc", Severity::warning,
        R"txt(aws:SourceIp fences DynamoDB access, but it is absent on calls through a VPC endpoint.)txt",
        R"txt(Reports each aws:SourceIp condition in a statement (Allow or Deny) covering DynamoDB actions when no
statement of the policy set uses aws:SourceVpce, aws:SourceVpc or aws:VpcSourceIp. The message says
what the condition does when the key is absent: a positive IpAddress makes an Allow never apply and a
Deny never fire; NotIpAddress or IfExists makes an Allow always apply and a Deny always fire.)txt",
        R"txt(Requests that reach DynamoDB through a gateway or interface VPC endpoint carry the private address in
aws:VpcSourceIp and no aws:SourceIp (IAM User Guide, "AWS global condition context keys": aws:SourceIp).
An IP fence written for the public addresses of a NAT gateway then either blocks the application once an
endpoint is added, or silently stops protecting the table.)txt",
        R"json({"Effect": "Deny", "Action": "dynamodb:*", "Resource": "*",
 "Condition": {"IpAddress": {"aws:SourceIp": "198.51.100.0/24"}}})json",
        R"json({"Effect": "Deny", "Action": "dynamodb:*", "Resource": "*",
 "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0123456789abcdef0"}}})json",
        R"txt(Severity: warning: the guard very likely does not do what was meant on calls through a VPC endpoint.)txt",
    };
};

}  // namespace

const Check& source_ip_for_vpc() {
    static const SourceIpForVpc check;
    return check;
}

}  // namespace ddbguard::analyze
