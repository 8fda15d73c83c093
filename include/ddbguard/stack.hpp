#pragma once
// The infrastructure model: what one source (a loose policy file, a bundle of them, a
// CloudFormation/SAM/CDK template, a serverless.yml, a Terraform module or plan) says
// about policy documents, the principals they belong to, and the DynamoDB tables.
// Readers of every format produce a Stack; checks see it through the Context and never
// through the file format (docs/design.md, "Data flow").
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/finding.hpp"
#include "ddbguard/location.hpp"
#include "ddbguard/policy.hpp"

namespace ddbguard {

enum class SourceFormat { policy, cloudformation, serverless, terraform, terraform_plan };
std::string_view to_string(SourceFormat);
std::optional<SourceFormat> source_format_from_string(std::string_view);  // "policy", "cloudformation", ...

// A value that only deploy or apply time knows (a Region, an account, a generated table
// name, a parameter without a fixed value) stands in resolved policy text as a
// placeholder "<NAME>": NAME has no ':', '<' or '>' (placeholders sit inside ARNs, whose
// first five segments are colon-separated), e.g. "<AWS.Region>", "<Param.TableName>",
// "<aws_iam_role.app.arn>". A placeholder matches as "some value": the same placeholder
// is the same value wherever it stands, and it is never a wildcard.
bool has_placeholder(std::string_view text);
bool is_placeholder(std::string_view text);  // the whole text is one placeholder
std::string make_placeholder(std::string_view name);  // ':' in `name` becomes '.'

// Who a document belongs to, in the words of its source.
struct Owner {
    std::string id;         // logical id "AppRole", address "aws_iam_role_policy.app"; empty for a loose file
    std::string type;       // "AWS::IAM::Role", "aws_iam_role_policy"
    std::string construct;  // AWS CDK construct path (Metadata aws:cdk:path), if any
    Location location;      // where the owning resource is defined
    std::string path;       // the file it is defined in, when not the stack's own path (a Terraform module)
    // "AWS::IAM::Role AppRole (Stack/AppRole/Resource)": for messages.
    std::string label() const;
};

struct StackDocument {
    Policy policy;        // policy.path: the source file; node locations point into it
    Owner owner;
    std::string name;     // "inline policy ReadOwn", "AWS managed policy AmazonDynamoDBFullAccess", ...
    // An AWS managed policy named in the source (its compiled-in document): its nodes all
    // carry the location of the reference, and checks that judge how a policy is written
    // (grammar, size, style) leave it alone; only what it grants counts.
    std::string managed_policy;
    // Fn::If and similar: the variant of the source this document is ("condition IsProd = true").
    std::string variant;
};

enum class PrincipalKind { role, user, group, function };
std::string_view to_string(PrincipalKind);

struct StackPrincipal {
    Owner owner;
    PrincipalKind kind = PrincipalKind::role;
    std::vector<std::size_t> documents;  // identity policies attached (indices into Stack::documents)
    std::optional<std::size_t> trust;    // its trust policy, for roles
    // Many people hold the role at once (docs/iac.md section 5): an identity pool hands it
    // out, or its trust allows sts:AssumeRoleWithWebIdentity for a web identity provider.
    bool end_user = false;
    bool unauthenticated = false;        // the guest role of an identity pool
    std::string end_user_reason;         // "identity pool AppPool hands it to authenticated users"
    // Policies attached by a name or ARN the source does not define and that is not an AWS
    // managed policy: what they grant is unknown (said in a finding, never assumed empty).
    std::vector<std::pair<std::string, Location>> unknown_policies;
};

struct TableIndex {
    std::string name;
    bool global = true;          // false: local secondary index (shares the table's partition key)
    std::string partition_key;   // attribute name
    std::string sort_key;
    std::string projection;      // "ALL", "KEYS_ONLY", "INCLUDE" (empty: not stated)
    std::vector<std::string> projected;  // NonKeyAttributes for INCLUDE
    Location location;
};

struct StackTable {
    Owner owner;
    std::string name;            // TableName, or a placeholder when deploy time names it
    std::string arn;             // arn:<partition>:dynamodb:<region>:<account>:table/NAME (placeholders allowed)
    std::string partition_key;
    std::string sort_key;
    std::vector<TableIndex> indexes;
    // Settings, as written (nullopt: not stated, the service default applies).
    std::optional<bool> sse_enabled;
    std::string sse_type;        // "KMS" or ""
    std::string kms_key;         // key id/ARN/alias as resolved (may hold a placeholder)
    std::optional<bool> point_in_time_recovery;
    std::optional<bool> deletion_protection;
    std::string stream_view_type;  // "" when no stream
    std::vector<std::pair<std::string, std::string>> tags;
    std::optional<std::size_t> resource_policy;  // index into Stack::documents
    std::optional<std::size_t> stream_policy;
    // Where a setting is written, for findings about it: the value of "sse",
    // "point_in_time_recovery", "deletion_protection", "stream", "tags" (absent: not written,
    // a finding points at the table itself).
    std::map<std::string, Location, std::less<>> written_at;
};

// The rest of a stack the DynamoDB security practices look at (docs/iac.md sections 5 and 6;
// DynamoDB Developer Guide, "Security best practices"). Empty where the files say nothing:
// an account-wide trail or Config recorder may live elsewhere.

// A CloudTrail trail and the DynamoDB data events it selects.
struct StackTrail {
    Owner owner;
    bool all_tables = false;          // data events of every table (an empty Values/ARN prefix)
    std::vector<std::string> tables;  // table ARNs it names (placeholders allowed)
    bool streams = false;             // stream data events (AWS::DynamoDB::Stream)
    bool selectors_unknown = false;   // selectors the reader could not judge (unresolved values)
};

// AWS Config in the stack: a recorder, or a managed rule by its source identifier.
struct StackConfigRule {
    Owner owner;
    std::string identifier;  // "DYNAMODB_PITR_ENABLED"; empty for a custom rule
};

struct StackVpcEndpoint {
    Owner owner;
    std::string service;  // "com.amazonaws.us-east-1.dynamodb" (placeholders allowed)
    bool gateway = true;
    std::string vpc;      // the VPC id or reference it is in
    std::optional<std::size_t> policy;  // its endpoint policy document
};

// A function or instance that runs in a VPC, and the principal it runs as.
struct StackWorkload {
    Owner owner;
    std::string vpc;        // resolved VPC id or reference ("" when unknown)
    std::string principal;  // Owner::id of the role it runs as ("" when not in the stack)
};

struct StackKmsKey {
    Owner owner;
    std::optional<std::size_t> policy;  // its key policy document
};

// A Cognito identity pool: who gets which role (docs/iac.md section 5).
struct StackIdentityPool {
    Owner owner;
    bool allow_unauthenticated = false;  // anyone on the internet gets the unauthenticated role
    bool classic_flow = false;           // the basic (classic) authentication flow
    std::string authenticated_role;      // Owner::id of the role, "" when not in the stack
    std::string unauthenticated_role;
};

// A long-lived access key of an IAM user.
struct StackAccessKey {
    Owner owner;
    std::string user;  // Owner::id of the user
};

// One source judged as a whole. A loose policy file is a Stack of one document; a
// --bundle is one principal holding every file's document.
struct Stack {
    std::string path;            // the file (or directory, for a Terraform module)
    SourceFormat format = SourceFormat::policy;
    std::vector<std::string> files;  // every file read into this stack (findings point into them)
    std::vector<StackDocument> documents;
    std::vector<StackPrincipal> principals;
    std::vector<StackTable> tables;
    std::vector<StackTrail> trails;
    std::vector<Owner> config_recorders;
    std::vector<StackConfigRule> config_rules;
    std::vector<StackVpcEndpoint> vpc_endpoints;
    std::vector<StackWorkload> workloads;
    std::vector<StackKmsKey> kms_keys;
    std::vector<StackIdentityPool> identity_pools;
    std::vector<StackAccessKey> access_keys;
    // Problems of the source itself (malformed template, an unresolvable value, a template
    // mistake such as an unescaped policy variable inside Fn::Sub), as located findings.
    std::vector<Finding> diagnostics;
    // Placeholders the source could not fill, name -> why (for the summary and messages).
    std::map<std::string, std::string> unresolved;
};

// Values the user knows that the source does not: --region, --account, --parameter
// KEY=VALUE, --var NAME=VALUE (also from the configuration file).
struct SourceValues {
    std::string region;
    std::string account;
    std::string partition;
    std::map<std::string, std::string> parameters;  // CloudFormation parameters, Serverless options
    std::map<std::string, std::string> variables;   // Terraform variables
};

}  // namespace ddbguard
