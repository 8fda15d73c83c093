// CloudFormation templates (JSON or YAML; AWS SAM and AWS CDK output are CloudFormation) to
// a Stack: every policy document of docs/iac.md section 1 with its kind and owner, the
// principals with what is attached to them, and the DynamoDB tables.
#include <algorithm>
#include <deque>
#include <set>

#include "analyze/statement_facts.hpp"
#include "catalog/managed_policies.hpp"
#include "policy/json_reader.hpp"
#include "sources/cloudformation/documents.hpp"
#include "sources/cloudformation/template.hpp"
#include "sources/sources.hpp"
#include "sources/yaml_reader.hpp"
#include "util/text.hpp"

namespace ddbguard::sources {

namespace cfn {

namespace {

constexpr std::size_t kMaxVariants = 8;  // Fn::If combinations judged per document and per principal

const Node* member(const Node* node, std::string_view key) {
    return node && node->kind == Node::Kind::object ? node->member(key) : nullptr;
}

bool looks_like_json(std::string_view bytes) {
    std::size_t i = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    for (; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        return c == '{' || c == '[';
    }
    return false;
}

// A document to be, before resolution: where it is written and whose it is.
struct Source {
    const Node* value = nullptr;
    PolicyKind kind = PolicyKind::identity;
    Owner owner;
    std::string name;
    std::string condition;  // the owning resource's Condition, if any
};

// One variant of a source: the choices it was resolved under and the document it gave
// (none when the variant is not deployed or gave no usable document).
struct Variant {
    Choices choices;
    std::optional<std::size_t> document;
};

struct PrincipalDraft {
    Owner owner;
    PrincipalKind kind = PrincipalKind::role;
    std::string id;                       // logical id of the role (or SAM's implicit role)
    std::vector<std::size_t> sources;     // identity documents to resolve (indices into sources)
    std::vector<std::size_t> documents;   // documents made already (AWS managed, SAM templates)
    std::optional<std::size_t> trust;     // source of the trust policy
    std::vector<std::string> groups;      // group principals (ids) a user belongs to
    std::vector<std::pair<std::string, Location>> unknown_policies;
    std::string end_user_reason;
    bool unauthenticated = false;
};

std::string choices_text(const Choices& choices) {
    std::string out;
    for (const auto& [name, value] : choices) out += (out.empty() ? "condition " : ", ") + name + " = " + (value ? "true" : "false");
    return out;
}

bool consistent(const Choices& a, const Choices& b) {
    for (const auto& [name, value] : a) {
        const auto it = b.find(name);
        if (it != b.end() && it->second != value) return false;
    }
    return true;
}

// {"Ref": "X"} or {"Fn::GetAtt": ["X", "Arn"]}, to resolve what a resource of the template is called.
Node intrinsic_node(const std::string& fn, std::vector<std::string> args) {
    Node call;
    call.kind = Node::Kind::object;
    call.keys.push_back(fn);
    call.key_locs.emplace_back();
    Node value;
    if (args.size() == 1) {
        value.kind = Node::Kind::string;
        value.text = std::move(args[0]);
    } else {
        value.kind = Node::Kind::array;
        for (std::string& a : args) {
            Node n;
            n.kind = Node::Kind::string;
            n.text = std::move(a);
            value.items.push_back(std::move(n));
        }
    }
    call.items.push_back(std::move(value));
    return call;
}


class StackBuilder {
public:
    StackBuilder(Template& tpl, const LintOptions& options, Stack& stack)
        : tpl_(tpl), options_(options), stack_(stack), resolver_(tpl, options.values, stack.diagnostics) {}

    void build() {
        if (!tpl_.resources) return;
        collect_implicit();
        for (std::size_t i = 0; i < tpl_.resources->keys.size(); ++i) {
            const std::string& id = tpl_.resources->keys[i];
            const Node& resource = tpl_.resources->items[i];
            if (resource.kind != Node::Kind::object) {
                resolver_.report("invalid-template", resource.loc,
                                 "the resource \"" + id + "\" must be an object with a Type");
                continue;
            }
            const Node* type = resource.member("Type");
            if (!type || type->kind != Node::Kind::string) {
                resolver_.report("invalid-template", resource.loc, "the resource \"" + id + "\" has no Type");
                continue;
            }
            if (!deployable(resource)) continue;
            read_resource(id, type->text, resource, tpl_.resources->key_locs[i]);
        }
        attach_policies();
        resolve_sources();
        classify_end_users();
        make_principals();
        link_practice_resources(resolver_, tpl_, stack_);
    }

private:
    Template& tpl_;
    const LintOptions& options_;
    Stack& stack_;
    Resolver resolver_;
    std::vector<Source> sources_;
    std::vector<std::vector<Variant>> variants_;  // per source
    std::vector<PrincipalDraft> principals_;
    std::map<std::string, std::size_t> principal_of_;   // logical id -> principal draft
    // AWS::IAM::Policy / ManagedPolicy resources and whom they name: (source, Roles/Users/Groups entries).
    struct Attachment {
        std::size_t source;
        const Node* roles;
        const Node* users;
        const Node* groups;
    };
    std::vector<Attachment> attachments_;
    std::map<std::string, std::size_t> managed_source_;  // ManagedPolicy logical id -> source
    struct PoolAttachment {
        const Node* node;
        Owner owner;
    };
    std::vector<PoolAttachment> pool_attachments_;
    struct TableSources {
        std::size_t table;
        std::optional<std::size_t> resource_policy, stream_policy;
    };
    std::vector<TableSources> table_sources_;

