// Stream reads granted to a principal whose table access is row-scoped.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

using isolation::Cause;

class StreamAccessRowScoped final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow) continue;
                const std::string action = isolation::first_covered(
                    st, {"dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream"});
                if (action.empty()) continue;
                const isolation::Analysis& analysis = context.analysis();
                if (!analysis.intent().row()) return;
                const isolation::Leak* leak = analysis.simplest({Cause::stream_records}, &st);
                if (!leak) continue;
                const isolation::StatementRef row = analysis.intent().row_statements.front();
                isolation::report_leak(
                    context, doc_, *policy, isolation::action_location(st, leak->request.action),
                    describe(st) + " grants " + leak->request.action + " on the stream of a table that " +
                        describe(*row.statement) + " (" + row.policy->path + ":" +
                        isolation::position(row.statement->loc) +
                        ") scopes " + (isolation::row_filter_of(*row.statement) == isolation::RowFilter::literal ? std::string("to the listed partitions") : std::string("to the caller's rows")) + ": stream records carry every partition's changes and "
                        "no dynamodb:LeadingKeys, so no row filter can limit them",
                    isolation::fix_for(Cause::stream_records), analysis, *leak);
            }
        }
    }

private:
    CheckDoc doc_{
        "stream-access-row-scoped", Severity::error,
        R"txt(A row-scoped principal can read the table's stream, which holds every user's changes.)txt",
        R"txt(Reports an Allow statement that covers dynamodb:GetRecords, GetShardIterator or DescribeStream on the stream of a table that the same policy set restricts with a dynamodb:LeadingKeys row filter, when the evaluator allows the stream request. Wildcards such as dynamodb:* or dynamodb:Get* on table/Name* count.)txt",
        R"txt(Stream requests name no partition key: the SAR lists no fine-grained keys for the stream actions, so a LeadingKeys filter is vacuous there, and a stream record holds the item images of every partition. A principal meant to see only its own rows then reads everyone's.)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:Query", "dynamodb:GetRecords"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores*",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:Query",
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}})json",
        R"txt(Severity: error: the counterexample proves another user's changes are readable (a warning when it depends on a reading AWS does not document).)txt",
    };
};

}  // namespace

const Check& stream_access_row_scoped() {
    static const StreamAccessRowScoped check;
    return check;
}

}  // namespace ddbguard::analyze
