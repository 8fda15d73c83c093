#pragma once
// What the stack (a template, a Terraform module) says about the resources a policy names:
// the table definition behind a Resource value, for the checks that need key schemas.
#include <string>
#include <string_view>

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

}  // namespace ddbguard::analyze
