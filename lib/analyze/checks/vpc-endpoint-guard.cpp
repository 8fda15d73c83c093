// Hardening: DynamoDB access allowed from anywhere, not pinned to VPC endpoints.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {

namespace {

constexpr std::string_view kNetworkKeys[] = {"aws:SourceVpce", "aws:SourceVpc"};

// A Deny on StringNotEquals[IfExists] aws:SourceVpce/aws:SourceVpc, or an Allow whose positive
// condition on one of those keys limits it to endpoints.
bool pins_network(const Statement& st) {
    for (std::string_view key : kNetworkKeys)
        for (const ConditionEntry* c : conditions_on(st, key)) {
            OperatorParts parts = split_operator(c->op);
            if (!parts.qualifier.empty()) continue;
            const bool negated = parts.base.find("Not") != std::string_view::npos;
            if (st.effect == Effect::deny && negated) return true;
            if (st.effect == Effect::allow && !negated && !parts.if_exists) return true;
        }
    return false;
}

class VpcEndpointGuard final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        // End users' devices call DynamoDB from the internet: no endpoint to pin them to.
        if (ctx.principal() && ctx.principal()->end_user) return;
        const auto at = unguarded_dynamodb_allow(ctx, pins_network);
        if (!at) return;
        ctx.report(doc_, *at->policy, at->statement->loc,
                   "DynamoDB access is allowed from any network: no Deny with StringNotEquals on aws:SourceVpce or "
                   "aws:SourceVpc pins it to your VPC endpoints (fine for clients outside a VPC)",
                   "If the clients run in a VPC, add {\"Effect\": \"Deny\", \"Action\": \"dynamodb:*\", \"Resource\": "
                   "\"*\", \"Condition\": {\"StringNotEquals\": {\"aws:SourceVpce\": \"vpce-0123456789abcdef0\"}}}; "
                   "aws:SourceIp cannot do this (it is absent on calls through an endpoint)");
    }

private:
    CheckDoc doc_{
        "vpc-endpoint-guard", Severity::info,
        R"txt(DynamoDB access is allowed without pinning it to VPC endpoints.)txt",
        R"txt(For identity policies and table resource policies that allow DynamoDB actions, looks (over the whole
policy set) for a Deny covering DynamoDB actions with a negated condition (StringNotEquals,
StringNotEqualsIfExists) on aws:SourceVpce or aws:SourceVpc, or for every DynamoDB Allow carrying a
positive condition on one of them. Without either, reports one info at the first DynamoDB Allow.
Policies with no DynamoDB Allow are left alone, and so are roles of a template that end users
assume (an identity pool's roles, web identity trust): their calls come from devices on the
internet. A hardening suggestion only.)txt",
        R"txt(Credentials of an application that runs in a VPC are usable from anywhere on the internet once
leaked. aws:SourceVpce and aws:SourceVpc are set on calls through gateway and interface endpoints
(DynamoDB Developer Guide, "Using IAM policies to control access to VPC endpoints"; IAM User Guide,
global condition keys), so a Deny on them keeps stolen credentials from working outside the network.)txt",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"},
{"Effect": "Deny", "Action": "dynamodb:*", "Resource": "*",
 "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0123456789abcdef0"}}})json",
        R"txt(Severity: info: a hardening suggestion, right only for clients inside a VPC.)txt",
    };
};

}  // namespace

const Check& vpc_endpoint_guard() {
    static const VpcEndpointGuard check;
    return check;
}

}  // namespace ddbguard::analyze