    // SAM functions and state machines without a Role get one named "<Id>Role".
    void collect_implicit() {
        for (std::size_t i = 0; i < tpl_.resources->keys.size(); ++i) {
            const Node& r = tpl_.resources->items[i];
            const Node* type = member(&r, "Type");
            if (!type || type->kind != Node::Kind::string) continue;
            if ((type->text == "AWS::Serverless::Function" || type->text == "AWS::Serverless::StateMachine") &&
                !member(member(&r, "Properties"), "Role"))
                tpl_.implicit.emplace(tpl_.resources->keys[i] + "Role", "AWS::IAM::Role");
        }
    }

    // A resource whose Condition the given values decide false is never deployed.
    bool deployable(const Node& resource) {
        const Node* c = resource.member("Condition");
        if (!c || c->kind != Node::Kind::string) return true;
        Run run;
        const std::optional<bool> v = resolver_.condition(c->text, run);
        return !v || *v;
    }

    Owner owner_of(const std::string& id, const std::string& type, const Node& resource, const Location& key_loc) {
        Owner o;
        o.id = id;
        o.type = type;
        o.location = key_loc;
        o.location.pointer = "/Resources/" + policy::pointer_token(id);
        if (const Node* path = member(member(&resource, "Metadata"), "aws:cdk:path"); path && path->kind == Node::Kind::string)
            o.construct = path->text;
        return o;
    }

    std::size_t add_source(const Node* value, PolicyKind kind, const Owner& owner, std::string name,
                           const Node& resource) {
        Source s;
        s.value = value;
        s.kind = kind;
        s.owner = owner;
        s.name = std::move(name);
        if (const Node* c = resource.member("Condition"); c && c->kind == Node::Kind::string) s.condition = c->text;
        sources_.push_back(std::move(s));
        return sources_.size() - 1;
    }

    std::size_t add_principal(const std::string& id, const Owner& owner, PrincipalKind kind) {
        PrincipalDraft p;
        p.owner = owner;
        p.kind = kind;
        p.id = id;
        principals_.push_back(std::move(p));
        principal_of_[id] = principals_.size() - 1;
        return principals_.size() - 1;
    }

    std::string text_of(const Node& value) {
        Run run;
        std::optional<Node> r = resolver_.resolve(value, run);
        if (!r) return {};
        return Resolver::text(*r).value_or("");
    }

    void inline_policies(const Node* policies, const Owner& owner, std::size_t principal, const Node& resource) {
        if (!policies) return;
        if (policies->kind != Node::Kind::array) {
            resolver_.report("invalid-template", policies->loc, "Policies must be a list of {PolicyName, PolicyDocument}");
            return;
        }
        for (const Node& p : policies->items) {
            const Node* doc = member(&p, "PolicyDocument");
            if (!doc) {
                if (p.kind == Node::Kind::object && p.keys.size() == 1 && p.keys[0].starts_with("Fn::If"))
                    resolver_.report("unresolved-value", p.loc,
                                     "an inline policy chosen by Fn::If is not read; its grants are unknown",
                                     "write the Fn::If inside the PolicyDocument", Severity::warning);
                else
                    resolver_.report("missing-element", p.loc, "an inline policy without PolicyDocument",
                                     "add PolicyDocument: {Version: \"2012-10-17\", Statement: [...]}");
                continue;
            }
            const Node* name = member(&p, "PolicyName");
            const std::string label = "inline policy " + (name ? text_of(*name) : std::string("(no name)"));
            principals_[principal].sources.push_back(add_source(doc, PolicyKind::identity, owner, label, resource));
        }
    }

    // ManagedPolicyArns entries, SAM Policies names: AWS managed, defined here, or unknown.
    void managed_reference(const Node& entry, std::size_t principal) {
        const std::string referenced = resolver_.referenced_id(entry);
        if (!referenced.empty()) {
            if (auto it = managed_source_.find(referenced); it != managed_source_.end()) {
                principals_[principal].sources.push_back(it->second);
                return;
            }
        }
        Run run;
        std::optional<Node> r = resolver_.resolve(entry, run);
        const std::string text = r ? Resolver::text(*r).value_or("") : "";
        if (text.empty()) return;
        if (const catalog::ManagedPolicyEntry* known = catalog::find_managed_policy(text)) {
            if (auto policy = managed_policy(text, entry.loc, tpl_.path)) {
                StackDocument doc;
                doc.policy = std::move(*policy);
                doc.owner = principals_[principal].owner;
                doc.name = "AWS managed policy " + std::string(known->name);
                doc.managed_policy = std::string(known->name);
                stack_.documents.push_back(std::move(doc));
                principals_[principal].documents.push_back(stack_.documents.size() - 1);
            }
            return;  // known, and grants nothing the checks judge when it has no document here
        }
        // A customer managed policy of this template named by its ARN written out.
        for (const auto& [id, source] : managed_source_) {
            Run scratch;
            std::optional<Node> own = resolver_.resolve(intrinsic_node("Ref", {id}), scratch);
            if (own && Resolver::text(*own) == text) {
                principals_[principal].sources.push_back(source);
                return;
            }
        }
        principals_[principal].unknown_policies.emplace_back(text, entry.loc);
    }

