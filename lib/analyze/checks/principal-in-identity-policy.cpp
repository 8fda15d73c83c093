// Principal or NotPrincipal in a policy the user declared an identity policy.
#include "analyze/check.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {

namespace {

class PrincipalInIdentityPolicy final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        // Without --kind the kind comes from content, and a Principal makes a policy a
        // resource or trust policy: only a forced identity kind is a contradiction. In a
        // template the property a document is written under gives its kind.
        const bool kind_known = ctx.stack() && ctx.stack()->format != SourceFormat::policy;
        if (ctx.options().kind != PolicyKind::identity && !kind_known) return;
        for (const Policy* policy : ctx.policies()) {
            if (kind_known && policy->kind != PolicyKind::identity) continue;
            for (const Statement& st : policy->statements) {
                if (!st.principal.present) continue;
                const std::string element = st.not_principal ? "NotPrincipal" : "Principal";
                ctx.report(doc_, *policy, st.principal.loc,
                           describe(st) + " has " + element +
                               ", which identity policies do not accept: IAM refuses the policy",
                           "Remove " + element + ": an identity policy applies to the user, group or role it is "
                           "attached to; to grant another principal access, write a resource-based policy or a "
                           "role trust policy");
            }
        }
    }

private:
    CheckDoc doc_{
        "principal-in-identity-policy", Severity::error,
        R"txt(An identity policy (--kind identity, or a template's identity policy) has a Principal or NotPrincipal element.)txt",
        R"txt(When the policy kind is forced to identity (ddbguard lint --kind identity), or a template says it (Policies of a role, AWS::IAM::Policy ...), reports every Principal and
NotPrincipal element. Without either, ddbguard detects the kind from content and a Principal makes it a
resource, trust or key policy, so nothing is reported.)txt",
        R"txt(Identity-based policies name no principal: they apply to whoever they are attached to. IAM rejects
an identity policy with Principal (IAM User Guide, "IAM JSON policy elements: Principal"; Access
Analyzer "Unsupported principal").)txt",
        R"json({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"},
 "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem",
 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"txt(Severity: error: IAM rejects Principal in an identity policy.)txt",
    };
};

}  // namespace

const Check& principal_in_identity_policy() {
    static const PrincipalInIdentityPolicy check;
    return check;
}

}  // namespace ddbguard::analyze
