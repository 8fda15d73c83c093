// PartiQLSelect under a row filter with nothing that stops a full-scan SELECT.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

using isolation::Cause;

class PartiqlSelectWithoutFullScanGuard final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        isolation::report_row_filtered_grant(
            context, doc_, "dynamodb:PartiQLSelect", Cause::partiql_full_scan,
            " with no full-scan guard: a SELECT without the partition key in its WHERE clause carries no "
            "dynamodb:LeadingKeys and reads",
            [](const Statement&) { return isolation::fix_for(Cause::partiql_full_scan); });
    }

private:
    CheckDoc doc_{
        "partiql-select-without-full-scan-guard", Severity::error,
        R"txt(A row-scoped statement grants PartiQLSelect and nothing denies full-scan SELECTs.)txt",
        R"txt(Reports an Allow statement with a dynamodb:LeadingKeys row filter whose Action covers dynamodb:PartiQLSelect, when neither a Deny on {"Bool": {"dynamodb:FullTableScan": "true"}} nor a {"Null": {"dynamodb:LeadingKeys": "false"}} condition stops a full-scan statement. The finding carries the full-scan request that the evaluator allows.)txt",
        R"txt(A PartiQL SELECT whose WHERE clause does not fix the partition key is a full table scan: it carries no dynamodb:LeadingKeys, so ForAllValues is vacuously true. The DynamoDB Developer Guide ("IAM security policies with PartiQL for DynamoDB") shows the dynamodb:FullTableScan Deny for this case.)txt",
        R"json({"Effect": "Allow", "Action": "dynamodb:PartiQLSelect",
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Music",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:username}"]}}})json",
        R"json([{"Effect": "Allow", "Action": "dynamodb:PartiQLSelect",
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Music",
  "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:username}"]}}},
 {"Effect": "Deny", "Action": "dynamodb:PartiQLSelect",
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Music",
  "Condition": {"Bool": {"dynamodb:FullTableScan": "true"}}}])json",
        R"txt(Severity: error: the counterexample proves another user's items are reachable (a warning when it depends on a reading AWS does not document).)txt",
    };
};

}  // namespace

const Check& partiql_select_without_full_scan_guard() {
    static const PartiqlSelectWithoutFullScanGuard check;
    return check;
}

}  // namespace ddbguard::analyze
