// A table without point-in-time recovery.
#include "analyze/check.hpp"
#include "analyze/stack_facts.hpp"

namespace ddbguard::analyze {
namespace {

class TablePitrDisabled final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    bool stack_scope() const override { return true; }
    void run(Context& context) const override {
        const Stack& stack = *context.stack();
        for (const StackTable& t : stack.tables) {
            if (t.point_in_time_recovery.value_or(false)) continue;
            report_at_setting(context, doc_, Severity::info, t, "point_in_time_recovery",
                      "table " + t.name + " has point-in-time recovery off: an item deleted or overwritten by mistake, or "
                      "by a leaked credential, cannot be restored",
                      in_format(stack, "add PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}",
                                "add point_in_time_recovery { enabled = true }"));
        }
    }

private:
    CheckDoc doc_{
        "table-pitr-disabled", Severity::info,
        R"txt(A table has point-in-time recovery off.)txt",
        R"txt(Reports each DynamoDB table whose PointInTimeRecoverySpecification (Terraform: point_in_time_recovery) is absent or disabled. AWS Config's managed rule dynamodb-pitr-enabled checks the same.)txt",
        R"txt(Continuous backups let you restore a table to any second of the last 35 days; without them a bad write or a malicious delete is final (DynamoDB Developer Guide, "Point-in-time recovery").)txt",
        R"json(Type: AWS::DynamoDB::Table
Properties:
  KeySchema: [{AttributeName: id, KeyType: HASH}])json",
        R"json(Type: AWS::DynamoDB::Table
Properties:
  KeySchema: [{AttributeName: id, KeyType: HASH}]
  PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true})json",
        R"txt(Severity: info: a hardening step; nothing is exposed without it.)txt",
    };
};

}  // namespace

const Check& table_pitr_disabled() {
    static const TablePitrDisabled check;
    return check;
}

}  // namespace ddbguard::analyze
