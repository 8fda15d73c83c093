// Two statements of one policy with the same Sid.
#include <map>

#include "analyze/check.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

class DuplicateSid final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            std::map<std::string, const Statement*> first;
            for (const Statement& st : policy->statements) {
                if (!st.sid || st.sid->text.empty()) continue;  // an empty Sid is invalid-sid's finding
                auto [it, inserted] = first.emplace(st.sid->text, &st);
                if (inserted) continue;
                context.report(doc_, *policy, st.sid->loc,
                               "Sid \"" + st.sid->text + "\" is already used by statement " +
                                   std::to_string(it->second->index + 1) + " (line " +
                                   std::to_string(it->second->sid->loc.line) +
                                   "); Sids must be unique within a policy",
                               "rename one of them, e.g. \"" + st.sid->text + std::to_string(st.index + 1) + "\"");
                Finding& f = context.findings().back();
                f.related.push_back({policy->path, it->second->sid->loc, "first use of this Sid"});
            }
        }
    }

private:
    CheckDoc doc_{
        "duplicate-sid", Severity::error,
        R"txt(Two statements of the policy have the same Sid.)txt",
        R"txt(Reports every statement whose Sid (compared exactly) was already used by an earlier statement of the same policy, and points at the first use.)txt",
        R"txt(IAM requires the Sid to be unique within a policy (IAM User Guide, "IAM JSON policy elements: Sid") and IAM Access Analyzer reports duplicates as an error. Tools and people address statements by Sid: a copied statement that kept its Sid is usually one whose edit was meant for the other.)txt",
        R"json([{"Sid": "ReadOrders", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "..."},
 {"Sid": "ReadOrders", "Effect": "Allow", "Action": "dynamodb:Query", "Resource": "..."}])json",
        R"json([{"Sid": "ReadOrders", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "..."},
 {"Sid": "QueryOrders", "Effect": "Allow", "Action": "dynamodb:Query", "Resource": "..."}])json",
        R"txt(Severity: error: IAM Access Analyzer reports duplicate Sids as an error, and they make statements impossible to tell apart.)txt",
    };
};

}  // namespace

const Check& duplicate_sid() {
    static const DuplicateSid check;
    return check;
}

}  // namespace ddbguard::analyze
