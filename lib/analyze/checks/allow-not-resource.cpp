// Allow + NotResource with DynamoDB actions: it grants them on every resource it does not list.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "ddbguard/catalog.hpp"

namespace ddbguard::analyze {

namespace {

class AllowNotResource final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const Policy* policy : ctx.policies())
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || !st.has_resource || !st.not_resource) continue;
                std::vector<std::string> covered = covered_actions(st, "dynamodb");
                if (covered.empty()) continue;
                std::vector<std::string> scopable;
                for (const std::string& a : covered) {
                    auto info = catalog::find_action(a);
                    if (info && !info->resource_types.empty()) scopable.push_back(a);
                }
                const auto& shown = scopable.empty() ? covered : scopable;
                std::string message = describe(st) + " allows " + join_list(shown, 5) +
                                      " with NotResource: on every table, index, stream and backup of every account "
                                      "except the listed ones, including tables created later";
                ctx.report(doc_, *policy, st.resource_loc, std::move(message),
                           "Replace NotResource with a Resource list of the tables the application uses, e.g. "
                           "\"Resource\": \"arn:aws:dynamodb:us-east-1:111122223333:table/Orders\"; to exclude "
                           "a table, add a Deny statement for it");
            }
    }

private:
    CheckDoc doc_{
        "allow-not-resource", Severity::warning,
        R"txt(An Allow statement grants DynamoDB actions with NotResource.)txt",
        R"txt(Reports Allow statements with NotResource that cover DynamoDB actions: an error when an action that
accepts a resource ARN is granted, a warning when only actions that accept "*" alone (ListTables,
DescribeLimits ...) are. Deny + NotResource is a normal guard and is never reported.)txt",
        R"txt(Allow + NotResource matches every resource NOT listed (IAM User Guide, "IAM JSON policy elements:
NotResource"): every other table, index, stream and backup, in every account that trusts the principal,
including tables created later.)txt",
        R"json({"Effect": "Allow", "Action": "dynamodb:DeleteItem",
 "NotResource": "arn:aws:dynamodb:us-east-1:111122223333:table/Audit"})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:DeleteItem",
 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"txt(Severity: warning: very likely broader than needed (every resource but the listed ones, now and later); where it cancels a row filter, the isolation checks prove the leak.)txt",
    };
};

}  // namespace

const Check& allow_not_resource() {
    static const AllowNotResource check;
    return check;
}

}  // namespace ddbguard::analyze
