#pragma once
// CloudFormation templates (SAM and CDK output included) inside the reader: the located
// tree, the resolver of intrinsic functions, and the pieces the Serverless reader shares.
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/analyze.hpp"
#include "ddbguard/stack.hpp"
#include "policy/source_map.hpp"

namespace ddbguard::sources::cfn {

// A template read into a located tree (YAML short forms already in their long form).
struct Template {
    std::string path;
    std::string_view text;  // the file's bytes, for positions inside strings
    const policy::SourceMap* map = nullptr;
    Node root;
    const Node* parameters = nullptr;
    const Node* mappings = nullptr;
    const Node* conditions = nullptr;
    const Node* resources = nullptr;
    bool sam = false;  // Transform: AWS::Serverless-2016-10-31
    // Resources that exist once the template is deployed but that it does not spell out:
    // SAM's implicit function roles ("<Function>Role"), the Serverless Framework's
    // IamRoleLambdaExecution. Logical id -> type.
    std::map<std::string, std::string> implicit;
    std::string format_name = "CloudFormation template";  // for messages
};

// Fn::If conditions decided for one variant of a document: name -> branch taken.
using Choices = std::map<std::string, bool>;

// A value only deploy time knows that a document depends on, for the unresolved-value finding.
struct Unresolved {
    std::string name;         // "parameter TableName", "import SharedTableArn"
    std::string placeholder;  // "<Param.TableName>"
    std::string why;          // "it has no Default", "its Default \"users\" can be overridden at deploy time"
    Location where;
};

// One resolution of a value under a set of choices.
struct Run {
    const Choices* choices = nullptr;
    std::vector<std::string> free;       // conditions met that `choices` leaves open (taken as true)
    std::vector<Unresolved> unresolved;  // deploy-time values met
    bool in_policy = false;              // resolving a policy document: "${!...}" outside Fn::Sub is a finding
    std::size_t depth = 0;
};

// Applies CloudFormation's intrinsic functions to template values (docs/iac.md section 2).
// What the template determines is computed (table ARNs from TableName, Fn::Sub, Fn::Join,
// Fn::FindInMap ...); what only deploy time knows becomes a placeholder "<NAME>" (the
// account, the Region, generated names, parameters without a given value, imports).
// Template mistakes are findings in `diagnostics`.
class Resolver {
public:
    Resolver(const Template& tpl, const SourceValues& values, std::vector<Finding>& diagnostics);

    // The value with every intrinsic function applied; nullopt for AWS::NoValue. Resolved
    // nodes keep the location of the template value they came from.
    std::optional<Node> resolve(const Node& value, Run& run);
    // The condition's value, when the template and the given values determine it.
    std::optional<bool> condition(const std::string& name, Run& run);

    // The text of a resolved scalar (string, number, boolean); nullopt for other nodes.
    static std::optional<std::string> text(const Node& resolved);
    // The logical id a value refers to: {"Ref": X}, {"Fn::GetAtt": [X, A]} or "X.A",
    // {"Fn::Sub": "${X.Arn}"} alone; empty otherwise.
    std::string referenced_id(const Node& value) const;

    const Node* resource(std::string_view id) const;      // the resource's definition, or nullptr
    std::string resource_type(std::string_view id) const;  // "AWS::IAM::Role", "" when unknown
    const Node* property(std::string_view id, std::string_view name) const;

    // The name and ARN of a table resource as deployed (placeholders where deploy time names it).
    std::string table_name(std::string_view id, Run& run);
    std::string table_arn(std::string_view id, Run& run);

    std::string partition() const { return partition_; }
    std::string region() const { return region_; }
    std::string account() const { return account_; }
    const Template& tpl() const { return tpl_; }

    // Reports a located finding of the template.
    void report(std::string id, const Location& where, std::string message, std::string fix = {},
                Severity severity = Severity::error);
    // The position of byte `index` of a string node's value in the file (inside quotes,
    // block scalars and escapes), as exactly as the text allows.
    Location inside(const Node& scalar, std::size_t index) const;

private:
    std::optional<Node> call(const Node& value, const std::string& fn, const Node& args, Run& run);
    std::optional<Node> ref(const Node& at, const std::string& name, Run& run);
    std::optional<Node> get_att(const Node& at, const std::string& id, const std::string& attribute, Run& run);
    std::optional<Node> sub(const Node& at, const Node& args, Run& run);
    std::optional<bool> condition_value(const Node& value, Run& run);
    std::optional<std::string> resolved_text(const Node& value, Run& run, const std::string& what);
    std::string name_property(std::string_view id, std::string_view property, Run& run);
    Node placeholder(const Node& at, const std::string& name) const;
    void escaped_outside_sub(const Node& scalar);

    const Template& tpl_;
    const SourceValues& values_;
    std::vector<Finding>& diagnostics_;
    std::string partition_, region_, account_, url_suffix_;
    std::vector<std::string> in_progress_;          // resources being resolved, for cycles
    std::vector<std::string> conditions_in_progress_;
    struct Memo {
        std::string text;
        std::vector<Unresolved> unresolved;
    };
    std::map<std::string, Memo> memo_;              // "id|attr" -> value, when no condition was involved
    mutable std::vector<std::size_t> line_starts_;  // of tpl_.text, built on first use
    std::size_t choices_consulted_ = 0;
    std::set<std::string> reported_;                // one finding per problem and place
};

// The pieces of a template the reader turns into a Stack; shared by the CloudFormation and
// Serverless readers (resources.Resources of serverless.yml is CloudFormation).
bool read_template_tree(std::string_view bytes, const std::string& path, const LintOptions& options,
                        const policy::SourceMap& map, Template& tpl, std::vector<Finding>& findings);
// Fills `stack` from the template's resources (documents, principals, tables).
void build_stack(Template& tpl, const LintOptions& options, Stack& stack);

// The resources the security practices look at (trails, AWS Config, VPC endpoints and
// workloads, KMS keys, identity pools, access keys) into `stack` (practices.cpp). True when
// the resource needs nothing more; false when the reader still reads its policies.
bool read_practice_resource(Resolver& r, const std::string& id, const std::string& type, const Node& resource,
                            const Owner& owner, Stack& stack);
// After the documents are made: the endpoint and key policies, the roles of identity pools.
void link_practice_resources(Resolver& r, const Template& tpl, Stack& stack);

// Is `name` a policy variable IAM substitutes (aws:username, cognito-identity.amazonaws.com:sub ...)?
bool is_iam_variable_name(std::string_view name);

}  // namespace ddbguard::sources::cfn
