// A VPC endpoint policy that lets anyone do anything with DynamoDB through the endpoint.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {

namespace {

class VpcEndpointPolicyOpen final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const Policy* policy : ctx.policies()) {
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || st.has_condition || !principal_is_public(st.principal)) continue;
                if (!endpoint_like(*policy, st, ctx)) continue;
                // Only "*" reaches every table (an endpoint policy naming tables restricts something).
                if (!st.has_resource || st.not_resource || st.resources.empty()) continue;
                bool any = true;
                for (const Value& r : st.resources) any = any && !any_table_reach(r.text).empty();
                if (!any) continue;
                if (!covers_action(st, "dynamodb:PutItem") && !covers_action(st, "dynamodb:DeleteTable") &&
                    !covers_action(st, "dynamodb:Scan"))
                    continue;
                ctx.report(doc_, *policy, public_principal_location(st.principal),
                           describe(st) + " lets any principal call " +
                               (covers_action(st, "dynamodb:DeleteTable") ? std::string("every DynamoDB action")
                                                                          : std::string("DynamoDB data actions")) +
                               " on every table through this endpoint: the endpoint policy restricts nothing",
                           "Name the tables (Resource) and actions the VPC needs, and pin principals with a "
                           "condition such as {\"StringEquals\": {\"aws:PrincipalAccount\": \"111122223333\"}} or "
                           "aws:PrincipalOrgID");
            }
        }
    }

private:
    CheckDoc doc_{
        "vpc-endpoint-policy-open", Severity::warning,
        R"txt(A VPC endpoint policy allows any principal DynamoDB actions on every table, without conditions.)txt",
        R"txt(For VPC endpoint policies (--kind vpc-endpoint, or a resource-kind policy whose statement has
Resource "*"), reports an Allow with Principal "*" (or AWS "*"), no Condition, Resource "*" and actions
covering DynamoDB data or table-management actions. Located at the principal.)txt",
        R"txt(The endpoint policy is the only place that limits what traffic leaving the VPC through the endpoint may
do. The default full-access policy lets code in the VPC write to any table of any account, an easy
exfiltration path (Amazon VPC PrivateLink guide, "Control access to VPC endpoints using endpoint
policies"; DynamoDB Developer Guide, gateway endpoints).)txt",
        R"json({"Effect": "Allow", "Principal": "*", "Action": "dynamodb:*", "Resource": "*"})json",
        R"json({"Effect": "Allow", "Principal": "*", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],
 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders",
 "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}})json",
        R"txt(Severity: warning: the endpoint policy very likely does not restrict what it was written for.)txt",
    };
};

}  // namespace

const Check& vpc_endpoint_policy_open() {
    static const VpcEndpointPolicyOpen check;
    return check;
}

}  // namespace ddbguard::analyze
