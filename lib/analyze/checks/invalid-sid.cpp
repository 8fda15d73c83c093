// Sids of IAM policies accept only ASCII letters and digits.
#include <algorithm>

#include "analyze/check.hpp"

namespace ddbguard::analyze {
namespace {

bool alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

class InvalidSid final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            // The letters-and-digits rule is IAM's; KMS key policies, DynamoDB resource-based
            // policies and VPC endpoint policies accept other characters ("Enable IAM User Permissions").
            if (policy->kind != PolicyKind::identity && policy->kind != PolicyKind::trust) continue;
            for (const Statement& st : policy->statements) {
                if (!st.sid) continue;
                const std::string& sid = st.sid->text;
                if (has_placeholder(sid)) continue;  // a template value deploy time decides
                if (sid.empty()) {
                    // IAM Access Analyzer reports an empty Sid ("Empty Sid value") without calling it
                    // invalid: a warning, since it identifies nothing.
                    context.report(doc_, *policy, st.sid->loc,
                                   "the Sid is empty: it identifies nothing (IAM Access Analyzer reports it)",
                                   "remove \"Sid\", or give it a name of letters and digits such as \"ReadOwnItems\"");
                    context.findings().back().severity = Severity::warning;
                    continue;
                }
                if (std::all_of(sid.begin(), sid.end(), alnum)) continue;
                // "read-own-notes" -> "ReadOwnNotes": drop the other characters, capitalize each word.
                std::string cleaned;
                bool word_start = true;
                for (char c : sid) {
                    if (!alnum(c)) {
                        word_start = true;
                        continue;
                    }
                    cleaned += (word_start && c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
                    word_start = false;
                }
                context.report(doc_, *policy, st.sid->loc,
                               "Sid \"" + sid + "\" contains characters other than A-Z, a-z and 0-9, which IAM "
                               "rejects in " + std::string(to_string(policy->kind)) + " policies",
                               cleaned.empty() ? std::string("use only letters and digits, e.g. \"Statement") +
                                                     std::to_string(st.index + 1) + "\""
                                               : "write \"" + cleaned + "\"");
            }
        }
    }

private:
    CheckDoc doc_{
        "invalid-sid", Severity::error,
        R"txt(A Sid of an IAM identity or trust policy is empty or has characters other than letters and digits.)txt",
        R"txt(Reports an empty Sid and a Sid with spaces, dashes, underscores or other characters in identity and trust policies. Resource-based, KMS key and VPC endpoint policies are not checked: their services accept other characters.)txt",
        R"txt(IAM accepts only ASCII letters and digits in the Sid of its policies (IAM User Guide, "IAM JSON policy elements: Sid") and rejects the whole policy otherwise; IAM Access Analyzer reports "Unsupported Sid" and "Empty Sid value".)txt",
        R"json({"Sid": "read-own-items", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "..."})json",
        R"json({"Sid": "ReadOwnItems", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "..."})json",
        R"txt(Severity: error where IAM rejects the Sid (identity and trust policies); warning in resource-based policies, which accept more characters.)txt",
    };
};

}  // namespace

const Check& invalid_sid() {
    static const InvalidSid check;
    return check;
}

}  // namespace ddbguard::analyze
