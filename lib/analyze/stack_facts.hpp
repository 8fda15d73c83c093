#pragma once
#include <unordered_set>
// What the stack (a template, a Terraform module) says about the resources a policy names:
// the table definition behind a Resource value, for the checks that need key schemas.
#include <string>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "ddbguard/policy.hpp"
#include "analyze/check.hpp"
#include "ddbguard/stack.hpp"

namespace ddbguard::analyze {

// The table of the stack a DynamoDB Resource value names (a table, index, stream ... ARN),
// matched by table name; Region and account must agree where both are written out.
struct TableRef {
    const StackTable* table = nullptr;
    std::string index;            // the index name after "/index/", empty when the ARN names no index
    bool index_wildcard = false;  // "/index/*" or another pattern
};
TableRef table_named(const Stack* stack, std::string_view resource);

// The index of `table` called `name`, or nullptr.
const TableIndex* index_named(const StackTable& table, std::string_view name);

// Reports a finding located at the resource `owner` (a table, a trail, an identity pool),
// its label in front of the message.
void report_at(Context& context, const CheckDoc& check, Severity severity, const Owner& owner, std::string message,
               std::string fix);
// The same at the table's setting `setting` (StackTable::written_at) when the source wrote it.
void report_at_setting(Context& context, const CheckDoc& check, Severity severity, const StackTable& table,
                       std::string_view setting, std::string message, std::string fix);
// "SSESpecification: {...}" in the words of the stack's format (CloudFormation or Terraform).
std::string in_format(const Stack& stack, std::string_view cloudformation, std::string_view terraform);

// --- what the principals of a stack may do, for the practice checks -------------------

// The Allow statements of a principal's identity policies, with their policies.
struct GrantingStatement {
    const Policy* policy = nullptr;
    const Statement* statement = nullptr;
};
std::vector<GrantingStatement> allow_statements(const Stack& stack, const StackPrincipal& principal);
// The principals of the stack with this owner id (a role may appear once per Fn::If variant).
std::vector<const StackPrincipal*> principals_named(const Stack& stack, std::string_view id);
// The first Allow of `principal` that grants one of `actions` on `arn` (any resource when
// `arn` is empty), or an empty result.
GrantingStatement first_grant(const Stack& stack, const StackPrincipal& principal,
                              std::initializer_list<std::string_view> actions, const std::string& arn = {});
// The DynamoDB item actions (reads and writes), for "may this principal use DynamoDB data".
const std::vector<std::string_view>& dynamodb_item_actions();
const std::vector<std::string_view>& dynamodb_write_actions();
// Which tables the principals of a stack reach, built once per stack so that the table
// checks stay linear in its size (a module of 800 tables and 1,000 roles): statements whose
// resources are plain ARNs are indexed by them, the rest (wildcards, variables, NotResource)
// are tried against each table.
class TableReach {
public:
    explicit TableReach(const Stack& stack);
    // Some principal filters the rows of `table` (an Allow with a dynamodb:LeadingKeys
    // condition that covers its ARN).
    bool rows_filtered(const StackTable& table) const { return row_filters_.covers(table.arn); }
    // A principal that an identity pool hands out (or that trusts a web identity) may call an
    // item action on `table`.
    bool read_by_end_users(const StackTable& table) const { return end_user_items_.covers(table.arn); }

private:
    struct Grants {
        std::unordered_set<std::string> arns;
        std::vector<const Statement*> patterns;
        void add(const Statement& st);
        bool covers(const std::string& arn) const;
    };
    Grants row_filters_, end_user_items_;
};

// The principal of the stack that may read a table's stream (GetRecords on its stream ARN, or
// on the ARN a template writes for !GetAtt T.StreamArn), or nullptr; the statements that grant
// dynamodb:GetRecords are collected once per stack.
class StreamReaders {
public:
    explicit StreamReaders(const Stack& stack);
    const StackPrincipal* reader(const StackTable& table) const;

private:
    std::vector<std::pair<const StackPrincipal*, const Statement*>> grants_;  // principal order
};

}  // namespace ddbguard::analyze
