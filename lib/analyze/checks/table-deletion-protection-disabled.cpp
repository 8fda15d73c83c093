// A table without deletion protection.
#include "analyze/check.hpp"
#include "analyze/stack_facts.hpp"

namespace ddbguard::analyze {
namespace {

class TableDeletionProtectionDisabled final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    bool stack_scope() const override { return true; }
    void run(Context& context) const override {
        const Stack& stack = *context.stack();
        for (const StackTable& t : stack.tables) {
            if (t.deletion_protection.value_or(false)) continue;
            report_at_setting(context, doc_, Severity::info, t, "deletion_protection",
                      "table " + t.name + " has deletion protection off: DeleteTable (or a stack update that replaces "
                      "the table) removes it with every item",
                      in_format(stack, "add DeletionProtectionEnabled: true", "add deletion_protection_enabled = true"));
        }
    }

private:
    CheckDoc doc_{
        "table-deletion-protection-disabled", Severity::info,
        R"txt(A table has deletion protection off.)txt",
        R"txt(Reports each DynamoDB table whose DeletionProtectionEnabled (Terraform: deletion_protection_enabled) is absent or false. AWS Config's managed rule dynamodb-table-deletion-protection-enabled checks the same.)txt",
        R"txt(With deletion protection on, DeleteTable fails until someone turns it off on purpose, so neither a mistaken call nor a template change that replaces the table destroys the data.)txt",
        R"json(Type: AWS::DynamoDB::Table
Properties:
  KeySchema: [{AttributeName: id, KeyType: HASH}])json",
        R"json(Type: AWS::DynamoDB::Table
Properties:
  KeySchema: [{AttributeName: id, KeyType: HASH}]
  DeletionProtectionEnabled: true)json",
        R"txt(Severity: info: a hardening step; nothing is exposed without it.)txt",
    };
};

}  // namespace

const Check& table_deletion_protection_disabled() {
    static const TableDeletionProtectionDisabled check;
    return check;
}

}  // namespace ddbguard::analyze