    void read_resource(const std::string& id, const std::string& type, const Node& resource, const Location& key_loc) {
        const Owner owner = owner_of(id, type, resource, key_loc);
        const Node* props = member(&resource, "Properties");
        if (read_practice_resource(resolver_, id, type, resource, owner, stack_)) return;
        if (type == "AWS::IAM::Role" || type == "AWS::IAM::User" || type == "AWS::IAM::Group") {
            const PrincipalKind kind = type == "AWS::IAM::Role"   ? PrincipalKind::role
                                       : type == "AWS::IAM::User" ? PrincipalKind::user
                                                                  : PrincipalKind::group;
            const std::size_t p = add_principal(id, owner, kind);
            if (const Node* trust = member(props, "AssumeRolePolicyDocument"))
                principals_[p].trust = add_source(trust, PolicyKind::trust, owner, "trust policy", resource);
            inline_policies(member(props, "Policies"), owner, p, resource);
            pending_managed_.push_back({p, member(props, "ManagedPolicyArns")});
            if (const Node* groups = member(props, "Groups"); groups && groups->kind == Node::Kind::array)
                for (const Node& g : groups->items) pending_groups_.push_back({p, &g});
            return;
        }
        if (type == "AWS::IAM::Policy" || type == "AWS::IAM::ManagedPolicy") {
            const Node* doc = member(props, "PolicyDocument");
            if (!doc) {
                resolver_.report("missing-element", resource.loc, type + " " + id + " has no PolicyDocument");
                return;
            }
            const bool managed = type == "AWS::IAM::ManagedPolicy";
            const Node* name = member(props, managed ? "ManagedPolicyName" : "PolicyName");
            const std::string label = (managed ? "managed policy " : "policy ") + (name ? text_of(*name) : id);
            const std::size_t s = add_source(doc, PolicyKind::identity, owner, label, resource);
            if (managed) managed_source_[id] = s;
            attachments_.push_back({s, member(props, "Roles"), member(props, "Users"), member(props, "Groups")});
            return;
        }
        if (type == "AWS::IAM::RolePolicy" || type == "AWS::IAM::UserPolicy" || type == "AWS::IAM::GroupPolicy") {
            const Node* doc = member(props, "PolicyDocument");
            if (!doc) {
                resolver_.report("missing-element", resource.loc, type + " " + id + " has no PolicyDocument");
                return;
            }
            const Node* name = member(props, "PolicyName");
            const std::size_t s = add_source(doc, PolicyKind::identity, owner,
                                             "inline policy " + (name ? text_of(*name) : id), resource);
            const std::string_view target = type == "AWS::IAM::RolePolicy"   ? "RoleName"
                                             : type == "AWS::IAM::UserPolicy" ? "UserName"
                                                                              : "GroupName";
            const Node* who = member(props, target);
            Node list;
            list.kind = Node::Kind::array;
            if (who) list.items.push_back(*who);
            owned_lists_.push_back(std::move(list));
            const Node* l = &owned_lists_.back();
            attachments_.push_back({s, target == "RoleName" ? l : nullptr, target == "UserName" ? l : nullptr,
                                    target == "GroupName" ? l : nullptr});
            return;
        }
        if (type == "AWS::IAM::UserToGroupAddition") {
            const Node* group = member(props, "GroupName");
            const Node* users = member(props, "Users");
            if (group && users && users->kind == Node::Kind::array)
                for (const Node& u : users->items) pending_additions_.push_back({group, &u});
            return;
        }
        if (type == "AWS::Serverless::Function" || type == "AWS::Serverless::StateMachine") {
            sam_function(id, type, resource, owner);
            return;
        }
        if (type == "AWS::Serverless::Connector") {
            resolver_.report("unresolved-value", resource.loc,
                             "AWS::Serverless::Connector " + id +
                                 ": the permissions SAM generates for connectors are not expanded by ddbguard; what "
                                 "they grant is not judged",
                             "if the connector reaches a DynamoDB table, review the role it grants to by hand",
                             Severity::info);
            return;
        }
        if (type == "AWS::DynamoDB::Table" || type == "AWS::DynamoDB::GlobalTable" ||
            type == "AWS::Serverless::SimpleTable") {
            read_table(id, type, resource, owner);
            return;
        }
        if (type == "AWS::EC2::VPCEndpoint") {
            const Node* doc = member(props, "PolicyDocument");
            const Node* service = member(props, "ServiceName");
            if (!doc) return;
            const std::string name = service ? text_of(*service) : "";
            // DynamoDB's endpoints (com.amazonaws.REGION.dynamodb); one whose service deploy time decides too.
            if (name.find("dynamodb") == std::string::npos && !has_placeholder(name)) return;
            add_source(doc, PolicyKind::vpc_endpoint, owner, "endpoint policy", resource);
            return;
        }
        if (type == "AWS::KMS::Key") {
            if (const Node* doc = member(props, "KeyPolicy")) add_source(doc, PolicyKind::kms_key, owner, "key policy", resource);
            return;
        }
        if (type == "AWS::Cognito::IdentityPoolRoleAttachment") {
            pool_attachments_.push_back({&resource, owner});
            return;
        }
    }

    struct PendingManaged {
        std::size_t principal;
        const Node* list;
    };
    std::vector<PendingManaged> pending_managed_;
    struct PendingGroup {
        std::size_t user;
        const Node* group;
    };
    std::vector<PendingGroup> pending_groups_;
    struct PendingAddition {
        const Node* group;
        const Node* user;
    };
    std::vector<PendingAddition> pending_additions_;
    std::deque<Node> owned_lists_;
    std::deque<Node> owned_nodes_;

    void sam_function(const std::string& id, const std::string& type, const Node& resource, const Owner& owner) {
        const Node* props = member(&resource, "Properties");
        const Node* policies = member(props, "Policies");
        if (member(props, "Role")) {
            if (policies)
                resolver_.report("invalid-template", policies->loc,
                                 type + " " + id + " sets Role, so SAM ignores its Policies: they grant nothing",
                                 "attach these policies to the role named in Role, or remove Role so that SAM "
                                 "creates one with them",
                                 Severity::warning);
            return;
        }
        const std::size_t p = add_principal(id + "Role", owner, PrincipalKind::function);
        if (const Node* trust = member(props, "AssumeRolePolicyDocument"))
            principals_[p].trust = add_source(trust, PolicyKind::trust, owner, "trust policy", resource);
        // SAM attaches AWSLambdaDynamoDBExecutionRole for a DynamoDB stream event source.
        if (const Node* events = member(props, "Events"); events && events->kind == Node::Kind::object)
            for (const Node& e : events->items)
                if (const Node* t = member(&e, "Type"); t && t->kind == Node::Kind::string && t->text == "DynamoDB") {
                    owned_nodes_.push_back(Node{});
                    Node& name = owned_nodes_.back();
                    name.kind = Node::Kind::string;
                    name.text = "AWSLambdaDynamoDBExecutionRole";
                    name.loc = t->loc;
                    pending_sam_managed_.push_back({p, &name});
                    break;
                }
        if (!policies) return;
        std::vector<const Node*> entries;
        if (policies->kind == Node::Kind::array)
            for (const Node& e : policies->items) entries.push_back(&e);
        else
            entries.push_back(policies);
        for (const Node* e : entries) sam_policy_entry(*e, p, owner, resource);
    }

