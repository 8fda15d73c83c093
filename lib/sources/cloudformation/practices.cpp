// The resources of a template that the DynamoDB security practices look at besides
// policies and tables (docs/iac.md section 6): CloudTrail trails and their DynamoDB data
// events, AWS Config, VPC endpoints and the functions and instances that run in a VPC,
// KMS keys, Cognito identity pools, IAM access keys.
#include <algorithm>

#include "sources/cloudformation/template.hpp"
#include "util/text.hpp"

namespace ddbguard::sources::cfn {

namespace {

const Node* member(const Node* node, std::string_view key) {
    return node && node->kind == Node::Kind::object ? node->member(key) : nullptr;
}

std::string text_of(Resolver& r, const Node* value) {
    if (!value) return {};
    Run run;
    std::optional<Node> v = r.resolve(*value, run);
    return v ? Resolver::text(*v).value_or("") : std::string();
}

std::vector<const Node*> list_of(const Node* value) {
    std::vector<const Node*> out;
    if (!value) return out;
    if (value->kind == Node::Kind::array)
        for (const Node& n : value->items) out.push_back(&n);
    else
        out.push_back(value);
    return out;
}

// The logical id a value names (Ref, GetAtt), or its resolved text.
std::string id_or_text(Resolver& r, const Node* value) {
    if (!value) return {};
    const std::string id = r.referenced_id(*value);
    return id.empty() ? text_of(r, value) : id;
}

// The VPC a subnet belongs to: its AWS::EC2::Subnet resource's VpcId, or "" when the
// template does not say (a parameter of subnet ids).
std::string vpc_of_subnet(Resolver& r, const Node* subnet) {
    const std::string id = subnet ? r.referenced_id(*subnet) : std::string();
    if (id.empty() || r.resource_type(id) != "AWS::EC2::Subnet") return {};
    return id_or_text(r, r.property(id, "VpcId"));
}

std::string vpc_of_subnets(Resolver& r, const Node* subnets) {
    for (const Node* s : list_of(subnets))
        if (std::string vpc = vpc_of_subnet(r, s); !vpc.empty()) return vpc;
    return {};
}

// The role an instance profile holds.
std::string role_of_profile(Resolver& r, const Node* profile) {
    const std::string id = profile ? r.referenced_id(*profile) : std::string();
    if (id.empty() || r.resource_type(id) != "AWS::IAM::InstanceProfile") return {};
    const std::vector<const Node*> roles = list_of(r.property(id, "Roles"));
    return roles.empty() ? std::string() : id_or_text(r, roles.front());
}

// A data-resource value names every table when it stops before a table name
// ("arn:aws:dynamodb", "arn:aws:dynamodb:us-east-1:111122223333:table/").
bool names_every_table(const std::string& value) {
    const std::size_t at = value.find(":table/");
    return at == std::string::npos || at + 7 == value.size() || util::has_wildcard(value.substr(at + 7));
}

void read_trail(Resolver& r, const Node* props, StackTrail& trail) {
    // Basic event selectors: DataResources of type AWS::DynamoDB::Table with ARN values.
    for (const Node* selector : list_of(member(props, "EventSelectors")))
        for (const Node* data : list_of(member(selector, "DataResources"))) {
            const std::string type = text_of(r, member(data, "Type"));
            if (type == "AWS::DynamoDB::Stream") trail.streams = true;
            if (type != "AWS::DynamoDB::Table") continue;
            for (const Node* v : list_of(member(data, "Values"))) {
                const std::string arn = text_of(r, v);
                if (arn.empty()) trail.selectors_unknown = true;
                else if (names_every_table(arn)) trail.all_tables = true;
                else trail.tables.push_back(arn);
            }
        }
    // Advanced event selectors: eventCategory Data, resources.type, resources.ARN.
    for (const Node* selector : list_of(member(props, "AdvancedEventSelectors"))) {
        bool data = false, tables = false, streams = false, arn_limited = false;
        std::vector<std::string> arns;
        for (const Node* field : list_of(member(selector, "FieldSelectors"))) {
            const std::string name = text_of(r, member(field, "Field"));
            std::vector<std::string> equals;
            for (const Node* v : list_of(member(field, "Equals"))) equals.push_back(text_of(r, v));
            if (name == "eventCategory") data = std::find(equals.begin(), equals.end(), "Data") != equals.end();
            if (name == "resources.type") {
                tables = std::find(equals.begin(), equals.end(), "AWS::DynamoDB::Table") != equals.end();
                streams = std::find(equals.begin(), equals.end(), "AWS::DynamoDB::Stream") != equals.end();
            }
            if (name == "resources.ARN") {
                arn_limited = true;
                for (const char* op : {"Equals", "StartsWith"})
                    for (const Node* v : list_of(member(field, op))) arns.push_back(text_of(r, v));
            }
        }
        if (!data) continue;
        trail.streams = trail.streams || streams;
        if (!tables) continue;
        if (!arn_limited) {
            trail.all_tables = true;
            continue;
        }
        for (const std::string& arn : arns) {
            if (arn.empty()) trail.selectors_unknown = true;
            else if (names_every_table(arn)) trail.all_tables = true;
            else trail.tables.push_back(arn);
        }
    }
}

}  // namespace

bool read_practice_resource(Resolver& r, const std::string& id, const std::string& type, const Node& resource,
                            const Owner& owner, Stack& stack) {
    (void)id;
    const Node* props = member(&resource, "Properties");
    if (type == "AWS::CloudTrail::Trail") {
        StackTrail trail;
        trail.owner = owner;
        read_trail(r, props, trail);
        stack.trails.push_back(std::move(trail));
        return true;
    }
    if (type == "AWS::Config::ConfigurationRecorder") {
        stack.config_recorders.push_back(owner);
        return true;
    }
    if (type == "AWS::Config::ConfigRule") {
        const Node* source = member(props, "Source");
        StackConfigRule rule;
        rule.owner = owner;
        if (text_of(r, member(source, "Owner")) == "AWS") rule.identifier = text_of(r, member(source, "SourceIdentifier"));
        stack.config_rules.push_back(std::move(rule));
        return true;
    }
    if (type == "AWS::EC2::VPCEndpoint") {
        StackVpcEndpoint e;
        e.owner = owner;
        e.service = text_of(r, member(props, "ServiceName"));
        const std::string kind = text_of(r, member(props, "VpcEndpointType"));
        e.gateway = kind.empty() || kind == "Gateway";  // CloudFormation's default is Gateway
        e.vpc = id_or_text(r, member(props, "VpcId"));
        stack.vpc_endpoints.push_back(std::move(e));
        return false;  // the reader still reads its policy document
    }
    if (type == "AWS::Lambda::Function" || type == "AWS::Serverless::Function") {
        const Node* vpc_config = member(props, "VpcConfig");
        if (!vpc_config) return false;
        StackWorkload w;
        w.owner = owner;
        w.vpc = vpc_of_subnets(r, member(vpc_config, "SubnetIds"));
        const Node* role = member(props, "Role");
        w.principal = role ? id_or_text(r, role) : (type == "AWS::Serverless::Function" ? id + "Role" : "");
        stack.workloads.push_back(std::move(w));
        return false;  // SAM functions still have their policies read
    }
    if (type == "AWS::EC2::Instance") {
        StackWorkload w;
        w.owner = owner;
        w.vpc = vpc_of_subnet(r, member(props, "SubnetId"));
        for (const Node* ni : list_of(member(props, "NetworkInterfaces")))
            if (w.vpc.empty()) w.vpc = vpc_of_subnet(r, member(ni, "SubnetId"));
        w.principal = role_of_profile(r, member(props, "IamInstanceProfile"));
        if (!member(props, "SubnetId") && !member(props, "NetworkInterfaces")) return true;  // the default VPC's
        stack.workloads.push_back(std::move(w));
        return true;
    }
    if (type == "AWS::KMS::Key") {
        stack.kms_keys.push_back({owner, std::nullopt});
        return false;  // the reader reads its key policy
    }
    if (type == "AWS::Cognito::IdentityPool") {
        StackIdentityPool pool;
        pool.owner = owner;
        pool.allow_unauthenticated = util::to_lower(text_of(r, member(props, "AllowUnauthenticatedIdentities"))) == "true";
        pool.classic_flow = util::to_lower(text_of(r, member(props, "AllowClassicFlow"))) == "true";
        stack.identity_pools.push_back(std::move(pool));
        return true;
    }
    if (type == "AWS::IAM::AccessKey") {
        stack.access_keys.push_back({owner, id_or_text(r, member(props, "UserName"))});
        return true;
    }
    return false;
}

void link_practice_resources(Resolver& r, const Template& tpl, Stack& stack) {
    // The documents the reader made for endpoints and keys, by their owner.
    auto document_of = [&](const std::string& owner, PolicyKind kind) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < stack.documents.size(); ++i)
            if (stack.documents[i].owner.id == owner && stack.documents[i].policy.kind == kind) return i;
        return std::nullopt;
    };
    for (StackVpcEndpoint& e : stack.vpc_endpoints) e.policy = document_of(e.owner.id, PolicyKind::vpc_endpoint);
    for (StackKmsKey& k : stack.kms_keys) k.policy = document_of(k.owner.id, PolicyKind::kms_key);
    // Which roles each identity pool hands out (IdentityPoolRoleAttachment.Roles).
    if (!tpl.resources) return;
    for (const Node& resource : tpl.resources->items) {
        if (text_of(r, member(&resource, "Type")) != "AWS::Cognito::IdentityPoolRoleAttachment") continue;
        const Node* props = member(&resource, "Properties");
        const std::string pool = id_or_text(r, member(props, "IdentityPoolId"));
        const Node* roles = member(props, "Roles");
        for (StackIdentityPool& p : stack.identity_pools) {
            if (p.owner.id != pool) continue;
            p.authenticated_role = id_or_text(r, member(roles, "authenticated"));
            p.unauthenticated_role = id_or_text(r, member(roles, "unauthenticated"));
        }
    }
}

}  // namespace ddbguard::sources::cfn
