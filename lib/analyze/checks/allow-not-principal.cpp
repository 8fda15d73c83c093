// Allow + NotPrincipal: grants access to every principal except the listed ones.
#include "analyze/check.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {

namespace {

class AllowNotPrincipal final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const Policy* policy : ctx.policies())
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || !st.principal.present || !st.not_principal) continue;
                ctx.report(doc_, *policy, st.principal.loc,
                           describe(st) + " allows with NotPrincipal: it grants access to every principal of "
                                          "every AWS account, anonymous callers included, except those listed",
                           "Use \"Principal\" with the accounts or roles that need access, e.g. {\"AWS\": "
                           "\"arn:aws:iam::111122223333:role/App\"}; keep NotPrincipal for Deny statements only");
            }
    }

private:
    CheckDoc doc_{
        "allow-not-principal", Severity::error,
        R"txt(An Allow statement uses NotPrincipal.)txt",
        R"txt(Reports Allow statements with a NotPrincipal element, in any kind of policy. Deny + NotPrincipal is
the documented use and is not reported.)txt",
        R"txt(Allow + NotPrincipal grants the statement's actions to everyone not listed, including principals of
other accounts and anonymous users (IAM User Guide, "IAM JSON policy elements: NotPrincipal", which
advises against it; Access Analyzer "Allow with NotPrincipal"). DynamoDB Block Public Access refuses
such a table policy.)txt",
        R"json({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/Banned"},
 "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"json({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"},
 "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"txt(Severity: error: it grants every principal but the listed ones, anonymous callers included, which DynamoDB's Block Public Access refuses.)txt",
    };
};

}  // namespace

const Check& allow_not_principal() {
    static const AllowNotPrincipal check;
    return check;
}

}  // namespace ddbguard::analyze