    struct PendingSamManaged {
        std::size_t principal;
        const Node* entry;
    };
    std::vector<PendingSamManaged> pending_sam_managed_;

    void sam_policy_entry(const Node& entry, std::size_t p, const Owner& owner, const Node& resource) {
        if (entry.kind == Node::Kind::string) {
            pending_sam_managed_.push_back({p, &entry});
            return;
        }
        if (entry.kind != Node::Kind::object) {
            resolver_.report("invalid-template", entry.loc,
                             "a SAM Policies entry is a managed policy name or ARN, a policy document or a policy "
                             "template");
            return;
        }
        if (entry.member("Statement")) {
            principals_[p].sources.push_back(add_source(&entry, PolicyKind::identity, owner, "inline policy", resource));
            return;
        }
        if (entry.keys.size() == 1 && (entry.keys[0] == "Ref" || entry.keys[0].starts_with("Fn::"))) {
            pending_sam_managed_.push_back({p, &entry});
            return;
        }
        if (entry.keys.size() != 1) {
            resolver_.report("invalid-template", entry.loc,
                             "a SAM policy template entry has exactly one key, the template's name");
            return;
        }
        const std::string& name = entry.keys[0];
        if (!is_sam_dynamodb_template(name)) {
            resolver_.report("unresolved-value", entry.key_locs[0],
                             "SAM policy template " + name +
                                 " is not one of the DynamoDB templates ddbguard expands (DynamoDBCrudPolicy, "
                                 "DynamoDBReadPolicy, ...); it was taken to grant no DynamoDB access",
                             "if it does grant DynamoDB actions, write them as an inline policy document instead",
                             Severity::info);
            return;
        }
        const Node& params = entry.items[0];
        const Node* table = member(&params, "TableName");
        if (!table) {
            resolver_.report("invalid-template", entry.loc,
                             "SAM policy template " + name + " needs its TableName parameter; SAM refuses the template",
                             "write " + name + ": {TableName: !Ref YourTable}");
            return;
        }
        Run run;
        run.in_policy = true;
        std::optional<Node> t = resolver_.resolve(*table, run);
        std::string stream = "*";
        if (const Node* s = member(&params, "StreamName")) {
            std::optional<Node> r = resolver_.resolve(*s, run);
            stream = r ? Resolver::text(*r).value_or("*") : "*";
        }
        const std::string table_name = t ? Resolver::text(*t).value_or("<Unresolved>") : "<Unresolved>";
        std::optional<Node> doc = sam_policy_template(name, table_name, stream, resolver_, entry.loc);
        if (!doc) return;
        std::vector<Finding> ignored;
        std::optional<Policy> policy = make_policy(std::move(*doc), nullptr, PolicyKind::identity, resolver_, options_, ignored);
        if (!policy) return;
        StackDocument d;
        d.policy = std::move(*policy);
        d.owner = owner;
        d.name = "SAM policy template " + name;
        d.managed_policy = d.name;
        stack_.documents.push_back(std::move(d));
        const std::size_t index = stack_.documents.size() - 1;
        principals_[p].documents.push_back(index);
        report_unresolved(run.unresolved, stack_.documents[index]);
    }

