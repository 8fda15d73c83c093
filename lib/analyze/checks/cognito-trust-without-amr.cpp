// Cognito role trust policy that does not say whether it is the authenticated or the guest role.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

namespace {

class CognitoTrustWithoutAmr final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const CognitoTrust& t : cognito_trusts(ctx.policies(), "amr")) {
            bool ok = false;
            std::string why = "has no condition on cognito-identity.amazonaws.com:amr";
            Location where = t.federated->loc;
            for (const ConditionEntry* c : t.claims) {
                const OperatorParts parts = split_operator(c->op);
                bool values_ok = !c->values.empty();
                for (const Value& v : c->values)
                    values_ok = values_ok &&
                                (util::iequals(v.text, "authenticated") || util::iequals(v.text, "unauthenticated"));
                if (parts.qualifier == "ForAnyValue" && !parts.if_exists &&
                    (parts.base == "StringLike" || parts.base == "StringEquals") && values_ok) {
                    ok = true;
                    break;
                }
                where = c->op_loc;
                why = "checks cognito-identity.amazonaws.com:amr with " + c->op +
                      (parts.qualifier == "ForAllValues" ? " (vacuously true when amr is absent)" : "") +
                      ", which does not require \"authenticated\" or \"unauthenticated\"";
            }
            if (ok) continue;
            ctx.report(doc_, *t.policy, where,
                       describe(*t.statement) + " trusts Cognito identities but " + why +
                           ": guest (unauthenticated) identities can assume the role meant for signed-in users",
                       "Add \"ForAnyValue:StringLike\": {\"cognito-identity.amazonaws.com:amr\": \"authenticated\"} "
                       "(or \"unauthenticated\" for the guest role)");
        }
    }

private:
    CheckDoc doc_{
        "cognito-trust-without-amr", Severity::warning,
        R"txt(A Cognito role trust policy does not require amr "authenticated" (or "unauthenticated").)txt",
        R"txt(Reports each Allow statement trusting {"Federated": "cognito-identity.amazonaws.com"} (or .com.cn) for
sts:AssumeRoleWithWebIdentity that lacks ForAnyValue:StringLike (or ForAnyValue:StringEquals) on
cognito-identity.amazonaws.com:amr with the value "authenticated" or "unauthenticated". Located at the
Federated value, or at the amr operator when one is present but wrong (e.g. ForAllValues, vacuously
true on an absent key).)txt",
        R"txt(amr tells the authenticated role from the guest role. Without it, an identity pool that allows
unauthenticated identities lets anyone on the internet get credentials of the role meant for signed-in
users (Amazon Cognito Developer Guide, "IAM roles"; amr is multivalued, hence ForAnyValue).)txt",
        R"json({"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
 "Action": "sts:AssumeRoleWithWebIdentity",
 "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456789012"}}})json",
        R"json({"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
 "Action": "sts:AssumeRoleWithWebIdentity",
 "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456789012"},
               "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}})json",
        R"txt(Severity: warning: guests of the pool may very likely get the role meant for signed-in users.)txt",
    };
};

}  // namespace

const Check& cognito_trust_without_amr() {
    static const CognitoTrustWithoutAmr check;
    return check;
}

}  // namespace ddbguard::analyze
