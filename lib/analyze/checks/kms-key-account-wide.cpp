// A key policy lets any principal of the account use the key directly, without kms:ViaService.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

class KmsKeyAccountWide final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }

    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            if (policy->kind != PolicyKind::kms_key) continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || !principal_is_public(st.principal)) continue;
                const std::string use = isolation_first(st);
                if (use.empty()) continue;
                // Without an account pin kms-key-policy-open reports it; with kms:ViaService the
                // key serves only through a service (DynamoDB's documented key policy).
                const bool pinned = has_condition_on(st, "kms:CallerAccount") || has_condition_on(st, "aws:PrincipalAccount");
                if (!pinned || has_condition_on(st, "kms:ViaService")) continue;
                context.report(doc_, *policy, st.loc,
                               describe(st) + " lets every principal of the account call " + use +
                                   " with the key directly, not only through DynamoDB: anyone in the account with "
                                   "the encrypted data can decrypt it",
                               "add {\"StringLike\": {\"kms:ViaService\": \"dynamodb.*.amazonaws.com\"}} to the statement, "
                               "as DynamoDB's key policy for customer managed keys does");
            }
        }
    }

    static std::string isolation_first(const Statement& st) {
        for (std::string_view a : {"kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt", "kms:ReEncryptFrom"})
            if (covers_action(st, a)) return std::string(a);
        return {};
    }

private:
    CheckDoc doc_{
        "kms-key-account-wide", Severity::warning,
        R"txt(A KMS key policy lets any principal of the account use the key outside DynamoDB.)txt",
        R"txt(Reports an Allow statement of a KMS key policy whose Principal is "*" (or AWS "*"), that grants kms:Decrypt, Encrypt, GenerateDataKey or ReEncrypt, and that pins the caller's account (kms:CallerAccount, aws:PrincipalAccount) but not the service (kms:ViaService). A statement without the account pin is kms-key-policy-open's error.)txt",
        R"txt(DynamoDB's documented key policy for a customer managed key grants the key to every principal of the account only through DynamoDB (kms:ViaService dynamodb.*.amazonaws.com). Without that condition any principal of the account can call KMS with the key directly, for instance to decrypt a table export or backup copy.)txt",
        R"json({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
 "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333"}}})json",
        R"json({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
 "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333"},
               "StringLike": {"kms:ViaService": "dynamodb.*.amazonaws.com"}}})json",
        R"txt(Severity: warning: very likely broader than meant; whether it exposes data depends on who holds encrypted copies.)txt",
    };
};

}  // namespace

const Check& kms_key_account_wide() {
    static const KmsKeyAccountWide check;
    return check;
}

}  // namespace ddbguard::analyze
