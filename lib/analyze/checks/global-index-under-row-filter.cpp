// A row filter granted on a global secondary index keyed on another attribute than the table.
#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/stack_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "evaluate/wildcard.hpp"

namespace ddbguard::analyze {
namespace {

class GlobalIndexUnderRowFilter final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const Policy* policy : ctx.policies())
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || st.not_resource) continue;
                const auto rows = isolation::row_conditions(st);
                if (rows.empty()) continue;
                for (const Value& r : st.resources) {
                    const TableRef ref = table_named(ctx.stack(), r.text);
                    if (!ref.table || ref.index.empty()) continue;
                    eval::Pattern pattern;
                    pattern.append_wild(ref.index);
                    for (const TableIndex& ix : ref.table->indexes) {
                        const bool named = ref.index_wildcard ? eval::glob_match(pattern.view(), ix.name, false)
                                                              : ix.name == ref.index;
                        if (!named || !ix.global || ix.partition_key.empty() ||
                            ix.partition_key == ref.table->partition_key)
                            continue;
                        report(ctx, *policy, st, r, *rows.front(), *ref.table, ix);
                    }
                }
            }
    }

private:
    void report(Context& ctx, const Policy& policy, const Statement& st, const Value& resource,
                const ConditionEntry& row, const StackTable& table, const TableIndex& ix) const {
        const std::string table_key = table.partition_key.empty() ? std::string("its partition key") : "'" + table.partition_key + "'";
        ctx.report(doc_, policy, resource.loc,
                   describe(st) + " grants the global secondary index " + ix.name + " of table " + table.name +
                       " under its row filter on " + row.key + ", but " + ix.name + " is keyed on '" +
                       ix.partition_key + "', not on " + table_key +
                       ": on a Query of the index, dynamodb:LeadingKeys is the '" + ix.partition_key +
                       "' value, so the caller either reads other users' items whose " + ix.partition_key +
                       " holds the caller's id (items assigned or sent to them), or nothing at all",
                   "grant the index only if its partition key holds the same user id as the table's (or use a local "
                   "secondary index, which shares the table's partition key); serve queries across users through a "
                   "back-end role");
    }

    CheckDoc doc_{
        "global-index-under-row-filter", Severity::warning,
        R"txt(A row filter is granted on a global secondary index keyed on another attribute than the table.)txt",
        R"txt(When the table definition is known (a template or Terraform module defines the table), reports each index ARN in the Resource of an Allow statement with a dynamodb:LeadingKeys (or *PartitionKeyValues) filter whose index is global and has a partition key other than the table's, naming that attribute. Index wildcards (index/*) are matched against the table's indexes. Local secondary indexes share the table's partition key and are fine; so is a global index keyed on the same attribute. Without the table definition, index-under-row-filter says what to verify instead.)txt",
        R"txt(The row filter compares the caller's id with the partition key value of the request. On a Query of a global secondary index, that is the index's partition key (docs/dynamodb-iam.md section 3, inferred): for an index keyed on "assignee", the filter admits exactly the items whose assignee holds the caller's id. Those are other users' items (assigned to, or sent to, the caller), which the table's owner-based filter meant to keep apart; or, when no item has such a value, the index returns nothing and the feature quietly does not work.)txt",
        R"json(GlobalSecondaryIndexes: [{IndexName: ByAssignee, KeySchema: [{AttributeName: assignee, KeyType: HASH}]}]
...
{"Effect": "Allow", "Action": "dynamodb:Query",
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Tasks/index/ByAssignee",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}})json",
        R"json(LocalSecondaryIndexes: [{IndexName: ByDate, KeySchema: [{AttributeName: userId, KeyType: HASH},
                                                      {AttributeName: date, KeyType: RANGE}]}]
(and grant .../index/ByDate under the same row filter))json",
        R"txt(Severity: warning: the filter compares the caller's id with another attribute, very likely not what was meant (it either reads other users' items or nothing).)txt",
    };
};

}  // namespace

const Check& global_index_under_row_filter() {
    static const GlobalIndexUnderRowFilter check;
    return check;
}

}  // namespace ddbguard::analyze
