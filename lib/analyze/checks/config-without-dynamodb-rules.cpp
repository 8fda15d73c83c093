// AWS Config in the stack without the DynamoDB managed rules.
#include "analyze/check.hpp"
#include "analyze/stack_facts.hpp"

namespace ddbguard::analyze {
namespace {

class ConfigWithoutDynamodbRules final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    bool stack_scope() const override { return true; }
    void run(Context& context) const override {
        const Stack& stack = *context.stack();
        if (stack.tables.empty()) return;
        const bool config = !stack.config_recorders.empty() || !stack.config_rules.empty();
        if (!config) {
            if (!context.options().stack_complete) return;
            report_at(context, doc_, Severity::warning, stack.tables.front().owner,
                      "the stack defines no AWS Config recorder or rule, and the configuration says it is complete: "
                      "nothing checks that the tables stay encrypted, backed up and protected",
                      in_format(stack, "add an AWS::Config::ConfigRule with Source {Owner: AWS, SourceIdentifier: DYNAMODB_PITR_ENABLED}",
                                "add an aws_config_config_rule with source { owner = \"AWS\", source_identifier = \"DYNAMODB_PITR_ENABLED\" }"));
            return;
        }
        for (const StackConfigRule& rule : stack.config_rules)
            if (rule.identifier.starts_with("DYNAMODB_")) return;
        const Owner& at = !stack.config_recorders.empty() ? stack.config_recorders.front() : stack.config_rules.front().owner;
        report_at(context, doc_, Severity::info, at,
                  "the stack sets up AWS Config but none of its DynamoDB managed rules (DYNAMODB_PITR_ENABLED, "
                  "DYNAMODB_TABLE_ENCRYPTED_KMS, DYNAMODB_TABLE_DELETION_PROTECTION_ENABLED, ...): nothing reports a table "
                  "that drifts from its settings",
                  in_format(stack, "add AWS::Config::ConfigRule resources with Source {Owner: AWS, SourceIdentifier: DYNAMODB_PITR_ENABLED} (and the others you rely on)",
                            "add aws_config_config_rule resources with source { owner = \"AWS\", source_identifier = \"DYNAMODB_PITR_ENABLED\" } (and the others you rely on)"));
    }

private:
    CheckDoc doc_{
        "config-without-dynamodb-rules", Severity::info,
        R"txt(AWS Config in the stack has none of the DynamoDB managed rules.)txt",
        R"txt(When the stack defines AWS Config (a configuration recorder or a rule), reports it when no rule is an AWS managed rule for DynamoDB (a SourceIdentifier starting with DYNAMODB_, such as DYNAMODB_PITR_ENABLED or DYNAMODB_TABLE_ENCRYPTED_KMS). A stack without Config says nothing (it may be set up account-wide elsewhere) unless the configuration has "stack-complete": true.)txt",
        R"txt(AWS Config records how resources are configured and its managed rules flag a table whose point-in-time recovery, KMS encryption or deletion protection is turned off later (AWS Config Developer Guide, managed rules dynamodb-pitr-enabled, dynamodb-table-encrypted-kms, dynamodb-table-deletion-protection-enabled; DynamoDB "Security best practices").)txt",
        R"json(Recorder:
  Type: AWS::Config::ConfigurationRecorder)json",
        R"json(PitrRule:
  Type: AWS::Config::ConfigRule
  Properties: {Source: {Owner: AWS, SourceIdentifier: DYNAMODB_PITR_ENABLED}})json",
        R"txt(Severity: info: a monitoring suggestion; warning when the configuration says the stack is complete and it has no Config.)txt",
    };
};

}  // namespace

const Check& config_without_dynamodb_rules() {
    static const ConfigWithoutDynamodbRules check;
    return check;
}

}  // namespace ddbguard::analyze
