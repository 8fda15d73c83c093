// A table encrypted with an AWS owned key: no key policy, no record of key use.
#include "analyze/check.hpp"
#include "analyze/stack_facts.hpp"
#include "analyze/risk_facts.hpp"

namespace ddbguard::analyze {
namespace {

class TableSseOwnedKey final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    bool stack_scope() const override { return true; }
    void run(Context& context) const override {
        const Stack& stack = *context.stack();
        const TableReach reach(stack);
        for (const StackTable& t : stack.tables) {
            if (t.sse_enabled.value_or(false)) continue;
            std::string message = "table " + t.name + " is encrypted at rest with an AWS owned key, the default: it has no key "
                                  "policy you control and CloudTrail records no use of it";
            if (reach.read_by_end_users(t)) message += ", although end users read its items through an identity pool's role";
            report_at_setting(context, doc_, Severity::info, t, "sse", std::move(message),
                      in_format(stack, "add SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: <your key>}",
                                "add server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.table.arn }"));
        }
    }

private:
    CheckDoc doc_{
        "table-sse-owned-key", Severity::info,
        R"txt(A table is encrypted with an AWS owned key instead of a KMS key.)txt",
        R"txt(Reports each DynamoDB table whose SSESpecification (Terraform: server_side_encryption) is absent or disabled: DynamoDB then encrypts it with a key AWS owns. The message says when end-user-facing roles read the table. SSEEnabled true without a key id uses the AWS managed key aws/dynamodb, which CloudTrail does record, and is not reported.)txt",
        R"txt(DynamoDB encrypts every table at rest, but with an AWS owned key nobody can see or limit its use: no key policy, no CloudTrail record of decryption (DynamoDB Developer Guide, "Encryption at rest"; "Security best practices": encryption at rest, and using CloudTrail to monitor key usage). A customer managed key lets you audit and revoke access to user data.)txt",
        R"json(Type: AWS::DynamoDB::Table
Properties:
  KeySchema: [{AttributeName: userId, KeyType: HASH}])json",
        R"json(Type: AWS::DynamoDB::Table
Properties:
  KeySchema: [{AttributeName: userId, KeyType: HASH}]
  SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref TableKey})json",
        R"txt(Severity: info: a hardening step (the encryption-at-rest and key-monitoring practices); the data is encrypted either way.)txt",
    };
};

}  // namespace

const Check& table_sse_owned_key() {
    static const TableSseOwnedKey check;
    return check;
}

}  // namespace ddbguard::analyze
