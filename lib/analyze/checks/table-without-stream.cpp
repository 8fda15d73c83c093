// A table without a stream to watch its data-plane changes.
#include "analyze/check.hpp"
#include "analyze/stack_facts.hpp"

namespace ddbguard::analyze {
namespace {

class TableWithoutStream final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    bool stack_scope() const override { return true; }
    void run(Context& context) const override {
        const Stack& stack = *context.stack();
        for (const StackTable& t : stack.tables) {
            if (!t.stream_view_type.empty()) continue;
            report_at_setting(context, doc_, Severity::info, t, "stream",
                      "table " + t.name + " has no stream: item-level changes cannot be watched (CloudTrail logs them "
                      "only as data events, when a trail selects them)",
                      in_format(stack, "add StreamSpecification: {StreamViewType: KEYS_ONLY} and a consumer that watches it",
                                "set stream_enabled = true and stream_view_type = \"KEYS_ONLY\", and add a consumer that watches it"));
        }
    }

private:
    CheckDoc doc_{
        "table-without-stream", Severity::info,
        R"txt(A table has no DynamoDB stream for monitoring data-plane changes.)txt",
        R"txt(Reports each DynamoDB table without a StreamSpecification (Terraform: stream_enabled). KEYS_ONLY is enough to watch which items change without copying their contents.)txt",
        R"txt(DynamoDB Streams record every item change in order, so a Lambda function or a Kinesis consumer can alert on unexpected writes and deletes (DynamoDB Developer Guide, "Security best practices": use Streams to monitor data plane operations).)txt",
        R"json(Type: AWS::DynamoDB::Table
Properties:
  KeySchema: [{AttributeName: id, KeyType: HASH}])json",
        R"json(Type: AWS::DynamoDB::Table
Properties:
  KeySchema: [{AttributeName: id, KeyType: HASH}]
  StreamSpecification: {StreamViewType: KEYS_ONLY})json",
        R"txt(Severity: info: a monitoring suggestion; nothing is exposed without it.)txt",
    };
};

}  // namespace

const Check& table_without_stream() {
    static const TableWithoutStream check;
    return check;
}

}  // namespace ddbguard::analyze
