// A table or stream policy that grants access to everyone: Block Public Access refuses it.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

namespace {

// Keys whose fixed values make a grant "not public" (DynamoDB Developer Guide, "Block public
// access with resource-based policies"; the same list as Amazon S3's).
constexpr std::string_view kTrustedKeys[] = {
    "aws:PrincipalAccount", "aws:PrincipalArn",         "aws:PrincipalOrgID",       "aws:PrincipalOrgPaths",
    "aws:SourceAccount",    "aws:SourceArn",            "aws:SourceVpc",            "aws:SourceVpce",
    "aws:UserId",           "aws:PrincipalServiceName", "aws:PrincipalServiceNamesList",
    "aws:PrincipalIsAWSService", "aws:Ec2InstanceSourceVpc", "aws:SourceOrgID", "aws:SourceOrgPaths"};

bool fixed_values(const ConditionEntry& c) {
    if (c.values.empty()) return false;
    for (const Value& v : c.values)
        if (v.text.empty() || util::has_wildcard(v.text) ||
            v.text.find("${") != std::string::npos)
            return false;
    return true;
}

bool restricted_by_trusted_key(const Statement& st) {
    for (const ConditionEntry& c : st.conditions) {
        bool trusted = false;
        for (std::string_view k : kTrustedKeys) trusted = trusted || util::iequals(c.key, k);
        if (!trusted || !fixed_values(c)) continue;
        OperatorParts parts = split_operator(c.op);
        if (parts.if_exists || parts.qualifier == "ForAllValues") continue;
        if (parts.base.find("Not") != std::string_view::npos) continue;
        if (util::iequals(c.key, "aws:PrincipalIsAWSService")) {
            if (parts.base == "Bool" && c.values.size() == 1 && util::iequals(c.values[0].text, "true")) return true;
            continue;
        }
        if (parts.base == "Bool" || parts.base == "Null") continue;
        return true;
    }
    return false;
}

class PublicResourcePolicy final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const Policy* policy : ctx.policies()) {
            if (policy->kind != PolicyKind::resource) continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || st.not_principal || !principal_is_public(st.principal)) continue;
                // Resource "*" everywhere: an endpoint policy, judged by vpc-endpoint-policy-open.
                if (endpoint_like(*policy, st, ctx)) continue;
                if (restricted_by_trusted_key(st)) continue;
                ctx.report(doc_, *policy, public_principal_location(st.principal),
                           describe(st) + " grants access to any principal, with no condition on a trusted key "
                                          "holding a fixed value: DynamoDB Block Public Access will refuse this "
                                          "policy",
                           "Name the principals, e.g. \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/App\"}, "
                           "or keep \"*\" and add {\"StringEquals\": {\"aws:PrincipalAccount\": \"111122223333\"}} "
                           "(or aws:PrincipalOrgID, aws:SourceVpce, aws:PrincipalArn without wildcards)");
            }
        }
    }

private:
    CheckDoc doc_{
        "public-resource-policy", Severity::error,
        R"txt(A DynamoDB resource-based policy grants access to any principal: DynamoDB refuses it.)txt",
        R"txt(For resource-based policies (table or stream), reports each Allow with Principal "*" or {"AWS": "*"}
that has no positive condition on a trusted key whose values are free of wildcards and policy variables.
Trusted keys: aws:PrincipalAccount, PrincipalArn, PrincipalOrgID, PrincipalOrgPaths, SourceAccount,
SourceArn, SourceVpc, SourceVpce, UserId, PrincipalServiceName, PrincipalServiceNamesList,
PrincipalIsAWSService (Bool "true"), Ec2InstanceSourceVpc, SourceOrgID, SourceOrgPaths. Negated
operators, IfExists and ForAllValues do not count (they are true when the key is absent). A statement
whose every Resource is "*" is taken for a VPC endpoint policy (see vpc-endpoint-policy-open) unless
--kind resource is given.)txt",
        R"txt(DynamoDB Block Public Access is always on: PutResourcePolicy and CreateTable refuse a policy that
grants public access (DynamoDB Developer Guide, "Block public access with resource-based policies").
The deployment fails; if it did not, anyone on the internet could call the table.)txt",
        R"json({"Effect": "Allow", "Principal": "*", "Action": "dynamodb:GetItem",
 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"json({"Effect": "Allow", "Principal": "*", "Action": "dynamodb:GetItem",
 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders",
 "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}})json",
        R"txt(Severity: error: DynamoDB refuses to store a policy that grants public access.)txt",
    };
};

}  // namespace

const Check& public_resource_policy() {
    static const PublicResourcePolicy check;
    return check;
}

}  // namespace ddbguard::analyze
