// A role with DynamoDB access may use a KMS key directly: client-side encryption, or an open key grant.
#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

class KmsGrantWithoutViaService final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }

    void run(Context& context) const override {
        // Only principals that use DynamoDB: other key grants are not this tool's business.
        bool dynamodb = false;
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements)
                dynamodb = dynamodb || (st.effect == Effect::allow && policy->kind == PolicyKind::identity &&
                                        covers_any_action(st, "dynamodb"));
        if (!dynamodb) return;
        for (const Policy* policy : context.policies()) {
            if (policy->kind != PolicyKind::identity) continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || st.not_action) continue;
                std::string action;
                for (std::string_view a : {"kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"})
                    if (action.empty() && granting_value(st, a)) action = std::string(a);
                if (action.empty() || has_condition_on(st, "kms:ViaService")) continue;
                const Value* v = granting_value(st, action);
                if (action_wildcard_reports(*v)) continue;  // "*" and broad wildcards: action-wildcard\'s finding
                if (pinned_to_table(st)) {
                    report_with(context, doc_, Severity::info, *policy, v->loc,
                                describe(st) + " grants " + action + " with an encryption context pinned to a table: the "
                                "AWS Database Encryption SDK pattern (client-side encryption of item attributes)",
                                "");
                    continue;
                }
                report_with(context, doc_, Severity::warning, *policy, v->loc,
                            describe(st) + " grants " + action + " on the key without kms:ViaService or an encryption "
                            "context: the role can use the key for anything, not only for DynamoDB's encryption at rest",
                            "add {\"StringLike\": {\"kms:ViaService\": \"dynamodb.*.amazonaws.com\"}} for a table key, or, "
                            "for client-side encryption, pin the encryption context to the table (a condition on "
                            "kms:EncryptionContext:aws-crypto-table-name, the key the AWS Database Encryption SDK sets)");
            }
        }
    }

    // A condition on an encryption-context key that names a table (the AWS Database Encryption
    // SDK for DynamoDB puts the table name into the encryption context).
    static bool pinned_to_table(const Statement& st) {
        for (const ConditionEntry& c : st.conditions)
            if (util::istarts_with(c.key, "kms:EncryptionContext:") && util::to_lower(c.key).find("table") != std::string::npos &&
                !c.values.empty())
                return true;
        return false;
    }

private:
    CheckDoc doc_{
        "kms-grant-without-via-service", Severity::warning,
        R"txt(A role that uses DynamoDB may use a KMS key without kms:ViaService: client-side encryption, or an open key grant.)txt",
        R"txt(For a principal whose identity policies grant DynamoDB actions, reports an Allow of kms:Decrypt, kms:Encrypt or kms:GenerateDataKey without a kms:ViaService condition. When a condition pins a kms:EncryptionContext key naming the table (the AWS Database Encryption SDK pattern), it is an info that client-side encryption is in use; otherwise a warning that the grant is open.)txt",
        R"txt(DynamoDB uses a customer managed key on the caller's behalf, which kms:ViaService expresses; a role that may call KMS directly can decrypt anything under the key. Client-side encryption (the AWS Database Encryption SDK, formerly the DynamoDB Encryption Client) does need direct key use, and then the encryption context should be pinned to the table (DynamoDB Developer Guide, "Security best practices": consider client-side encryption). The SDK's specification puts the key aws-crypto-table-name, holding the configured logical table name (by default the table's name), into every item's encryption context, beside aws-crypto-partition-name.)txt",
        R"json({"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})json",
        R"json({"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
 "Condition": {"StringEquals": {"kms:EncryptionContext:aws-crypto-table-name": "Notes"}}})json",
        R"txt(Severity: warning for an open key grant (very likely broader than needed); info for the client-side encryption pattern, which the practice summary counts as met.)txt",
    };
};

}  // namespace

const Check& kms_grant_without_via_service() {
    static const KmsGrantWithoutViaService check;
    return check;
}

}  // namespace ddbguard::analyze
