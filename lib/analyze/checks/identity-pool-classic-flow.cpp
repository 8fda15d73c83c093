// An identity pool allows the basic flow, and a role it hands out does not check amr.
#include "analyze/check.hpp"
#include "analyze/stack_facts.hpp"
#include "analyze/risk_facts.hpp"

namespace ddbguard::analyze {
namespace {

class IdentityPoolClassicFlow final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    bool stack_scope() const override { return true; }
    void run(Context& context) const override {
        const Stack& stack = *context.stack();
        for (const StackIdentityPool& pool : stack.identity_pools)
            if (pool.classic_flow) check_pool(context, stack, pool);
    }

private:
    // One finding per pool: the first of its roles whose trust does not check amr.
    void check_pool(Context& context, const Stack& stack, const StackIdentityPool& pool) const {
        for (const std::string& id : {pool.authenticated_role, pool.unauthenticated_role})
            for (const StackPrincipal* role : principals_named(stack, id)) {
                if (!role->trust) continue;
                const Policy& trust = stack.documents[*role->trust].policy;
                bool amr = false;
                for (const CognitoTrust& t : cognito_trusts({&trust}, "amr")) amr = amr || !t.claims.empty();
                if (amr) continue;
                report_at(context, doc_, Severity::warning, pool.owner,
                          "the pool allows the basic (classic) authentication flow, in which clients call "
                          "sts:AssumeRoleWithWebIdentity themselves, and the trust policy of " + role->owner.id +
                              " does not check cognito-identity.amazonaws.com:amr: a guest identity can assume the "
                              "role meant for signed-in users",
                          "turn the basic flow off (AllowClassicFlow: false / allow_classic_flow = false), or add "
                          "\"ForAnyValue:StringLike\": {\"cognito-identity.amazonaws.com:amr\": \"authenticated\"} to the trust");
                return;
            }
    }

    CheckDoc doc_{
        "identity-pool-classic-flow", Severity::warning,
        R"txt(An identity pool allows the basic (classic) flow while a role it hands out does not check amr.)txt",
        R"txt(Reports a Cognito identity pool with AllowClassicFlow (Terraform: allow_classic_flow) set when the trust policy of its authenticated or unauthenticated role in the stack has no condition on cognito-identity.amazonaws.com:amr.)txt",
        R"txt(In the basic flow the client takes an OpenID token from Cognito and calls AssumeRoleWithWebIdentity on a role of its choosing; only the role's trust policy decides (Amazon Cognito Developer Guide, "Identity pools authentication flow"). Without an amr condition a guest token can assume the authenticated role.)txt",
        R"json(IdentityPool:
  Properties: {AllowClassicFlow: true}
UserRole trust: {"StringEquals": {"cognito-identity.amazonaws.com:aud": "<pool>"}})json",
        R"json(UserRole trust: {"StringEquals": {"cognito-identity.amazonaws.com:aud": "<pool>"},
  "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}})json",
        R"txt(Severity: warning: very likely wrong; whether a guest reaches data depends on what the role grants.)txt",
    };
};

}  // namespace

const Check& identity_pool_classic_flow() {
    static const IdentityPoolClassicFlow check;
    return check;
}

}  // namespace ddbguard::analyze