    void read_table(const std::string& id, const std::string& type, const Node& resource, const Owner& owner) {
        const Node* props = member(&resource, "Properties");
        Run run;
        StackTable t;
        t.owner = owner;
        t.name = resolver_.table_name(id, run);
        t.arn = resolver_.table_arn(id, run);
        auto keys_of = [&](const Node* schema, std::string& hash, std::string& range) {
            if (!schema || schema->kind != Node::Kind::array) return;
            for (const Node& k : schema->items) {
                const Node* name = member(&k, "AttributeName");
                const Node* kind = member(&k, "KeyType");
                if (!name || !kind) continue;
                const std::string key_type = text_of(*kind);
                (key_type == "HASH" ? hash : range) = text_of(*name);
            }
        };
        if (type == "AWS::Serverless::SimpleTable") {
            const Node* primary = member(props, "PrimaryKey");
            const Node* name = member(primary, "Name");
            t.partition_key = name ? text_of(*name) : "id";  // SAM's default primary key
        } else {
            keys_of(member(props, "KeySchema"), t.partition_key, t.sort_key);
        }
        auto indexes = [&](const Node* list, bool global) {
            if (!list || list->kind != Node::Kind::array) return;
            for (const Node& ix : list->items) {
                TableIndex index;
                index.global = global;
                index.location = ix.loc;
                if (const Node* n = member(&ix, "IndexName")) index.name = text_of(*n);
                keys_of(member(&ix, "KeySchema"), index.partition_key, index.sort_key);
                if (!global && index.partition_key.empty()) index.partition_key = t.partition_key;
                const Node* projection = member(&ix, "Projection");
                if (const Node* pt = member(projection, "ProjectionType")) index.projection = text_of(*pt);
                if (const Node* na = member(projection, "NonKeyAttributes"); na && na->kind == Node::Kind::array)
                    for (const Node& a : na->items) index.projected.push_back(text_of(a));
                t.indexes.push_back(std::move(index));
            }
        };
        indexes(member(props, "GlobalSecondaryIndexes"), true);
        indexes(member(props, "LocalSecondaryIndexes"), false);
        auto flag = [&](const Node* n) -> std::optional<bool> {
            if (!n) return std::nullopt;
            const std::string v = util::to_lower(text_of(*n));
            if (v == "true") return true;
            if (v == "false") return false;
            return std::nullopt;
        };
        auto written = [&](std::string_view setting, const Node* n) {
            if (n) t.written_at.emplace(std::string(setting), n->loc);
        };
        const Node* sse = member(props, "SSESpecification");
        written("sse", member(sse, "SSEEnabled") ? member(sse, "SSEEnabled") : sse);
        written("point_in_time_recovery",
                member(member(props, "PointInTimeRecoverySpecification"), "PointInTimeRecoveryEnabled"));
        written("deletion_protection", member(props, "DeletionProtectionEnabled"));
        written("stream", member(member(props, "StreamSpecification"), "StreamViewType"));
        written("tags", member(props, "Tags"));
        t.sse_enabled = flag(member(sse, "SSEEnabled"));
        if (const Node* s = member(sse, "SSEType")) t.sse_type = text_of(*s);
        if (const Node* k = member(sse, "KMSMasterKeyId")) t.kms_key = text_of(*k);
        t.point_in_time_recovery = flag(member(member(props, "PointInTimeRecoverySpecification"), "PointInTimeRecoveryEnabled"));
        t.deletion_protection = flag(member(props, "DeletionProtectionEnabled"));
        const Node* stream = member(props, "StreamSpecification");
        if (const Node* v = member(stream, "StreamViewType")) t.stream_view_type = text_of(*v);
        if (const Node* tags = member(props, "Tags"); tags && tags->kind == Node::Kind::array)
            for (const Node& tag : tags->items) {
                const Node* k = member(&tag, "Key");
                const Node* v = member(&tag, "Value");
                if (k) t.tags.emplace_back(text_of(*k), v ? text_of(*v) : "");
            }
        stack_.tables.push_back(std::move(t));
        TableSources ts;
        ts.table = stack_.tables.size() - 1;
        if (const Node* doc = member(member(props, "ResourcePolicy"), "PolicyDocument"))
            ts.resource_policy = add_source(doc, PolicyKind::resource, owner, "resource policy", resource);
        if (const Node* doc = member(member(stream, "ResourcePolicy"), "PolicyDocument"))
            ts.stream_policy = add_source(doc, PolicyKind::resource, owner, "stream resource policy", resource);
        // Global tables: each replica's table and stream policies.
        if (const Node* replicas = member(props, "Replicas"); replicas && replicas->kind == Node::Kind::array)
            for (const Node& r : replicas->items) {
                if (const Node* doc = member(member(&r, "ResourcePolicy"), "PolicyDocument")) {
                    const std::size_t s = add_source(doc, PolicyKind::resource, owner, "replica resource policy", resource);
                    if (!ts.resource_policy) ts.resource_policy = s;
                }
                if (const Node* doc = member(member(member(&r, "ReplicaStreamSpecification"), "ResourcePolicy"), "PolicyDocument")) {
                    const std::size_t s = add_source(doc, PolicyKind::resource, owner, "replica stream resource policy", resource);
                    if (!ts.stream_policy) ts.stream_policy = s;
                }
                if (!stack_.tables[ts.table].point_in_time_recovery)
                    stack_.tables[ts.table].point_in_time_recovery =
                        flag(member(member(&r, "PointInTimeRecoverySpecification"), "PointInTimeRecoveryEnabled"));
                if (!stack_.tables[ts.table].deletion_protection)
                    stack_.tables[ts.table].deletion_protection = flag(member(&r, "DeletionProtectionEnabled"));
            }
        table_sources_.push_back(ts);
    }

    // The principals an attachment list names: Ref/GetAtt of a principal here, or its name.
    std::vector<std::size_t> named_principals(const Node* list, PrincipalKind kind) {
        std::vector<std::size_t> out;
        if (!list || list->kind != Node::Kind::array) return out;
        for (const Node& entry : list->items) {
            const std::string id = resolver_.referenced_id(entry);
            if (auto it = principal_of_.find(id); !id.empty() && it != principal_of_.end()) {
                out.push_back(it->second);
                continue;
            }
            const std::string name = text_of(entry);
            for (std::size_t p = 0; p < principals_.size(); ++p) {
                const PrincipalDraft& d = principals_[p];
                const bool same_kind = d.kind == kind || (kind == PrincipalKind::role && d.kind == PrincipalKind::function);
                if (!same_kind || name.empty()) continue;
                Run run;
                std::optional<Node> own = resolver_.resolve(intrinsic_node("Ref", {d.id}), run);
                if (own && Resolver::text(*own) == name) out.push_back(p);
            }
        }
        return out;
    }

