// A KMS key policy that lets any principal use the key without pinning the caller's account.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

namespace {

// Keys that tie a "*" principal to known accounts, organizations or principals.
constexpr std::string_view kAccountKeys[] = {"kms:CallerAccount", "aws:PrincipalAccount", "aws:PrincipalOrgID",
                                             "aws:PrincipalOrgPaths", "aws:PrincipalArn", "aws:SourceAccount",
                                             "aws:SourceArn", "aws:UserId"};

bool pins_account(const Statement& st) {
    for (const ConditionEntry& c : st.conditions) {
        bool key = false;
        for (std::string_view k : kAccountKeys) key = key || util::iequals(c.key, k);
        if (!key || c.values.empty()) continue;
        OperatorParts parts = split_operator(c.op);
        if (parts.if_exists || parts.qualifier == "ForAllValues") continue;
        if (parts.base.find("Not") != std::string_view::npos || parts.base == "Null" || parts.base == "Bool") continue;
        bool fixed = true;
        for (const Value& v : c.values)
            fixed = fixed && !v.text.empty() && !util::has_wildcard(v.text) &&
                    v.text.find("${") == std::string::npos;
        if (fixed) return true;
    }
    return false;
}

class KmsKeyPolicyOpen final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const Policy* policy : ctx.policies()) {
            if (policy->kind != PolicyKind::kms_key) continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || st.not_principal || !principal_is_public(st.principal)) continue;
                if (!covers_any_action(st, "kms") || pins_account(st)) continue;
                const bool via = has_condition_on(st, "kms:ViaService");
                ctx.report(doc_, *policy, public_principal_location(st.principal),
                           describe(st) + " lets any principal use this key" +
                               std::string(via ? ": kms:ViaService limits the AWS service it goes through, not "
                                                 "whose account the caller belongs to"
                                               : " with no condition on the caller's account") +
                               ", so principals of other accounts can use it",
                           "Add {\"StringEquals\": {\"kms:CallerAccount\": \"111122223333\"}} next to "
                           "{\"StringLike\": {\"kms:ViaService\": \"dynamodb.*.amazonaws.com\"}}, as in the key "
                           "policy DynamoDB documents, or name the principals");
            }
        }
    }

private:
    CheckDoc doc_{
        "kms-key-policy-open", Severity::error,
        R"txt(A KMS key policy grants key use to "*" without pinning the caller's account.)txt",
        R"txt(For KMS key policies, reports each Allow with Principal "*" or {"AWS": "*"} covering kms actions that
has no positive condition with fixed values (no wildcards or variables) on kms:CallerAccount,
aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalArn, aws:SourceAccount,
aws:SourceArn or aws:UserId. The statement DynamoDB documents for customer managed keys (StringLike
kms:ViaService "dynamodb.*.amazonaws.com" with StringEquals kms:CallerAccount) passes; kms:ViaService
alone does not.)txt",
        R"txt(A key policy is the primary control of a KMS key: "*" with no account condition lets principals of any
account decrypt the table's data keys through DynamoDB or directly (AWS KMS Developer Guide, "Key
policies"; DynamoDB Developer Guide, "Encryption at rest: how it works": the key policy for a customer
managed key).)txt",
        R"json({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:CreateGrant"], "Resource": "*",
 "Condition": {"StringLike": {"kms:ViaService": "dynamodb.*.amazonaws.com"}}})json",
        R"json({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:CreateGrant"], "Resource": "*",
 "Condition": {"StringLike": {"kms:ViaService": "dynamodb.*.amazonaws.com"},
               "StringEquals": {"kms:CallerAccount": "111122223333"}}})json",
        R"txt(Severity: error: the key policy itself proves that any principal may use the key.)txt",
    };
};

}  // namespace

const Check& kms_key_policy_open() {
    static const KmsKeyPolicyOpen check;
    return check;
}

}  // namespace ddbguard::analyze
