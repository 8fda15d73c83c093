#pragma once
// Facts shared by the best-practice and risk checks (semantics doc §6): which
// Action value grants an action, which DynamoDB actions are dangerous and why,
// which resources are "any table", which conditions pin a grant.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/check.hpp"
#include "ddbguard/policy.hpp"

namespace ddbguard::analyze {

// IAM action pattern match (case-insensitive, '*' and '?').
bool action_pattern_matches(std::string_view pattern, std::string_view action);
bool has_wildcard(std::string_view text);
// The first Action value (not NotAction) whose pattern matches `action`, or nullptr.
const Value* granting_value(const Statement& st, std::string_view action);

// A dangerous DynamoDB action (semantics doc §6) and what it lets the caller do.
struct DangerousAction {
    std::string_view action;    // "dynamodb:DeleteTable"
    std::string_view sentence;  // "deletes the table and every item in it"
};
const std::vector<DangerousAction>& dangerous_dynamodb_actions();
// The sentence for `action` (any case), empty when it is not dangerous.
std::string_view danger_of(std::string_view action);
// The dangerous actions among `actions`, most harmful first (the order of the list above).
std::vector<std::string> dangerous_among(const std::vector<std::string>& actions);

// True when action-wildcard reports this Action value of an Allow: "*", or a wildcard
// pattern that matches a DynamoDB action of write, permissions-management or tagging
// level. Other checks skip such values so one grant gives one finding.
bool action_wildcard_reports(const Value& action);

// A DynamoDB action that reads item data or changes data, settings or permissions (Write or
// Permissions management level; Tagging is left to dangerous-action and tag-control), and that
// accepts a resource ARN (the SAR lists a resource type for it).
bool is_scopable_data_or_control_action(std::string_view action);

// For a Resource pattern that matches every DynamoDB table name: a phrase saying
// how far it reaches ("every table of every account and Region"); empty otherwise.
std::string any_table_reach(std::string_view resource);

// True when a positive (non-negated, not IfExists) condition on aws:ResourceTag/...
// narrows the statement to tagged resources.
bool pins_resource_by_tag(const Statement& st);
// True when some condition of the statement is on `key` or on a key starting with
// `key` when it ends in '/' (e.g. "aws:RequestTag/").
bool has_condition_on(const Statement& st, std::string_view key);

// True for Principal "*" or an AWS principal "*".
bool principal_is_public(const PrincipalSet& p);
// The first public principal value's location (the Principal element for "*").
Location public_principal_location(const PrincipalSet& p);

// The Federated principal value naming Cognito identity pools
// ("cognito-identity.amazonaws.com", ".com.cn" in the China Regions), or nullptr.
const Value* cognito_federated(const Statement& st);

// An Allow that lets Cognito identities assume the role (Federated principal
// cognito-identity.amazonaws.com or .com.cn, sts:AssumeRoleWithWebIdentity), with its
// conditions on the Cognito claim `claim` ("aud", "amr") in either partition's spelling.
struct CognitoTrust {
    const Policy* policy = nullptr;
    const Statement* statement = nullptr;
    const Value* federated = nullptr;
    std::vector<const ConditionEntry*> claims;
};
std::vector<CognitoTrust> cognito_trusts(const std::vector<const Policy*>& set, std::string_view claim);

// The first DynamoDB Allow of the set's identity and table policies that `guarded` does not
// cover, for the set-wide guards (require-tls, vpc-endpoint-guard); nullopt when a Deny
// for which `guarded` holds covers DynamoDB, when every such Allow is guarded, or when
// there is none.
struct Unguarded {
    const Policy* policy = nullptr;
    const Statement* statement = nullptr;
};
std::optional<Unguarded> unguarded_dynamodb_allow(const Context& ctx, bool (*guarded)(const Statement&));

// True when `st` reads like a VPC endpoint policy statement: the policy is of kind vpc_endpoint,
// or of detected kind resource with every Resource "*" (a table policy names its table). A kind
// forced with --kind, or given by the template property the document is written under, is known.
bool endpoint_like(const Policy& policy, const Statement& st, const Context& context);

// The first statement of the set (Allow or Deny) that decides DynamoDB access with an
// aws:ResourceTag/... condition, and that condition; nullptr when there is none.
const ConditionEntry* resource_tag_reliance(const std::vector<const Policy*>& set, const Statement** in = nullptr);

// "a, b, c and 4 more".
std::string join_list(const std::vector<std::string>& items, std::size_t max = 6);

// Context::report with a severity other than the check's default.
void report_with(Context& ctx, const CheckDoc& doc, Severity severity, const Policy& policy, const Location& where,
                 std::string message, std::string fix);

}  // namespace ddbguard::analyze
