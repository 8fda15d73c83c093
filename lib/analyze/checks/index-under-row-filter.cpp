// An index granted under a row filter: safe only if the index is keyed by the user id.
#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/stack_facts.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

class IndexUnderRowFilter final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || st.not_resource) continue;
                const auto rows = isolation::row_conditions(st);
                if (rows.empty()) continue;
                for (const Value& r : st.resources) {
                    if (r.text.find("/index/") == std::string::npos) continue;
                    // The stack defines the index: global-index-under-row-filter judges its key.
                    if (const TableRef ref = table_named(context.stack(), r.text);
                        ref.table && (ref.index_wildcard || index_named(*ref.table, ref.index)))
                        continue;
                    context.report(doc_, *policy, r.loc,
                                   describe(st) + " grants the index " + r.text + " under its row filter on " +
                                       rows.front()->key + ": on an index, LeadingKeys is the index's partition "
                                       "key, so the filter isolates users only if that key holds the user id",
                                   "make sure the index's partition key is the same identity value as the table's; "
                                   "otherwise grant the index only to a back-end role");
                }
            }
        }
    }

private:
    CheckDoc doc_{
        "index-under-row-filter", Severity::info,
        R"txt(A row-scoped statement grants a secondary index.)txt",
        R"txt(Reports each index ARN (.../table/T/index/I) in the Resource of an Allow statement that filters dynamodb:LeadingKeys. It is information only: the DynamoDB Developer Guide's own fine-grained example grants an index this way, and a policy alone cannot show the index's key schema. When the table is defined in the same template or module, global-index-under-row-filter judges the index's key instead.)txt",
        R"txt(For a Query on an index, the partition key the request names is the index's (inferred; not stated by AWS). If the index is keyed by something other than the user id (a game title, a date), the row filter compares the caller's id with that value instead, and either blocks the caller or, with a broad filter, admits other users' items.)txt",
        R"json({"Effect": "Allow", "Action": "dynamodb:Query",
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores/index/ByTitle",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:Query",
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores/index/ByUserAndDate",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}}
(an index whose partition key is the user id))json",
        R"txt(Severity: info: a policy alone cannot tell whether the index's partition key is the user id; a table definition can, and then the finding is upgraded.)txt",
    };
};

}  // namespace

const Check& index_under_row_filter() {
    static const IndexUnderRowFilter check;
    return check;
}

}  // namespace ddbguard::analyze
