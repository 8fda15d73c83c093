// A role trust policy that lets any principal assume the role, with no condition.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {

namespace {

constexpr std::string_view kAssume[] = {"sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"};

class TrustAnyPrincipal final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const Policy* policy : ctx.policies()) {
            if (policy->kind != PolicyKind::trust) continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || st.not_principal || st.has_condition) continue;
                if (!principal_is_public(st.principal)) continue;
                std::vector<std::string> granted;
                for (std::string_view a : kAssume)
                    if (covers_action(st, a)) granted.emplace_back(a);
                if (granted.empty()) continue;
                ctx.report(doc_, *policy, public_principal_location(st.principal),
                           describe(st) + " lets any principal of any AWS account call " + join_list(granted) +
                               " on this role, with no condition: anyone can take its permissions",
                           "Name the trusted principal, e.g. \"Principal\": {\"AWS\": "
                           "\"arn:aws:iam::111122223333:role/Deployer\"}, or add a condition such as "
                           "{\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}");
            }
        }
    }

private:
    CheckDoc doc_{
        "trust-any-principal", Severity::error,
        R"txt(A role trust policy lets any principal assume the role, without conditions.)txt",
        R"txt(For trust policies, reports each Allow statement with Principal "*" or {"AWS": "*"}, no Condition, and
actions covering sts:AssumeRole, AssumeRoleWithWebIdentity or AssumeRoleWithSAML. Located at the
principal.)txt",
        R"txt(Every authenticated AWS identity in the world can then assume the role and use its DynamoDB
permissions (IAM User Guide, "Roles terms and concepts": trust policy; Access Analyzer reports such roles
as publicly accessible).)txt",
        R"json({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"})json",
        R"json({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Deployer"}, "Action": "sts:AssumeRole"})json",
        R"txt(Severity: error: the trust policy itself proves that anyone may assume the role.)txt",
    };
};

}  // namespace

const Check& trust_any_principal() {
    static const TrustAnyPrincipal check;
    return check;
}

}  // namespace ddbguard::analyze
