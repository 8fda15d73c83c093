// A table without the tags the configuration requires.
#include "analyze/check.hpp"
#include "analyze/stack_facts.hpp"

namespace ddbguard::analyze {
namespace {

class TableMissingTags final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    bool stack_scope() const override { return true; }
    void run(Context& context) const override {
        const Stack& stack = *context.stack();
        for (const StackTable& t : stack.tables) {
            std::string missing;
            for (const std::string& want : context.options().required_tags) {
                bool has = false;
                for (const auto& [key, value] : t.tags) has = has || key == want;
                if (!has) missing += (missing.empty() ? "" : ", ") + want;
            }
            if (missing.empty()) continue;
            report_at_setting(context, doc_, Severity::info, t, "tags",
                      "table " + t.name + " lacks the tags " + missing +
                          " that identify what it holds and who owns it (\"required-tags\" in the configuration sets the list)",
                      in_format(stack, "add Tags: [{Key: " + missing.substr(0, missing.find(',')) + ", Value: ...}]",
                                "add tags = { " + missing.substr(0, missing.find(',')) + " = \"...\" }"));
        }
    }

private:
    CheckDoc doc_{
        "table-missing-tags", Severity::info,
        R"txt(A table lacks the tags the configuration requires (by default Security and Environment).)txt",
        R"txt(Reports each DynamoDB table that lacks one of the required tag keys: "required-tags" in the configuration file sets them; the default, Security and Environment, follows the tagging practice of the DynamoDB Developer Guide.)txt",
        R"txt(Tags tell security tooling what a table holds and who answers for it, and tag-based access (aws:ResourceTag) and cost reports rely on them (DynamoDB Developer Guide, "Security best practices": tag your DynamoDB resources).)txt",
        R"json(Type: AWS::DynamoDB::Table
Properties:
  KeySchema: [{AttributeName: id, KeyType: HASH}])json",
        R"json(Type: AWS::DynamoDB::Table
Properties:
  KeySchema: [{AttributeName: id, KeyType: HASH}]
  Tags: [{Key: Security, Value: confidential}, {Key: Environment, Value: prod}])json",
        R"txt(Severity: info: an identification suggestion; nothing is exposed without it.)txt",
    };
};

}  // namespace

const Check& table_missing_tags() {
    static const TableMissingTags check;
    return check;
}

}  // namespace ddbguard::analyze
