// The semantic column check: any allowed request that reaches attributes outside the list.
#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"

namespace ddbguard::analyze {
namespace {

class ColumnIsolationLeak final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override { isolation::report_unexplained(context, doc_, false); }

private:
    CheckDoc doc_{
        "column-isolation-leak", Severity::error,
        R"txt(The policy set allows a request that reaches attributes outside the allowed list.)txt",
        R"txt(When a statement conditions dynamodb:Attributes, builds requests for every read and write the set grants on each table and index it covers: a read without a projection (Select ALL_ATTRIBUTES, only key attributes named), ALL_PROJECTED_ATTRIBUTES on an index, a projection or update naming an unlisted attribute, writes with ReturnValues ALL_OLD and ALL_NEW, and whole-item writes (PutItem, DeleteItem, BatchWriteItem). Each request the evaluator allows is reported once per allowing statement and cause with the simplest request as counterexample, unless a pattern check (attributes-without-select, update-without-return-values, whole-item-write-column-scoped) already shows it.)txt",
        R"txt(dynamodb:Attributes only holds the names the request mentions; what DynamoDB returns or overwrites can be more (DynamoDB Developer Guide, "Using IAM policy conditions for fine-grained access control"). Without Select and ReturnValues guards, and with whole-item writes, an allow-list of attributes hides nothing.)txt",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem",
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAnyValue:StringEquals": {"dynamodb:Attributes": ["UserId", "TopScore"]},
               "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem",
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["UserId", "TopScore"]},
               "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}})json",
        R"txt(Severity: error: the counterexample proves hidden attributes are reachable (a warning when it depends on a reading AWS does not document).)txt",
    };
};

}  // namespace

const Check& column_isolation_leak() {
    static const ColumnIsolationLeak check;
    return check;
}

}  // namespace ddbguard::analyze
