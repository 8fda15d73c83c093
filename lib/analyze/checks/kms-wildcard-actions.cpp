// kms:* granted in a key policy to someone other than the account root.
#include <cctype>

#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

namespace {

// "111122223333" or "arn:<partition>:iam::111122223333:root".
bool is_account_root(std::string_view p) {
    auto digits = [](std::string_view s) {
        if (s.size() != 12) return false;
        for (char c : s)
            if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        return true;
    };
    if (digits(p)) return true;
    if (p.rfind("arn:", 0) != 0) return false;
    auto iam = p.find(":iam::");
    if (iam == std::string_view::npos) return false;
    std::string_view rest = p.substr(iam + 6);
    return rest.size() == 17 && digits(rest.substr(0, 12)) && rest.substr(12) == ":root";
}

class KmsWildcardActions final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const Policy* policy : ctx.policies()) {
            if (policy->kind != PolicyKind::kms_key) continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || st.not_action || st.not_principal || !st.principal.present) continue;
                const Value* wild = nullptr;
                for (const Value& v : st.actions)
                    if (v.text == "*" || util::iequals(v.text, "kms:*")) wild = wild ? wild : &v;
                if (!wild) continue;
                std::string who;
                if (st.principal.wildcard) who = "*";
                for (const auto& [type, values] : st.principal.by_type)
                    for (const Value& v : values)
                        if (who.empty() && !(type == "AWS" && is_account_root(v.text))) who = v.text;
                if (who.empty()) continue;  // the account root: the default key policy
                ctx.report(doc_, *policy, wild->loc,
                           describe(st) + " grants \"" + wild->text + "\" to \"" + who +
                               "\": every KMS action on this key, including PutKeyPolicy, ScheduleKeyDeletion and "
                               "DisableKey, which make the table's data unreadable",
                           "Give administrators the key-management actions (kms:Create*, kms:Describe*, "
                           "kms:Enable*, kms:List*, kms:Put*, kms:Update*, kms:Revoke*, kms:Disable*, kms:Get*, "
                           "kms:Delete*, kms:TagResource, kms:UntagResource, kms:ScheduleKeyDeletion, "
                           "kms:CancelKeyDeletion) and users only kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, "
                           "kms:GenerateDataKey*, kms:DescribeKey, kms:CreateGrant");
            }
        }
    }

private:
    CheckDoc doc_{
        "kms-wildcard-actions", Severity::warning,
        R"txt(A KMS key policy grants kms:* (or "*") to a principal other than the account root.)txt",
        R"txt(For KMS key policies, reports each Allow whose Action includes "kms:*" or "*" when the Principal is
not only account roots ("111122223333" or "arn:aws:iam::111122223333:root", as in the default key
policy, which delegates to IAM). Located at the wildcard action.)txt",
        R"txt(kms:* includes PutKeyPolicy, DisableKey and ScheduleKeyDeletion: the holder can lock everyone else out
of the key or destroy it, and a table encrypted with a deleted key cannot be read (AWS KMS Developer
Guide, "Default key policy" and "Key policies": separate key administrators from key users; DynamoDB
Developer Guide, "Encryption at rest": inaccessible keys).)txt",
        R"json({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": "kms:*", "Resource": "*"})json",
        R"json({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"},
 "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"})json",
        R"txt(Severity: warning: very likely more than the principal needs.)txt",
    };
};

}  // namespace

const Check& kms_wildcard_actions() {
    static const KmsWildcardActions check;
    return check;
}

}  // namespace ddbguard::analyze
