// The semantic row check: any allowed request for another user's rows.
#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"

namespace ddbguard::analyze {
namespace {

class RowIsolationLeak final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override { isolation::report_unexplained(context, doc_, true); }

private:
    CheckDoc doc_{
        "row-isolation-leak", Severity::error,
        R"txt(The policy set allows a request that reaches another user's rows.)txt",
        R"txt(When a statement filters dynamodb:LeadingKeys (or a *PartitionKeyValues key) on the caller's identity, builds requests from a caller S for every DynamoDB item, PartiQL and stream action the set grants, on each table, index and stream the filter covers: keys [other user], [S, other user], [S followed by more characters], the variable's literal text, and no key at all where DynamoDB sends none (Scan, full-scan PartiQL, streams). The caller's identity and the values that satisfy unrelated guards (TLS, VPC endpoint) are set. Each request the evaluator allows is reported once per allowing statement and cause, with the simplest such request as counterexample and the trace of the condition that let it through. Leaks already shown by a pattern check (scan-with-row-filter, unscoped-regrant ...) are not repeated here.)txt",
        R"txt(A row filter exists to keep each caller to their own partition. Whatever lets one request through for another user's partition (a Deny that does not fire, a Version that disables variables, a misspelled variable, a key shape the filter does not see) defeats it for every user of the application.)txt",
        R"json({"Statement": [{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Scan"],
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
  "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}}]}
(no Version: the variable is literal text, and Scan has no key))json",
        R"json({"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
  "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}}]})json",
        R"txt(Severity: error: the counterexample proves another user's rows are reachable (a warning when it depends on a reading AWS does not document).)txt",
    };
};

}  // namespace

const Check& row_isolation_leak() {
    static const RowIsolationLeak check;
    return check;
}

}  // namespace ddbguard::analyze
