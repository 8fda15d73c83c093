// Serverless Framework serverless.yml to a Stack (docs/iac.md section 1): the provider's IAM
// role statements (provider.iam.role.statements, v3+, and provider.iamRoleStatements, older)
// become the inline policy of the role the Framework generates (IamRoleLambdaExecution), and
// resources.Resources is CloudFormation, read by the CloudFormation reader.
//
// The Framework resolves "${source:address, fallback}" variables before CloudFormation sees
// the template: ${self:...}, ${sls:stage}, ${opt:...} and ${env:...} are resolved here (from
// the file and --parameter), the others (${file(...)}, ${ssm:...}, ${cf:...}, ${s3:...} ...)
// become placeholders with an unresolved-value finding; "\${...}" is written out literally.
#include <algorithm>
#include <set>

#include "policy/json_reader.hpp"
#include "sources/cloudformation/template.hpp"
#include "sources/sources.hpp"
#include "sources/yaml_reader.hpp"
#include "util/text.hpp"

namespace ddbguard::sources {

namespace {

constexpr std::size_t kMaxDepth = 64;  // nested variables and ${self:} chains

const Node* at_path(const Node* node, std::string_view path) {
    std::size_t start = 0;
    while (node && start <= path.size()) {
        const std::size_t dot = path.find('.', start);
        const std::string_view part = path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (part.empty()) break;
        if (node->kind == Node::Kind::object) {
            node = node->member(part);
        } else if (node->kind == Node::Kind::array && part.find_first_not_of("0123456789") == std::string_view::npos &&
                   part.size() < 9) {
            const std::size_t i = static_cast<std::size_t>(std::stoul(std::string(part)));
            node = i < node->items.size() ? &node->items[i] : nullptr;
        } else {
            node = nullptr;
        }
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return node;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

// Rewrites the pointers of a subtree moved from `from` to `to`.
void rebase(Node& node, const std::string& from, const std::string& to) {
    auto fix = [&](Location& loc) {
        const std::string pointer = loc.pointer.str();
        if (pointer.compare(0, from.size(), from) == 0) loc.pointer = to + pointer.substr(from.size());
    };
    fix(node.loc);
    for (Location& k : node.key_locs) fix(k);
    for (Node& item : node.items) rebase(item, from, to);
}

struct Use {
    std::string what;         // "${env:TABLE}"
    std::string placeholder;
    Location where;
};

class Variables {
public:
    Variables(const Node& root, const LintOptions& options, const cfn::Template& tpl, std::vector<Finding>& findings)
        : root_(root), options_(options), tpl_(tpl), findings_(findings) {}

    std::vector<Use> unresolved;

    // The tree with every Serverless variable resolved.
    Node resolve(const Node& node, std::size_t depth = 0) {
        if (depth > kMaxDepth) return node;
        switch (node.kind) {
            case Node::Kind::string: return resolve_string(node, depth);
            case Node::Kind::object:
            case Node::Kind::array: {
                Node out = node;
                for (Node& item : out.items) item = resolve(item, depth + 1);
                return out;
            }
            default: return node;
        }
    }

private:
    const Node& root_;
    const LintOptions& options_;
    const cfn::Template& tpl_;
    std::vector<Finding>& findings_;
    std::vector<std::string> in_progress_;  // ${self:...} addresses being resolved
    std::set<std::string> reported_;

    void report(std::string id, const Location& where, std::string message, std::string fix) {
        if (!reported_.insert(id + where.pointer.str() + message).second) return;
        findings_.push_back(source_finding(std::move(id), tpl_.path, where, std::move(message), std::move(fix)));
    }

    std::optional<std::string> given(std::initializer_list<std::string> names) const {
        for (const std::string& n : names)
            if (auto it = options_.values.parameters.find(n); it != options_.values.parameters.end()) return it->second;
        return std::nullopt;
    }

    // The end of the variable that starts with "${" at `open` (nested variables included).
    static std::size_t closing(std::string_view s, std::size_t open) {
        int depth = 0;
        for (std::size_t i = open; i < s.size(); ++i) {
            if (s.compare(i, 2, "${") == 0) {
                ++depth;
                ++i;
            } else if (s[i] == '}' && --depth == 0) {
                return i;
            }
        }
        return std::string_view::npos;
    }

    // The parts of "a, b, 'c'" at commas outside nested variables and quotes.
    static std::vector<std::string> split_fallbacks(std::string_view inner) {
        std::vector<std::string> parts;
        int depth = 0;
        char quote = 0;
        std::size_t start = 0;
        for (std::size_t i = 0; i < inner.size(); ++i) {
            const char c = inner[i];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (inner.compare(i, 2, "${") == 0) {
                ++depth;
            } else if (c == '}') {
                --depth;
            } else if (c == ',' && depth == 0) {
                parts.push_back(trim(inner.substr(start, i - start)));
                start = i + 1;
            }
        }
        parts.push_back(trim(inner.substr(start)));
        return parts;
    }

    // Which variables are the Framework's: "source:address" with a source it knows, or a
    // function source ("file(...)", "strToBool(...)"). CloudFormation's own "${AWS::Region}" and
    // "${Resource.Arn}" inside Fn::Sub are left for CloudFormation.
    static bool is_serverless_source(std::string_view inner) {
        static constexpr std::string_view kSources[] = {"self:", "opt:", "sls:", "env:", "ssm:", "s3:", "cf:",
                                                        "cf(", "param:", "aws:", "git:", "file(", "strToBool(",
                                                        "sls(", "ssm("};
        for (std::string_view s : kSources)
            if (inner.starts_with(s)) return true;
        return false;
    }

    Node resolve_string(const Node& node, std::size_t depth) {
        const std::string& s = node.text;
        if (s.find("${") == std::string::npos) return node;
        // A whole-string variable may stand for an object or a list.
        if (s.starts_with("${") && closing(s, 0) == s.size() - 1) {
            if (std::optional<Node> whole = variable(node, s.substr(2, s.size() - 3), 0, depth)) return *whole;
        }
        Node out = node;
        out.text.clear();
        std::size_t i = 0;
        while (i < s.size()) {
            const std::size_t open = s.find("${", i);
            if (open == std::string::npos) {
                out.text.append(s, i);
                break;
            }
            if (open > 0 && s[open - 1] == '\\') {  // "\${...}": written out literally, without the backslash
                out.text.append(s, i, open - 1 - i);
                out.text += "${";
                i = open + 2;
                continue;
            }
            out.text.append(s, i, open - i);
            const std::size_t close = closing(s, open);
            if (close == std::string::npos) {
                out.text.append(s, open);
                break;
            }
            const std::string inner = s.substr(open + 2, close - open - 2);
            std::optional<Node> value = variable(node, inner, open, depth);
            if (!value) {
                out.text += s.substr(open, close - open + 1);
            } else if (auto t = cfn::Resolver::text(*value)) {
                out.text += *t;
            } else {
                report("invalid-template", node.loc,
                       "${" + inner + "} stands for a list or an object inside a longer string; the Framework cannot "
                       "insert it",
                       "use the variable alone as the value");
                out.text += make_placeholder("Serverless.Unresolved");
            }
            i = close + 1;
        }
        return out;
    }

    Node text_node(const Node& at, std::string text) {
        Node n;
        n.kind = Node::Kind::string;
        n.text = std::move(text);
        n.loc = at.loc;
        return n;
    }

    // The value of one variable ("self:custom.table, 'default'"); nullopt: not the Framework's.
    std::optional<Node> variable(const Node& at, const std::string& inner, std::size_t offset, std::size_t depth) {
        const std::vector<std::string> parts = split_fallbacks(inner);
        const std::string& primary = parts.front();
        if (!is_serverless_source(primary)) {
            // An IAM policy variable the Framework would take for its own ("aws:" is one of its sources).
            if (cfn::is_iam_variable_name(primary) || primary.starts_with("cognito-identity.amazonaws.com:") ||
                primary.starts_with("www.amazon.com:") || primary.starts_with("graph.facebook.com:") ||
                primary.starts_with("accounts.google.com:"))
                unescaped(at, primary, offset);
            return std::nullopt;
        }
        if (primary.starts_with("aws:") && primary != "aws:accountId" && primary != "aws:region") {
            unescaped(at, primary, offset);
            return std::nullopt;
        }
        for (const std::string& candidate : parts) {
            std::optional<Node> v = source_value(at, candidate, depth);
            if (v) return v;
        }
        const std::string ph = make_placeholder("Serverless." + safe(primary));
        unresolved.push_back({"${" + primary + "}", ph, at.loc});
        return text_node(at, ph);
    }

    void unescaped(const Node& at, const std::string& name, std::size_t) {
        report("serverless-unescaped-variable", at.loc,
               "\"${" + name + "}\" is an IAM policy variable, but the Serverless Framework resolves every \"${...}\" "
               "with its own variable sources first: the deployment fails, or the variable is replaced. It was "
               "judged as the IAM variable the author meant",
               "write \"\\${" + name + "}\" so that the Framework writes it out literally");
    }

    static std::string safe(std::string_view text) {
        std::string out;
        for (char c : text) out += (c == ':' || c == '<' || c == '>' || c == ' ' || c == '/' || c == '(' || c == ')' ||
                                    c == '\'' || c == '"') ? '.' : c;
        return out.size() > 60 ? out.substr(0, 60) : out;
    }

    // One candidate of a variable: a source address, a quoted literal, a number, or a nested variable.
    std::optional<Node> source_value(const Node& at, const std::string& candidate, std::size_t depth) {
        if (candidate.size() >= 2 && (candidate.front() == '\'' || candidate.front() == '"') &&
            candidate.back() == candidate.front())
            return text_node(at, candidate.substr(1, candidate.size() - 2));
        if (!candidate.empty() && candidate.find_first_not_of("0123456789.-") == std::string::npos)
            return text_node(at, candidate);
        if (candidate.starts_with("${")) {
            Node n = text_node(at, candidate);
            Node r = resolve_string(n, depth + 1);
            if (has_placeholder(r.text) && r.text.find("Serverless.") != std::string::npos) return std::nullopt;
            return r;
        }
        if (candidate.starts_with("self:")) {
            const std::string address = candidate.substr(5);
            if (std::find(in_progress_.begin(), in_progress_.end(), address) != in_progress_.end()) {
                report("invalid-template", at.loc,
                       "${self:" + address + "} refers to itself through other variables; the Framework cannot "
                       "resolve it",
                       "break the cycle of ${self:...} references");
                return text_node(at, make_placeholder("Serverless.self." + safe(address)));
            }
            const Node* found = address.empty() ? &root_ : at_path(&root_, address);
            if (!found) return std::nullopt;
            in_progress_.push_back(address);
            Node value = resolve(*found, depth + 1);
            in_progress_.pop_back();
            rebase(value, found->loc.pointer.str(), at.loc.pointer.str());
            if (value.kind != Node::Kind::object && value.kind != Node::Kind::array) value.loc = at.loc;
            return value;
        }
        if (candidate == "sls:stage" || candidate == "opt:stage") {
            if (auto v = given({"stage", "opt:stage"})) return text_node(at, *v);
            if (candidate == "opt:stage") return std::nullopt;
            // The Framework's default: --stage, else provider.stage, else "dev".
            if (const Node* stage = at_path(&root_, "provider.stage")) {
                Node v = resolve(*stage, depth + 1);
                if (auto t = cfn::Resolver::text(v)) return text_node(at, *t);
            }
            return text_node(at, "dev");
        }
        if (candidate == "opt:region" || candidate == "aws:region") {
            if (auto v = given({"region", "opt:region"})) return text_node(at, *v);
            if (!options_.values.region.empty()) return text_node(at, options_.values.region);
            if (candidate == "aws:region") {
                if (const Node* region = at_path(&root_, "provider.region")) {
                    Node v = resolve(*region, depth + 1);
                    if (auto t = cfn::Resolver::text(v)) return text_node(at, *t);
                }
                return text_node(at, "us-east-1");  // the Framework's default Region
            }
            return std::nullopt;
        }
        if (candidate == "aws:accountId") {
            if (!options_.values.account.empty()) return text_node(at, options_.values.account);
            return text_node(at, "<AWS.AccountId>");
        }
        if (candidate.starts_with("opt:")) {
            if (auto v = given({candidate.substr(4), candidate})) return text_node(at, *v);
            return std::nullopt;
        }
        if (candidate.starts_with("env:")) {
            if (auto v = given({candidate, candidate.substr(4)})) return text_node(at, *v);
            return std::nullopt;
        }
        if (auto v = given({candidate})) return text_node(at, *v);
        return std::nullopt;  // file(), ssm:, s3:, cf:, param: ...: unknown here
    }
};

// The member `key` of `object`, added with the given location when missing.
Node& ensure(Node& object, const std::string& key, const Location& loc, Node::Kind kind) {
    for (std::size_t i = 0; i < object.keys.size(); ++i)
        if (object.keys[i] == key) return object.items[i];
    Location key_loc = loc;
    object.keys.push_back(key);
    object.key_locs.push_back(key_loc);
    Node n;
    n.kind = kind;
    n.loc = loc;
    object.items.push_back(std::move(n));
    return object.items.back();
}

Node string_at(std::string text, const Location& loc) {
    Node n;
    n.kind = Node::Kind::string;
    n.text = std::move(text);
    n.loc = loc;
    return n;
}

}  // namespace

Stack read_serverless(const Input& input, const LintOptions& options) {
    Stack stack;
    stack.path = input.path;
    stack.format = SourceFormat::serverless;
    stack.files.push_back(input.path);
    if (input.bytes.size() > options.limits.max_bytes) {
        stack.diagnostics.push_back(source_finding(
            "file-too-large", input.path, {1, 1, ""},
            "the file is larger than the limit of " + std::to_string(options.limits.max_bytes) + " bytes; it was not read",
            "lint it with a higher --max-bytes if it really is one serverless.yml"));
        return stack;
    }
    policy::SourceMap map(input.bytes);
    cfn::Template tpl;
    tpl.path = input.path;
    tpl.text = input.bytes;
    tpl.map = &map;
    tpl.format_name = "serverless.yml";
    Node source;
    YamlOptions yaml;
    yaml.max_depth = options.limits.max_depth;
    yaml.aliases = true;
    yaml.what = "serverless.yml";
    if (!read_yaml(input.bytes, map, input.path, yaml, source, stack.diagnostics)) return stack;
    if (source.kind != Node::Kind::object) {
        stack.diagnostics.push_back(source_finding("invalid-template", input.path, source.loc,
                                                   "a serverless.yml is a mapping (service, provider, functions ...)"));
        return stack;
    }
    Variables variables(source, options, tpl, stack.diagnostics);
    const Node resolved = variables.resolve(source);

    // The CloudFormation the Framework deploys: resources.Resources and its generated role.
    Node& root = tpl.root;
    root.kind = Node::Kind::object;
    root.loc = resolved.loc;
    Node resources;
    resources.kind = Node::Kind::object;
    resources.loc = resolved.loc;
    resources.loc.pointer = "/resources/Resources";
    if (const Node* section = resolved.member("resources"); section && section->kind == Node::Kind::object) {
        for (const char* name : {"Conditions", "Mappings", "Parameters"})
            if (const Node* part = section->member(name)) {
                root.keys.push_back(name);
                root.key_locs.push_back(part->loc);
                root.items.push_back(*part);
            }
        if (const Node* r = section->member("Resources"); r && r->kind == Node::Kind::object) resources = *r;
    }
    const Node* provider = resolved.member("provider");
    const Node* iam = provider ? provider->member("iam") : nullptr;
    const Node* role = iam && iam->kind == Node::Kind::object ? iam->member("role") : nullptr;
    const Node* statements = nullptr;
    const Node* managed = nullptr;
    Location role_loc = provider ? provider->loc : resolved.loc;
    std::string doc_pointer;
    if (role && role->kind == Node::Kind::object) {
        statements = role->member("statements");
        managed = role->member("managedPolicies");
        role_loc = role->loc;
        doc_pointer = role->loc.pointer.str();
    } else if (provider && provider->kind == Node::Kind::object && !(role && role->kind == Node::Kind::string)) {
        statements = provider->member("iamRoleStatements");
        managed = provider->member("iamManagedPolicies");
        if (statements) {
            role_loc = statements->loc;
            doc_pointer = statements->loc.pointer.str();
        }
    }
    if (statements || managed) {
        // The Framework's role: one inline policy with the provider's statements (Version 2012-10-17).
        Node role_resource;
        role_resource.kind = Node::Kind::object;
        role_resource.loc = role_loc;
        ensure(role_resource, "Type", role_loc, Node::Kind::string).text = "AWS::IAM::Role";
        Node& props = ensure(role_resource, "Properties", role_loc, Node::Kind::object);
        if (statements) {
            Node& policies = ensure(props, "Policies", role_loc, Node::Kind::array);
            Node policy;
            policy.kind = Node::Kind::object;
            policy.loc = role_loc;
            Location name_loc = role_loc;
            ensure(policy, "PolicyName", name_loc, Node::Kind::string).text = "provider statements";
            Node& doc = ensure(policy, "PolicyDocument", role_loc, Node::Kind::object);
            doc.loc.pointer = doc_pointer;
            Location version_loc = statements->loc;
            version_loc.pointer = doc_pointer + "/Version";
            doc.keys.push_back("Version");
            doc.key_locs.push_back(version_loc);
            doc.items.push_back(string_at("2012-10-17", version_loc));
            Location statement_loc = statements->loc;
            doc.keys.push_back("Statement");
            doc.key_locs.push_back(statement_loc);
            doc.items.push_back(*statements);
            policies.items.push_back(std::move(policy));
        }
        if (managed) {
            Node& list = ensure(props, "ManagedPolicyArns", managed->loc, Node::Kind::array);
            list = *managed;
        }
        Location key_loc = role_loc;
        resources.keys.push_back("IamRoleLambdaExecution");
        resources.key_locs.push_back(key_loc);
        resources.items.push_back(std::move(role_resource));
    }
    root.keys.push_back("Resources");
    root.key_locs.push_back(resources.loc);
    root.items.push_back(std::move(resources));
    tpl.parameters = root.member("Parameters");
    tpl.mappings = root.member("Mappings");
    tpl.conditions = root.member("Conditions");
    tpl.resources = root.member("Resources");
    cfn::build_stack(tpl, options, stack);

    // Framework variables the file cannot resolve, where they reach a policy or a table name.
    std::set<std::string> seen;
    for (const Use& u : variables.unresolved) {
        const std::string where = u.where.pointer.str();
        bool in_document = where.ends_with("/TableName");
        for (const StackDocument& doc : stack.documents) {
            const std::string r = doc.policy.root.loc.pointer.str();
            if (where.compare(0, r.size(), r) == 0) in_document = true;
        }
        if (!in_document || !seen.insert(u.what + "|" + where).second) continue;
        const bool decides = where.find("/Action") != std::string::npos || where.find("/Effect") != std::string::npos;
        stack.diagnostics.push_back(source_finding(
            "unresolved-value", input.path, u.where,
            u.what + " is a Serverless Framework variable whose value is not in this file: it was judged as one "
                     "unknown value " + u.placeholder +
                (decides ? ", so what this statement grants is not known" : ", the same wherever it stands and never a wildcard"),
            "pass --parameter with the value (e.g. --parameter stage=prod, --parameter env:TABLE=users), or write the "
            "value into serverless.yml",
            decides ? Severity::warning : Severity::info));
    }
    return stack;
}

}  // namespace ddbguard::sources