    void attach_policies() {
        for (const Attachment& a : attachments_) {
            for (std::size_t p : named_principals(a.roles, PrincipalKind::role)) principals_[p].sources.push_back(a.source);
            for (std::size_t p : named_principals(a.users, PrincipalKind::user)) principals_[p].sources.push_back(a.source);
            for (std::size_t p : named_principals(a.groups, PrincipalKind::group)) principals_[p].sources.push_back(a.source);
        }
        for (const PendingManaged& m : pending_managed_) {
            if (!m.list) continue;
            if (m.list->kind != Node::Kind::array) {
                resolver_.report("invalid-template", m.list->loc, "ManagedPolicyArns must be a list of policy ARNs");
                continue;
            }
            for (const Node& entry : m.list->items) managed_reference(entry, m.principal);
        }
        for (const PendingSamManaged& m : pending_sam_managed_) managed_reference(*m.entry, m.principal);
        for (const PendingGroup& g : pending_groups_) {
            Node list;
            list.kind = Node::Kind::array;
            list.items.push_back(*g.group);
            for (std::size_t p : named_principals(&list, PrincipalKind::group)) principals_[g.user].groups.push_back(principals_[p].id);
        }
        for (const PendingAddition& a : pending_additions_) {
            Node groups, users;
            groups.kind = users.kind = Node::Kind::array;
            groups.items.push_back(*a.group);
            users.items.push_back(*a.user);
            for (std::size_t u : named_principals(&users, PrincipalKind::user))
                for (std::size_t g : named_principals(&groups, PrincipalKind::group))
                    principals_[u].groups.push_back(principals_[g].id);
        }
        // A user holds what its groups hold.
        for (PrincipalDraft& user : principals_) {
            for (const std::string& gid : user.groups) {
                const PrincipalDraft& group = principals_[principal_of_.at(gid)];
                for (std::size_t s : group.sources) user.sources.push_back(s);
                for (std::size_t d : group.documents) user.documents.push_back(d);
                for (const auto& u : group.unknown_policies) user.unknown_policies.push_back(u);
            }
        }
        for (PrincipalDraft& p : principals_) {
            std::sort(p.sources.begin(), p.sources.end());
            p.sources.erase(std::unique(p.sources.begin(), p.sources.end()), p.sources.end());
        }
    }

    void resolve_sources() {
        variants_.resize(sources_.size());
        for (std::size_t i = 0; i < sources_.size(); ++i) resolve_source(i);
        for (const TableSources& ts : table_sources_) {
            auto first = [&](std::optional<std::size_t> s) -> std::optional<std::size_t> {
                if (!s) return std::nullopt;
                for (const Variant& v : variants_[*s])
                    if (v.document) return v.document;
                return std::nullopt;
            };
            stack_.tables[ts.table].resource_policy = first(ts.resource_policy);
            stack_.tables[ts.table].stream_policy = first(ts.stream_policy);
        }
    }

    void resolve_source(std::size_t index) {
        const Source& src = sources_[index];
        std::vector<Variant>& out = variants_[index];
        std::vector<Choices> pending{Choices{}};
        if (!src.condition.empty()) {
            Run run;
            if (!resolver_.condition(src.condition, run)) {
                // The resource exists in the deployments where its condition holds.
                pending = {Choices{{src.condition, true}}};
                out.push_back({Choices{{src.condition, false}}, std::nullopt});
            }
        }
        bool capped = false;
        while (!pending.empty()) {
            Choices choices = std::move(pending.front());
            pending.erase(pending.begin());
            if (out.size() >= kMaxVariants) {
                capped = true;
                break;
            }
            Run run;
            run.choices = &choices;
            run.in_policy = true;
            std::optional<Node> resolved = resolver_.resolve(*src.value, run);
            Choices full = choices;
            for (const std::string& f : run.free) full[f] = true;
            // Each condition left open here: the other branch is a variant of its own.
            Choices prefix = choices;
            for (const std::string& f : run.free) {
                Choices other = prefix;
                other[f] = false;
                pending.push_back(std::move(other));
                prefix[f] = true;
            }
            Variant v{full, std::nullopt};
            if (!resolved) {
                out.push_back(std::move(v));
                continue;
            }
            const Node* literal = src.value->kind == Node::Kind::string ? src.value : nullptr;
            std::optional<Policy> policy =
                make_policy(std::move(*resolved), literal, src.kind, resolver_, options_, stack_.diagnostics);
            if (policy) {
                StackDocument doc;
                doc.policy = std::move(*policy);
                doc.owner = src.owner;
                doc.name = src.name;
                stack_.documents.push_back(std::move(doc));
                v.document = stack_.documents.size() - 1;
                report_unresolved(run.unresolved, stack_.documents.back());
            }
            out.push_back(std::move(v));
        }
        // A variant label only where the document has more than one.
        if (out.size() > 1)
            for (const Variant& v : out)
                if (v.document) stack_.documents[*v.document].variant = choices_text(v.choices);
        if (capped)
            resolver_.report("unresolved-value", src.value->loc,
                             "this " + src.name + " depends on more Fn::If conditions than ddbguard combines (" +
                                 std::to_string(kMaxVariants) + " variants): only the first " +
                                 std::to_string(kMaxVariants) + " combinations were judged",
                             "pass --parameter values that decide some of the conditions, or split the document",
                             Severity::warning);
    }

    // One unresolved-value finding per deploy-time value of a document.
    void report_unresolved(const std::vector<Unresolved>& list, const StackDocument& doc) {
        std::set<std::string> seen;
        for (const Unresolved& u : list) {
            if (!seen.insert(u.name).second) continue;
            const std::string element = element_of(u.where.pointer.str());
            const bool decides = element == "Action" || element == "NotAction" || element == "Effect";
            // The document's name where the owner alone does not say which (a role's inline policies).
            const std::string of = doc.name.starts_with("inline policy") ? " of " + doc.name : std::string();
            std::string message = (element.empty() ? std::string("a value") : element) + of + " uses the " + u.name + ", which only deploy time knows (" + u.why +
                                  "): it was judged as one unknown value " + u.placeholder +
                                  (decides ? ", so what this statement grants is not known"
                                           : ", the same wherever it stands and never a wildcard");
            std::string fix = u.name.starts_with("parameter ")
                                  ? "pass --parameter " + u.name.substr(10) + "=VALUE (or \"parameters\" in the "
                                    "configuration file) to judge the value you deploy"
                                  : "write the value into the template, or review the deployed value by hand";
            resolver_.report("unresolved-value", u.where, std::move(message), std::move(fix),
                             decides ? Severity::warning : Severity::info);
        }
    }

