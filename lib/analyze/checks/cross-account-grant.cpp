// A table or stream policy that grants a principal of another account.
#include <cctype>

#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {

namespace {

bool is_account_id(std::string_view s) {
    if (is_placeholder(s)) return true;  // a template's account (<AWS.AccountId>): the same wherever it stands
    if (s.size() != 12) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

// The account of "111122223333" or "arn:aws:iam::111122223333:role/X"; empty otherwise.
std::string_view account_of(std::string_view principal) {
    if (is_account_id(principal)) return principal;
    std::string_view seg[6];
    if (principal.rfind("arn:", 0) != 0) return {};
    std::size_t pos = 0;
    for (int i = 0; i < 5; ++i) {
        std::size_t colon = principal.find(':', pos);
        if (colon == std::string_view::npos) return {};
        seg[i] = principal.substr(pos, colon - pos);
        pos = colon + 1;
    }
    return is_account_id(seg[4]) ? seg[4] : std::string_view{};
}

class CrossAccountGrant final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const Policy* policy : ctx.policies()) {
            if (policy->kind != PolicyKind::resource) continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || st.not_principal) continue;
                std::string_view owner;
                for (const Value& r : st.resources)
                    if (owner.empty()) owner = account_of(r.text);
                if (owner.empty()) continue;  // the table's account is not written out
                for (const auto& [type, values] : st.principal.by_type) {
                    if (type != "AWS") continue;
                    for (const Value& v : values) {
                        std::string_view account = account_of(v.text);
                        if (account.empty() || account == owner) continue;
                        // Two different deploy-time accounts may well be one: say nothing.
                        if (is_placeholder(account) && is_placeholder(owner)) continue;
                        const std::string whose = is_placeholder(owner)
                                                      ? "the stack's own account " + std::string(owner) +
                                                            " (unless the stack is deployed in " + std::string(account) + ")"
                                                      : "account " + std::string(owner);
                        ctx.report(doc_, *policy, v.loc,
                                   describe(st) + " grants account " + std::string(account) + " (\"" + v.text +
                                       "\") access to a resource of " + whose +
                                       "; make sure that account is meant to have it",
                                   "If the grant is intended, name the exact role rather than the account root and "
                                   "list only the actions it needs; the other account must also allow them in its "
                                   "own identity policy");
                    }
                }
            }
        }
    }

private:
    CheckDoc doc_{
        "cross-account-grant", Severity::info,
        R"txt(A DynamoDB resource-based policy grants a principal of another AWS account.)txt",
        R"txt(For resource-based policies, reports each AWS principal (account id or IAM ARN) of an Allow whose
account differs from the account written in the statement's Resource ARN, naming that account. When the
Resource does not spell out an account, nothing is reported.)txt",
        R"txt(Cross-account access is legitimate but easy to get wrong: an account-root principal delegates to every
role of that account that its administrators allow, and the grant survives staff and vendor changes.
Reviewers should see every external account a table trusts (IAM Access Analyzer external access
findings cover DynamoDB tables and streams).)txt",
        R"json({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "dynamodb:GetItem",
 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"json({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Reporting"},
 "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"txt(Severity: info: sharing with another account may be intended; the finding names it so that it is a decision.)txt",
    };
};

}  // namespace

const Check& cross_account_grant() {
    static const CrossAccountGrant check;
    return check;
}

}  // namespace ddbguard::analyze
