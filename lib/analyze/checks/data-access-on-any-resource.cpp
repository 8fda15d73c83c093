// DynamoDB data or control actions that accept a table ARN, allowed on "*" or every table.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {

namespace {

class DataAccessOnAnyResource final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const Policy* policy : ctx.policies()) {
            // Resource policies name their own table; endpoint policies have vpc-endpoint-policy-open.
            if (policy->kind != PolicyKind::identity && policy->kind != PolicyKind::unknown) continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || !st.has_resource || st.not_resource) continue;
                std::vector<std::string> actions;
                for (const std::string& a : covered_actions(st, "dynamodb"))
                    if (is_scopable_data_or_control_action(a)) actions.push_back(a);
                if (actions.empty()) continue;
                const bool tag_pinned = pins_resource_by_tag(st);
                for (const Value& r : st.resources) {
                    std::string reach = any_table_reach(r.text);
                    if (reach.empty()) continue;
                    std::string message = "Resource \"" + r.text + "\" in " + describe(st) + " matches " + reach +
                                          " (with their indexes and streams), and the statement allows " +
                                          join_list(actions, 6) + " on it";
                    if (tag_pinned) message += "; an aws:ResourceTag condition narrows it to tagged tables";
                    report_with(ctx, doc_, tag_pinned ? Severity::info : Severity::warning, *policy, r.loc,
                                std::move(message),
                                "Name the tables (and indexes) the application uses, e.g. "
                                "\"arn:aws:dynamodb:us-east-1:111122223333:table/Orders\" and "
                                "\"arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/*\"; keep actions "
                                "that accept only \"*\" (ListTables, DescribeLimits ...) in a statement of their "
                                "own");
                }
            }
        }
    }

private:
    CheckDoc doc_{
        "data-access-on-any-resource", Severity::warning,
        R"txt(An Allow grants DynamoDB data or control actions on "*" or on every table.)txt",
        R"txt(Reports each Resource value of an Allow statement in an identity policy that matches every table
name ("*", "arn:aws:dynamodb:*:*:table/*", "arn:*:dynamodb:*:*:*", or "table/*" within one account,
which the message says) when the statement allows DynamoDB actions that accept a resource ARN and either
change something (Write or Permissions management level: PutItem, DeleteTable, PutResourcePolicy ...;
tagging is left to dangerous-action and tag-control) or return item data (GetItem, BatchGetItem, Query, Scan, PartiQLSelect, GetRecords, SearchVectors,
ReadDataForReplication).
Not reported: actions the SAR lets take only "*" (ListTables, ListStreams, ListBackups, DescribeLimits,
DescribeEndpoints ...: "*" is their only correct Resource), metadata reads (DescribeTable, List*,
GetResourcePolicy ...), Deny statements, and resource-based policies. A positive aws:ResourceTag
condition in the statement lowers the finding to info, since it narrows the grant to tagged tables.
So AWS's read-only managed policy (Get*, Query, Scan on "*") gets a warning: for an application role
reading every table of every account is overbroad; for a human read-only role, suppress it.)txt",
        R"txt(A grant on "*" reaches every table, index, stream and backup the account has now and will create,
and every other account's tables that trust the principal: one compromised application credential reads
or changes all of them. DynamoDB data actions accept table, index and stream ARNs (Service Authorization
Reference, Amazon DynamoDB), so they can always be scoped.)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"], "Resource": "*"})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],
 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"},
{"Effect": "Allow", "Action": "dynamodb:ListTables", "Resource": "*"})json",
        R"txt(Severity: warning: very likely broader than needed; info where a resource-tag condition narrows it.)txt",
    };
};

}  // namespace

const Check& data_access_on_any_resource() {
    static const DataAccessOnAnyResource check;
    return check;
}

}  // namespace ddbguard::analyze