    // docs/iac.md section 5: identity pool roles and web-identity trust make a role end-user-facing.
    void classify_end_users() {
        for (const PoolAttachment& pa : pool_attachments_) {
            const Node* props = member(pa.node, "Properties");
            std::string pool = "an identity pool";
            bool open_guest = false;
            if (const Node* id = member(props, "IdentityPoolId")) {
                const std::string ref = resolver_.referenced_id(*id);
                if (!ref.empty()) {
                    pool = "identity pool " + ref;
                    if (const Node* allow = resolver_.property(ref, "AllowUnauthenticatedIdentities"))
                        open_guest = util::to_lower(text_of(*allow)) == "true";
                }
            }
            const Node* roles = member(props, "Roles");
            if (roles && roles->kind == Node::Kind::object)
                for (std::size_t i = 0; i < roles->keys.size(); ++i) {
                    const bool guest = roles->keys[i] == "unauthenticated";
                    for (std::size_t p : roles_named(roles->items[i]))
                        mark_end_user(p, guest ? pool + " hands it to unauthenticated (guest) users" +
                                                     (open_guest ? std::string(": anyone on the internet") : std::string())
                                               : pool + " hands it to authenticated users",
                                      guest);
                }
            if (const Node* mappings = member(props, "RoleMappings"); mappings && mappings->kind == Node::Kind::object)
                for (const Node& mapping : mappings->items) {
                    const Node* rules = member(member(&mapping, "RulesConfiguration"), "Rules");
                    if (!rules || rules->kind != Node::Kind::array) continue;
                    for (const Node& rule : rules->items)
                        if (const Node* arn = member(&rule, "RoleARN"))
                            for (std::size_t p : roles_named(*arn))
                                mark_end_user(p, pool + " hands it to users that match a role mapping rule", false);
                }
        }
    }

    std::vector<std::size_t> roles_named(const Node& value) {
        std::vector<std::size_t> out;
        const std::string id = resolver_.referenced_id(value);
        if (auto it = principal_of_.find(id); !id.empty() && it != principal_of_.end()) {
            out.push_back(it->second);
            return out;
        }
        const std::string arn = text_of(value);
        for (std::size_t p = 0; p < principals_.size(); ++p) {
            if (principals_[p].kind != PrincipalKind::role && principals_[p].kind != PrincipalKind::function) continue;
            Run run;
            std::optional<Node> own = resolver_.resolve(intrinsic_node("Fn::GetAtt", {principals_[p].id, "Arn"}), run);
            if (own && !arn.empty() && Resolver::text(*own) == arn) out.push_back(p);
        }
        return out;
    }

    void mark_end_user(std::size_t p, std::string reason, bool guest) {
        PrincipalDraft& d = principals_[p];
        if (d.end_user_reason.empty() || guest) d.end_user_reason = std::move(reason);
        d.unauthenticated = d.unauthenticated || guest;
    }

    // The trust policy lets a web identity provider's users assume the role.
    static std::string web_identity_reason(const Policy& trust, bool& guest) {
        static constexpr std::string_view kProviders[] = {"cognito-identity.amazonaws.com", "cognito-identity.amazonaws.com.cn",
                                                          "accounts.google.com", "graph.facebook.com", "www.amazon.com"};
        // OIDC providers of workloads (CI systems, Kubernetes service accounts) are not end users.
        static constexpr std::string_view kWorkloads[] = {"token.actions.githubusercontent.com", "gitlab.com",
                                                          "app.terraform.io", "oidc.eks.", "oidc.circleci.com",
                                                          "api.bitbucket.org", "vstoken.actions.githubusercontent.com"};
        for (const Statement& st : trust.statements) {
            if (st.effect != Effect::allow || !analyze::covers_action(st, "sts:AssumeRoleWithWebIdentity")) continue;
            for (const auto& [type, values] : st.principal.by_type) {
                if (type != "Federated") continue;
                for (const Value& v : values) {
                    bool provider = false;
                    for (std::string_view p : kProviders) provider = provider || v.text == p;
                    bool workload = false;
                    for (std::string_view w : kWorkloads) workload = workload || v.text.find(w) != std::string::npos;
                    const bool oidc = v.text.find(":oidc-provider/") != std::string::npos && !workload;
                    if (!provider && !oidc) continue;
                    for (const ConditionEntry& c : st.conditions)
                        if (util::iequals(c.key, "cognito-identity.amazonaws.com:amr"))
                            for (const Value& x : c.values) guest = guest || x.text == "unauthenticated";
                    return "its trust policy lets users of " + v.text + " assume it (sts:AssumeRoleWithWebIdentity)";
                }
            }
        }
        return {};
    }

