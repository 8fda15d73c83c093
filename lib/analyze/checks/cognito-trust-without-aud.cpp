// Cognito role trust policy that does not pin the identity pool.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

namespace {

// "us-east-1:0e1f2a3b-..." : Region, colon, GUID; no wildcards or variables. Or the
// placeholder a template reader writes for an identity pool's id.
bool looks_like_pool_id(std::string_view id) {
    if (is_placeholder(id)) return true;  // a template's identity pool id, known at deploy time
    auto colon = id.find(':');
    if (colon == std::string_view::npos || colon == 0 || id.size() - colon - 1 != 36) return false;
    return id.find_first_of("*?$") == std::string_view::npos;
}

class CognitoTrustWithoutAud final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const CognitoTrust& t : cognito_trusts(ctx.policies(), "aud")) {
            bool pinned = false;
            std::string why = "has no condition on cognito-identity.amazonaws.com:aud";
            for (const ConditionEntry* c : t.claims) {
                const OperatorParts parts = split_operator(c->op);
                bool values_ok = !c->values.empty();
                for (const Value& v : c->values) values_ok = values_ok && looks_like_pool_id(v.text);
                if ((parts.base == "StringEquals" || parts.base == "StringLike") && !parts.if_exists &&
                    parts.qualifier != "ForAllValues" && values_ok) {
                    pinned = true;
                    break;
                }
                why = "has a condition on cognito-identity.amazonaws.com:aud (" + c->op +
                      ") that does not pin it to identity pool ids";
            }
            if (pinned) continue;
            ctx.report(doc_, *t.policy, t.federated->loc,
                       describe(*t.statement) + " trusts Cognito identities for sts:AssumeRoleWithWebIdentity but " +
                           why + ": identities of any identity pool, in any account, may assume this role",
                       "Add \"Condition\": {\"StringEquals\": {\"cognito-identity.amazonaws.com:aud\": "
                       "\"us-east-1:<identity-pool-guid>\"}, \"ForAnyValue:StringLike\": "
                       "{\"cognito-identity.amazonaws.com:amr\": \"authenticated\"}}");
        }
    }

private:
    CheckDoc doc_{
        "cognito-trust-without-aud", Severity::error,
        R"txt(A Cognito role trust policy does not pin cognito-identity.amazonaws.com:aud to an identity pool.)txt",
        R"txt(Reports each Allow statement whose Principal is {"Federated": "cognito-identity.amazonaws.com"} (or
.com.cn) and whose actions cover sts:AssumeRoleWithWebIdentity, unless it has StringEquals (or
StringLike without wildcards) on cognito-identity.amazonaws.com:aud whose every value is an identity
pool id (Region:GUID). Negated operators, IfExists and ForAllValues do not count. Located at the
Federated value.)txt",
        R"txt(The aud key is what ties the role to YOUR identity pool. Without it, any identity pool of any AWS
account can obtain a token and call AssumeRoleWithWebIdentity on the role (Amazon Cognito Developer
Guide, "IAM roles": role trust and permissions). IAM now refuses new Cognito trust policies with no
condition, but older roles and roles that check only amr remain open.)txt",
        R"json({"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
 "Action": "sts:AssumeRoleWithWebIdentity",
 "Condition": {"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}})json",
        R"json({"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
 "Action": "sts:AssumeRoleWithWebIdentity",
 "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456789012"},
               "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}})json",
        R"txt(Severity: error: the trust policy itself proves that identities of any identity pool, in any account, may assume the role.)txt",
    };
};

}  // namespace

const Check& cognito_trust_without_aud() {
    static const CognitoTrustWithoutAud check;
    return check;
}

}  // namespace ddbguard::analyze
