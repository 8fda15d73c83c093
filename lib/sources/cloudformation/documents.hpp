#pragma once
// Turning resolved template values into policy documents (inside the CloudFormation reader).
#include <optional>
#include <string>
#include <vector>

#include "ddbguard/stack.hpp"
#include "sources/cloudformation/template.hpp"

namespace ddbguard::sources::cfn {

// A resolved PolicyDocument value (an object, or a JSON string as CloudFormation also accepts)
// read as a policy of `kind`. `literal`: the template value the string came from, when it
// was written as one string (positions then point inside it); nullptr when an intrinsic
// function built it. Returns nullopt (after a located finding) when it is no policy at all.
std::optional<Policy> make_policy(Node resolved, const Node* literal, PolicyKind kind, const Resolver& resolver,
                                  const LintOptions& options, std::vector<Finding>& findings);

// The document of an AWS managed policy, every node located at `reference` and its pointers
// under the reference's pointer. nullopt when the policy grants nothing the checks judge.
std::optional<Policy> managed_policy(std::string_view name_or_arn, const Location& reference, const std::string& path);

// A SAM policy template of docs/iac.md section 4 ("DynamoDBCrudPolicy" ...) with its table
// name (and stream name), as the document SAM writes; every node located at `reference`.
// nullopt when `name` is not one of them.
std::optional<Node> sam_policy_template(std::string_view name, const std::string& table, const std::string& stream,
                                        const Resolver& resolver, const Location& reference);
bool is_sam_dynamodb_template(std::string_view name);

}  // namespace ddbguard::sources::cfn