    void make_principals() {
        for (PrincipalDraft& d : principals_) {
            // The trust policy's variants: a web-identity trust in any of them makes the role end-user-facing.
            if (d.trust)
                for (const Variant& v : variants_[*d.trust]) {
                    if (!v.document) continue;
                    bool guest = false;
                    std::string reason = web_identity_reason(stack_.documents[*v.document].policy, guest);
                    if (!reason.empty() && d.end_user_reason.empty()) d.end_user_reason = reason;
                    d.unauthenticated = d.unauthenticated || guest;
                }
            // Every consistent combination of the variants of what is attached, up to the cap.
            std::vector<std::size_t> parts = d.sources;
            if (d.trust) parts.push_back(*d.trust);
            struct Combo {
                Choices choices;
                std::vector<std::size_t> documents;
                std::optional<std::size_t> trust;
            };
            std::vector<Combo> combos{Combo{}};
            bool capped = false;
            for (std::size_t part : parts) {
                std::vector<Combo> next;
                const bool is_trust = d.trust && part == *d.trust;
                for (const Combo& c : combos)
                    for (const Variant& v : variants_[part]) {
                        if (!consistent(c.choices, v.choices)) continue;
                        if (next.size() >= kMaxVariants) {
                            capped = true;
                            break;
                        }
                        Combo n = c;
                        n.choices.insert(v.choices.begin(), v.choices.end());
                        if (v.document && is_trust) n.trust = *v.document;
                        if (v.document && !is_trust) n.documents.push_back(*v.document);
                        next.push_back(std::move(n));
                    }
                if (!next.empty()) combos = std::move(next);
            }
            if (capped)
                resolver_.report("unresolved-value", d.owner.location,
                                 d.owner.label() + ": its attached policies depend on more Fn::If conditions than "
                                 "ddbguard combines; only " + std::to_string(kMaxVariants) +
                                 " combinations were judged together",
                                 "pass --parameter values that decide some of the conditions", Severity::warning);
            for (const Combo& c : combos) {
                StackPrincipal p;
                p.owner = d.owner;
                p.kind = d.kind;
                p.documents = d.documents;
                p.documents.insert(p.documents.end(), c.documents.begin(), c.documents.end());
                p.trust = c.trust;
                p.end_user = !d.end_user_reason.empty();
                p.unauthenticated = d.unauthenticated;
                p.end_user_reason = d.end_user_reason;
                p.unknown_policies = d.unknown_policies;
                stack_.principals.push_back(std::move(p));
            }
            report_unknown(d);
        }
    }

    void report_unknown(const PrincipalDraft& d) {
        for (const auto& [name, where] : d.unknown_policies) {
            const bool aws = catalog::is_aws_managed_arn(name);
            std::string message =
                aws ? "the AWS managed policy " + name + " is not in ddbguard's data (" +
                          std::string(catalog::managed_policies_source()) + "): what it grants is unknown"
                    : "the managed policy " + name + " is not defined in the files linted: what it grants to " +
                          d.owner.label() + " is unknown and was not judged (it was not taken to be empty)";
            if (!d.end_user_reason.empty()) message += "; the principal is end-user-facing (" + d.end_user_reason + ")";
            resolver_.report("unknown-managed-policy", where, std::move(message),
                             aws ? "check the name (AWS managed policy names are case-sensitive), or refresh the data "
                                   "with tools/managed-policies/refresh.sh"
                                 : "lint the template that defines it together with this one, or review its grants by hand",
                             !d.end_user_reason.empty() ? Severity::warning : Severity::info);
        }
    }
};

}  // namespace

bool read_template_tree(std::string_view bytes, const std::string& path, const LintOptions& options,
                        const policy::SourceMap& map, Template& tpl, std::vector<Finding>& findings) {
    tpl.path = path;
    tpl.text = bytes;
    tpl.map = &map;
    bool ok;
    if (looks_like_json(bytes)) {
        ok = policy::read_json(bytes, map, path, options.limits.max_depth, tpl.root, findings);
    } else {
        YamlOptions yaml;
        yaml.max_depth = options.limits.max_depth;
        yaml.aliases = false;
        yaml.what = tpl.format_name;
        ok = read_yaml(bytes, map, path, yaml, tpl.root, findings);
    }
    if (!ok) return false;
    if (tpl.root.kind != Node::Kind::object) {
        findings.push_back(source_finding("invalid-template", path, tpl.root.loc,
                                          "a " + tpl.format_name + " is a mapping of sections (Resources ...), but "
                                          "this document is not one"));
        return false;
    }
    tpl.parameters = tpl.root.member("Parameters");
    tpl.mappings = tpl.root.member("Mappings");
    tpl.conditions = tpl.root.member("Conditions");
    tpl.resources = tpl.root.member("Resources");
    if (tpl.resources && tpl.resources->kind != Node::Kind::object) {
        findings.push_back(source_finding("invalid-template", path, tpl.resources->loc,
                                          "Resources must be a mapping of logical ids to resources"));
        tpl.resources = nullptr;
    }
    if (const Node* transform = tpl.root.member("Transform")) {
        auto is_sam = [](const Node& n) { return n.kind == Node::Kind::string && n.text.starts_with("AWS::Serverless"); };
        tpl.sam = is_sam(*transform);
        if (transform->kind == Node::Kind::array)
            for (const Node& t : transform->items) tpl.sam = tpl.sam || is_sam(t);
    }
    return true;
}

void build_stack(Template& tpl, const LintOptions& options, Stack& stack) {
    StackBuilder builder(tpl, options, stack);
    builder.build();
}

}  // namespace cfn

Stack read_cloudformation(const Input& input, const LintOptions& options) {
    Stack stack;
    stack.path = input.path;
    stack.format = SourceFormat::cloudformation;
    stack.files.push_back(input.path);
    if (input.bytes.size() > options.limits.max_bytes) {
        stack.diagnostics.push_back(source_finding(
            "file-too-large", input.path, {1, 1, ""},
            "the template is larger than the limit of " + std::to_string(options.limits.max_bytes) +
                " bytes; it was not read (CloudFormation itself takes templates of at most 1 MB from S3)",
            "lint it with a higher --max-bytes if it really is one template"));
        return stack;
    }
    policy::SourceMap map(input.bytes);
    cfn::Template tpl;
    if (!cfn::read_template_tree(input.bytes, input.path, options, map, tpl, stack.diagnostics)) return stack;
    if (!tpl.root.member("Resources"))
        stack.diagnostics.push_back(source_finding("invalid-template", input.path, tpl.root.loc,
                                                   "the template has no Resources section; CloudFormation "
                                                   "requires one"));
    cfn::build_stack(tpl, options, stack);
    return stack;
}

}  // namespace ddbguard::sources
