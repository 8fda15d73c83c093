// Policy documents from templates: resolved objects, JSON strings, AWS managed policies and
// the DynamoDB policy templates of AWS SAM.
#include "sources/cloudformation/documents.hpp"

#include "catalog/managed_policies.hpp"
#include "policy/json_reader.hpp"
#include "policy/policy_reader.hpp"
#include "sources/text_offsets.hpp"

namespace ddbguard::sources::cfn {

namespace {

// Every location of `node` (and its members' keys) through `relocate`.
template <typename F>
void relocate_tree(Node& node, const F& relocate) {
    relocate(node.loc);
    for (Location& k : node.key_locs) relocate(k);
    for (Node& item : node.items) relocate_tree(item, relocate);
}

Node text_node(std::string text, const Location& loc, const std::string& pointer) {
    Node n;
    n.kind = Node::Kind::string;
    n.text = std::move(text);
    n.loc = loc;
    n.loc.pointer = pointer;
    return n;
}

}  // namespace

std::optional<Policy> make_policy(Node resolved, const Node* literal, PolicyKind kind, const Resolver& resolver,
                                  const LintOptions& options, std::vector<Finding>& findings) {
    Policy policy;
    policy.path = resolver.tpl().path;
    if (resolved.kind == Node::Kind::string) {
        // CloudFormation's JSON-typed properties also take the document as a JSON string.
        const std::string& text = resolved.text;
        const std::string base = resolved.loc.pointer.str();
        policy::SourceMap inner_map(text);
        std::vector<Finding> inner;
        Node root;
        const bool ok = policy::read_json(text, inner_map, policy.path, options.limits.max_depth, root, inner);
        // Positions inside the string: through the file's bytes when the string is written out
        // in the template, else at the value that built it.
        const Template& tpl = resolver.tpl();
        std::vector<std::size_t> raw;
        const std::vector<std::size_t> inner_lines = line_starts(text);
        if (literal && literal->kind == Node::Kind::string && literal->text == text && tpl.map) {
            const std::vector<std::size_t> file_lines = line_starts(tpl.text);
            raw = scalar_offsets(tpl.text, offset_of(tpl.text, file_lines, literal->loc), text);
        }
        auto relocate = [&](Location& loc) {
            JsonPointer pointer = loc.pointer.under(base);
            if (!raw.empty() && loc.line != 0) {
                const std::size_t at = offset_of(text, inner_lines, loc);
                tpl.map->locate(raw[std::min(at, text.size())], loc);
            } else {
                loc.line = resolved.loc.line;
                loc.column = resolved.loc.column;
            }
            loc.pointer = std::move(pointer);
        };
        relocate_tree(root, relocate);
        for (Finding& f : inner) {
            relocate(f.location);
            for (RelatedLocation& r : f.related) relocate(r.location);
            findings.push_back(std::move(f));
        }
        if (!ok) return std::nullopt;
        root.loc.pointer = base;
        policy.root = std::move(root);
    } else {
        policy.root = std::move(resolved);
    }
    policy::read_policy(policy, findings);
    if (policy.root.kind != Node::Kind::object) return std::nullopt;
    policy.kind = kind;
    policy::report_missing_resource(policy, findings);
    return policy;
}

std::optional<Policy> managed_policy(std::string_view name_or_arn, const Location& reference, const std::string& path) {
    const catalog::ManagedPolicyEntry* entry = catalog::find_managed_policy(name_or_arn);
    if (!entry || entry->document.empty()) return std::nullopt;
    Policy policy;
    policy.path = path;
    policy::SourceMap map(entry->document);
    std::vector<Finding> ignored;  // AWS's own document: how it is written is not ours to judge
    if (!policy::read_json(entry->document, map, path, 64, policy.root, ignored)) return std::nullopt;
    const std::string base = reference.pointer.str();
    relocate_tree(policy.root, [&](Location& loc) {
        JsonPointer pointer = loc.pointer.under(base);
        loc = reference;
        loc.pointer = std::move(pointer);
    });
    policy::read_policy(policy, ignored);
    policy.kind = PolicyKind::identity;
    return policy;
}

namespace {

struct SamTemplate {
    std::string_view name;
    std::vector<std::string_view> actions;
    std::vector<std::string_view> resources;  // suffixes after "table/TABLE"
    std::vector<std::string_view> actions2;   // a second statement, when the template has one
    std::vector<std::string_view> resources2;
};

// docs/iac.md section 4 (aws/serverless-application-model, policy_templates.json).
const std::vector<SamTemplate>& sam_templates() {
    static const std::vector<SamTemplate> templates = {
        {"DynamoDBCrudPolicy",
         {"dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query",
          "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:DescribeTable",
          "dynamodb:ConditionCheckItem"},
         {"", "/index/*"}, {}, {}},
        {"DynamoDBReadPolicy",
         {"dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"},
         {"", "/index/*"}, {}, {}},
        {"DynamoDBWritePolicy", {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"},
         {"", "/index/*"}, {}, {}},
        {"DynamoDBReconfigurePolicy", {"dynamodb:UpdateTable"}, {""}, {}, {}},
        {"DynamoDBStreamReadPolicy", {"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"},
         {"/stream/STREAM"}, {"dynamodb:ListStreams"}, {"/stream/*"}},
        {"DynamoDBBackupFullAccessPolicy", {"dynamodb:CreateBackup", "dynamodb:DescribeContinuousBackups"}, {""},
         {"dynamodb:DeleteBackup", "dynamodb:DescribeBackup", "dynamodb:ListBackups"}, {"/backup/*"}},
        {"DynamoDBRestoreFromBackupPolicy", {"dynamodb:RestoreTableFromBackup"}, {"/backup/*"},
         {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:Query",
          "dynamodb:Scan", "dynamodb:BatchWriteItem"},
         {""}},
    };
    return templates;
}

}  // namespace

bool is_sam_dynamodb_template(std::string_view name) {
    for (const SamTemplate& t : sam_templates())
        if (t.name == name) return true;
    return false;
}

std::optional<Node> sam_policy_template(std::string_view name, const std::string& table, const std::string& stream,
                                        const Resolver& resolver, const Location& reference) {
    const SamTemplate* found = nullptr;
    for (const SamTemplate& t : sam_templates())
        if (t.name == name) found = &t;
    if (!found) return std::nullopt;
    const std::string prefix = "arn:" + resolver.partition() + ":dynamodb:" + resolver.region() + ":" +
                               resolver.account() + ":table/" + table;
    const std::string base = reference.pointer.str();
    Node doc;
    doc.kind = Node::Kind::object;
    doc.loc = reference;
    Node statements;
    statements.kind = Node::Kind::array;
    statements.loc = reference;
    statements.loc.pointer = base + "/Statement";
    auto add = [&](const std::vector<std::string_view>& actions, const std::vector<std::string_view>& resources) {
        if (actions.empty()) return;
        const std::string at = base + "/Statement/" + std::to_string(statements.items.size());
        const std::string action_at = at + "/Action", resource_at = at + "/Resource";
        Node st;
        st.kind = Node::Kind::object;
        st.loc = reference;
        st.loc.pointer = at;
        auto member = [&](std::string key, Node value) {
            Location key_loc = reference;
            key_loc.pointer = at + "/" + key;
            st.keys.push_back(std::move(key));
            st.key_locs.push_back(key_loc);
            st.items.push_back(std::move(value));
        };
        member("Effect", text_node("Allow", reference, at + "/Effect"));
        Node list;
        list.kind = Node::Kind::array;
        list.loc = reference;
        list.loc.pointer = action_at;
        for (std::string_view a : actions)
            list.items.push_back(text_node(std::string(a), reference, action_at + "/" + std::to_string(list.items.size())));
        member("Action", std::move(list));
        Node arns;
        arns.kind = Node::Kind::array;
        arns.loc = reference;
        arns.loc.pointer = resource_at;
        for (std::string_view suffix : resources) {
            std::string arn = prefix + std::string(suffix);
            if (const auto s = arn.find("/stream/STREAM"); s != std::string::npos) arn.replace(s + 8, 6, stream);
            arns.items.push_back(text_node(std::move(arn), reference, resource_at + "/" + std::to_string(arns.items.size())));
        }
        member("Resource", std::move(arns));
        statements.items.push_back(std::move(st));
    };
    add(found->actions, found->resources);
    add(found->actions2, found->resources2);
    Location key_loc = reference;
    key_loc.pointer = base + "/Statement";
    doc.keys.push_back("Statement");
    doc.key_locs.push_back(key_loc);
    doc.items.push_back(std::move(statements));
    return doc;
}

}  // namespace ddbguard::sources::cfn
