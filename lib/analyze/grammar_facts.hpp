#pragma once
// Facts about the IAM policy grammar that the grammar checks share: policy
// variables inside a value, ARN fields, condition operator names, and what an
// always-true or always-false condition means for an Allow or a Deny.
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/policy.hpp"

namespace ddbguard::analyze {

// One "${...}" in a value. `inner` is the text between the braces (when closed).
struct VariableRef {
    std::string_view inner;
    std::size_t offset = 0;  // of the '$'
    bool closed = true;      // false: "${" with no "}" after it
};
std::vector<VariableRef> variables_in(std::string_view text);
// `text` with every closed "${...}" removed (for wildcard checks: ${*} and ${?} are escapes).
std::string without_variables(std::string_view text);

// "arn:partition:service:region:account:resource": everything after the fifth colon is
// the resource part (it may contain colons, e.g. stream labels). fields < 6: not an ARN shape.
struct ArnParts {
    std::size_t fields = 0;
    std::string_view partition, service, region, account, resource;
};
ArnParts split_arn(std::string_view arn);

// Every condition operator IAM accepts, exact spelling: the base operators, their
// IfExists forms (not Null), each also with ForAllValues: and ForAnyValue:.
const std::vector<std::string>& all_condition_operators();

// A condition that can never be true (or is always true) for the actions it is on:
// what that does to the statement, worded for its effect.
std::string never_true_consequence(const Statement& st);
std::string always_true_consequence(const Statement& st);
// What a condition on a key that is never in the request evaluates to (IAM User Guide,
// "Condition operators" and "Multivalued context keys"; docs/dynamodb-iam.md section 2),
// and what that does to the statement: "it is always false, so this Allow ...".
std::string absent_key_consequence(const Statement& st, const ConditionEntry& c);

}  // namespace ddbguard::analyze
