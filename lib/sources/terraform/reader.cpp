// Terraform modules (the .tf files of one directory) to a Stack: the policy documents of
// docs/iac.md section 1 with their kind and owner (the resource address), the principals
// with what is attached to them, the DynamoDB tables and the resources the security
// practices look at. No terraform binary is needed: the HCL reader (hcl/) parses the files
// and evaluates expressions; what only apply time knows becomes a placeholder.
#include <algorithm>
#include <filesystem>
#include <set>

#include "analyze/statement_facts.hpp"
#include "catalog/managed_policies.hpp"
#include "policy/json_reader.hpp"
#include "policy/pointer_trail.hpp"
#include "policy/policy_reader.hpp"
#include "policy/source_map.hpp"
#include "sources/cloudformation/documents.hpp"
#include "sources/sources.hpp"
#include "sources/terraform/module.hpp"
#include "sources/text_offsets.hpp"
#include "util/text.hpp"

namespace ddbguard::sources {

namespace tf {
namespace {

using hcl::Value;

struct Unresolved {
    std::string reference, reason;
    Location where;
    bool error = false;  // an expression that cannot be computed at all (not merely unknown)
};


bool pseudo(const std::string& reference) { return reference.starts_with("AWS."); }

struct Draft {
    Owner owner;
    PrincipalKind kind = PrincipalKind::role;
    std::vector<std::size_t> documents;
    std::optional<std::size_t> trust;
    std::vector<std::pair<std::string, Location>> unknown_policies;
    std::string end_user_reason;
    bool unauthenticated = false;
};

class Builder {
public:
    Builder(Module& m, const LintOptions& options, Stack& stack) : m_(m), options_(options), stack_(stack) {}

    void build() {
        for (const Resource& r : m_.resources())
            if (!r.data) first_pass(r);
        for (const Resource& r : m_.resources())
            if (!r.data) second_pass(r);
        classify_end_users();
        make_principals();
    }

private:
    Module& m_;
    const LintOptions& options_;
    Stack& stack_;
    std::vector<Draft> drafts_;
    std::map<std::string, std::size_t> draft_of_;   // address -> draft
    std::map<std::string, std::optional<std::size_t>> policy_doc_;  // aws_iam_policy address -> document
    std::map<std::string, std::size_t> table_of_;   // address -> table

    Owner owner_of(const Resource& r) const {
        Owner o;
        o.id = r.address;
        o.location = m_.location(r.block->range, r.file);
        o.location.pointer = "/" + r.address;
        o.path = m_.path_of(r.file);
        return o;
    }

    // ---- documents -----------------------------------------------------------------

    struct Converter {
        const Module& m;
        std::uint32_t file;
        Location fallback;
        std::vector<Unresolved>& unresolved;
        // The pointers of the converted values, spelled out only for findings.
        std::shared_ptr<JsonPointer::Trail> trail = std::make_shared<JsonPointer::Trail>();

        Location at(const hcl::Origin& o, JsonPointer pointer) const {
            Location loc = (o.file == file && o.range.begin.line != 0) ? m.location(o) : fallback;
            loc.pointer = std::move(pointer);
            return loc;
        }

        // "&{" outside aws_iam_policy_document reaches IAM literally; a patched bare "${" is given back.
        std::string ampersands(const Value& v, std::string text, const JsonPointer& pointer) const {
            for (std::size_t i = text.find("&{"); i != std::string::npos; i = text.find("&{", i + 2)) {
                const hcl::Origin o = v.locate(i);
                const ModuleFile* f = m.file(o.file);
                if (f && f->patched.count(o.range.begin.offset)) {
                    text[i] = '$';
                    continue;
                }
                const std::size_t close = text.find('}', i);
                const std::string name = text.substr(i + 2, close == std::string::npos ? 0 : close - i - 2);
                m.report("terraform-ampersand-variable", m.path_of(file), at(o, pointer),
                         "\"&{" + name + "}\" is only turned into \"${" + name +
                             "}\" inside an aws_iam_policy_document data source; here it reaches IAM as the literal "
                             "text \"&{" + name + "}\", which is no policy variable",
                         "write \"$${" + name + "}\" (Terraform writes out ${" + name + "})");
            }
            return text;
        }

        void placeholders(const Value& v, const JsonPointer& pointer) {
            for (const hcl::Placeholder& p : v.placeholders())
                if (!pseudo(p.reference)) unresolved.push_back({p.reference, p.reason, at(v.locate(p.offset), pointer)});
        }

        // The value at `base` (a JSON pointer spelled out) as a located tree.
        Node convert(const Value& v, const std::string& base) { return convert(v, trail->path(0, base)); }

        Node convert(const Value& v, std::uint32_t step) {
            Node n;
            const JsonPointer pointer(trail, step);
            n.loc = at(v.origin(), pointer);
            switch (v.kind()) {
                case Value::Kind::unknown:
                    n.kind = Node::Kind::string;
                    n.text = hcl::placeholder_for(v);
                    if (v.is_error()) n.text = "<error>";
                    unresolved.push_back({v.is_error() ? std::string("an expression") : v.reference(), v.reason(), n.loc,
                                          v.is_error()});
                    return n;
                case Value::Kind::null: n.kind = Node::Kind::null; n.text = "null"; return n;
                case Value::Kind::boolean:
                    n.kind = Node::Kind::boolean;
                    n.text = v.as_bool() ? "true" : "false";
                    return n;
                case Value::Kind::number:
                    n.kind = Node::Kind::number;
                    n.text = hcl::number_to_string(v.as_number());
                    return n;
                case Value::Kind::string:
                    n.kind = Node::Kind::string;
                    n.text = ampersands(v, v.as_string(), pointer);
                    placeholders(v, pointer);
                    return n;
                case Value::Kind::tuple: {
                    n.kind = Node::Kind::array;
                    const std::vector<Value>& elements = v.elements();
                    n.items.reserve(elements.size());
                    for (std::size_t i = 0; i < elements.size(); ++i)
                        n.items.push_back(convert(elements[i], trail->element(step, i)));
                    return n;
                }
                case Value::Kind::object: {
                    n.kind = Node::Kind::object;
                    const std::vector<std::string>& keys = v.keys();
                    const std::vector<Value>& elements = v.elements();
                    n.keys.reserve(keys.size());
                    n.key_locs.reserve(keys.size());
                    n.items.reserve(keys.size());
                    for (std::size_t i = 0; i < keys.size(); ++i) {
                        const std::uint32_t member = trail->member(step, keys[i]);
                        n.keys.push_back(keys[i]);
                        n.key_locs.push_back(at(v.key_origin(i), JsonPointer(trail, member)));
                        n.items.push_back(convert(elements[i], member));
                    }
                    return n;
                }
            }
            return n;
        }
    };

    // The document an attribute's value is, as a stack document; nullopt (after a finding
    // naming what stopped it) when it cannot be built.
    std::optional<std::size_t> document(const Resource& r, const hcl::Attribute* attr, PolicyKind kind, std::string name,
                                        const std::string& base, std::uint32_t file,
                                        const hcl::Scope* scope = nullptr) {
        if (!attr) return std::nullopt;
        const Owner owner = owner_of(r);
        Value v = m_.eval(*attr->expr, file, scope);
        Location fallback = m_.location(attr->expr->range, file);
        fallback.pointer = base;
        const std::string label = r.address + (name.starts_with("inline policy") ? " (" + name + ")" : std::string());
        if (!v.is_known() || (v.is_string() && !v.encoded() && is_placeholder(v.as_string()) && !v.placeholders().empty())) {
            const std::string ref = v.is_known() ? v.placeholders().front().reference : v.reference();
            const std::string why = v.is_known() ? v.placeholders().front().reason : v.reason();
            m_.report("unresolved-value", m_.path_of(file), fallback,
                      "the " + name + " of " + label + " cannot be built: it depends on " +
                          (ref.empty() ? std::string("a value") : ref) + (why.empty() ? "" : " (" + why + ")") +
                          "; it was not judged",
                      ref.starts_with("var.") ? "pass --var " + ref.substr(4) + "=VALUE (or --var-file) to judge it"
                                              : "lint the plan (terraform show -json) or review the policy by hand",
                      Severity::warning);
            return std::nullopt;
        }
        std::vector<Unresolved> unresolved;
        Policy policy;
        std::uint32_t doc_file = file;
        if (const Value* encoded = v.encoded(); encoded || v.is_object()) {
            const Value& source = encoded ? *encoded : v;
            if (source.origin().range.begin.line != 0) doc_file = source.origin().file;
            if (doc_file != file) {
                fallback = m_.location(source.origin());
                fallback.pointer = base;
            }
            Converter c{m_, doc_file, fallback, unresolved};
            policy.root = c.convert(source, base);
        } else if (v.is_string()) {
            const hcl::Origin start = v.locate(0);
            if (start.range.begin.line != 0 && start.file != file) doc_file = start.file;
            Converter c{m_, doc_file, fallback, unresolved};
            const std::string text = c.ampersands(v, v.as_string(), base);
            c.placeholders(v, base);
            policy::SourceMap map(text);
            std::vector<Finding> inner;
            Node root;
            const bool ok = policy::read_json(text, map, m_.path_of(doc_file), options_.limits.max_depth, root, inner);
            const std::vector<std::size_t> lines = line_starts(text);
            auto relocate = [&](Location& loc) {
                JsonPointer pointer = loc.pointer.under(base);
                if (loc.line != 0) {
                    const hcl::Origin o = v.locate(offset_of(text, lines, loc));
                    loc = c.at(o, std::string());
                } else {
                    loc = fallback;
                }
                loc.pointer = std::move(pointer);
            };
            std::vector<Node*> stack{&root};
            while (!stack.empty()) {
                Node* n = stack.back();
                stack.pop_back();
                relocate(n->loc);
                for (Location& k : n->key_locs) relocate(k);
                for (Node& item : n->items) stack.push_back(&item);
            }
            for (Finding& f : inner) {
                relocate(f.location);
                for (RelatedLocation& rl : f.related) relocate(rl.location);
                f.path = m_.path_of(doc_file);
                stack_.diagnostics.push_back(std::move(f));
            }
            if (!ok) return std::nullopt;
            root.loc.pointer = base;
            policy.root = std::move(root);
        } else {
            m_.report("wrong-type", m_.path_of(file), fallback,
                      "the " + name + " of " + label + " must be a JSON document (jsonencode({...}), a heredoc, file() or "
                      "data.aws_iam_policy_document.X.json), not a " + std::string(hcl::to_string(v.kind())));
            return std::nullopt;
        }
        policy.path = m_.path_of(doc_file);
        policy::read_policy(policy, stack_.diagnostics);
        if (policy.root.kind != Node::Kind::object) return std::nullopt;
        policy.kind = kind;
        policy::report_missing_resource(policy, stack_.diagnostics);
        StackDocument doc;
        doc.policy = std::move(policy);
        doc.owner = owner;
        doc.name = std::move(name);
        stack_.documents.push_back(std::move(doc));
        report_unresolved(unresolved, stack_.documents.back());
        return stack_.documents.size() - 1;
    }

    static bool from_outside(std::string_view reference) {
        for (std::string_view pseudo : {"data.aws_caller_identity.", "data.aws_region.", "data.aws_partition."})
            if (reference.starts_with(pseudo)) return false;
        for (std::string_view input : {"var.", "module.", "data.", "local.", "each.", "count.", "path.", "terraform."})
            if (reference.starts_with(input)) return true;
        return false;  // resource_type.name.attribute
    }

    void report_unresolved(const std::vector<Unresolved>& list, const StackDocument& doc) {
        std::set<std::string> seen;
        for (const Unresolved& u : list) {
            if (!seen.insert(u.reference).second) continue;
            const std::string element = element_of(u.where.pointer.str());
            const bool decides = element == "Action" || element == "NotAction" || element == "Effect";
            const std::string placeholder = make_placeholder(u.reference);
            stack_.unresolved.emplace(placeholder, u.reason);
            // An attribute of the module's own resources, or the account, Region and partition,
            // is one fixed value of this deployment (as a CloudFormation Ref): worth a finding
            // only where it decides what is granted. Inputs (variables, other modules, data
            // read from the account) are reported, as CloudFormation parameters and imports are.
            if (!decides && !from_outside(u.reference)) continue;
            std::string message = (element.empty() ? std::string("a value") : element) + " of the " + doc.name +
                                  " uses " + u.reference +
                                  (u.error ? ", which cannot be computed" : ", which only apply time knows") +
                                  (u.reason.empty() ? std::string() : " (" + u.reason + ")") +
                                  ": it was judged as one unknown value " + placeholder +
                                  (decides ? ", so what this statement grants is not known"
                                           : ", the same wherever it stands and never a wildcard");
            std::string fix = u.reference.starts_with("var.")
                                  ? "pass --var " + u.reference.substr(4, u.reference.find_first_of(".[", 4) - 4) +
                                        "=VALUE to judge the value you apply"
                                  : "write the value into the module, or review the applied value by hand";
            m_.report("unresolved-value", doc.policy.path, u.where, std::move(message), std::move(fix),
                      decides ? Severity::warning : Severity::info);
        }
    }

    std::size_t add_draft(const Resource& r, PrincipalKind kind) {
        Draft d;
        d.owner = owner_of(r);
        d.kind = kind;
        drafts_.push_back(std::move(d));
        draft_of_[r.address] = drafts_.size() - 1;
        return drafts_.size() - 1;
    }

    // ---- resources -----------------------------------------------------------------

    const hcl::Attribute* attr(const Resource& r, std::string_view name) const { return r.block->body.attribute(name); }

    void first_pass(const Resource& r) {
        const std::string& t = r.type;
        const std::string base = "/" + r.address;
        if (t == "aws_iam_role" || t == "aws_iam_user" || t == "aws_iam_group") {
            const PrincipalKind kind = t == "aws_iam_role"   ? PrincipalKind::role
                                       : t == "aws_iam_user" ? PrincipalKind::user
                                                             : PrincipalKind::group;
            const std::size_t d = add_draft(r, kind);
            if (kind == PrincipalKind::role)
                drafts_[d].trust = document(r, attr(r, "assume_role_policy"), PolicyKind::trust, "trust policy",
                                            base + "/assume_role_policy", r.file);
            std::size_t i = 0;
            for (const hcl::Block* ip : r.block->body.blocks_of_type("inline_policy")) {
                const std::string name = m_.text(ip->body, "name", r.file);
                if (auto doc = document(r, ip->body.attribute("policy"), PolicyKind::identity,
                                        "inline policy " + (name.empty() ? std::to_string(i) : name),
                                        base + "/inline_policy/" + std::to_string(i) + "/policy", r.file))
                    drafts_[d].documents.push_back(*doc);
                ++i;
            }
            return;
        }
        if (t == "aws_iam_policy") {
            policy_doc_[r.address] =
                document(r, attr(r, "policy"), PolicyKind::identity, "managed policy", base + "/policy", r.file);
            return;
        }
        if (t == "aws_dynamodb_table") {
            read_table(r);
            return;
        }
        if (t == "aws_cognito_identity_pool") {
            StackIdentityPool pool;
            pool.owner = owner_of(r);
            pool.allow_unauthenticated = m_.flag(r.block->body, "allow_unauthenticated_identities", r.file).value_or(false);
            pool.classic_flow = m_.flag(r.block->body, "allow_classic_flow", r.file).value_or(false);
            stack_.identity_pools.push_back(std::move(pool));
            return;
        }
    }

    // Principals an attribute names: by reference (aws_iam_role.app.name) or by name.
    std::vector<std::size_t> principals_named(const Resource& r, const hcl::Expr* expr) {
        std::vector<std::size_t> out;
        if (!expr) return out;
        std::vector<const hcl::Expr*> entries;
        if (const auto* tuple = expr->as<hcl::Tuple>())
            for (const hcl::ExprPtr& e : tuple->elements) entries.push_back(e.get());
        else
            entries.push_back(expr);
        for (const hcl::Expr* e : entries) {
            const std::string address = m_.referenced(*e);
            if (auto it = draft_of_.find(address); !address.empty() && it != draft_of_.end()) {
                out.push_back(it->second);
                continue;
            }
            // By name: a string, or a list of them (roles = local.role_names).
            const Value v = m_.eval(*e, r.file);
            std::vector<std::string> names;
            if (v.is_string()) names.push_back(v.as_string());
            if (v.is_tuple())
                for (const Value& n : v.elements())
                    if (n.is_string()) names.push_back(n.as_string());
            for (const std::string& name : names)
                for (const auto& [addr, d] : draft_of_) {
                    const Resource* p = m_.find(addr);
                    if (p && m_.text(p->block->body, "name", p->file) == name) out.push_back(d);
                }
        }
        return out;
    }

    void attach(const Resource& r, const hcl::Attribute* policy_arn, const std::vector<std::size_t>& to) {
        if (!policy_arn) return;
        const std::string address = m_.referenced(*policy_arn->expr);
        Location where = m_.location(policy_arn->expr->range, r.file);
        where.pointer = "/" + r.address + "/policy_arn";
        if (auto it = policy_doc_.find(address); !address.empty() && it != policy_doc_.end()) {
            for (std::size_t d : to)
                if (it->second) drafts_[d].documents.push_back(*it->second);
            return;
        }
        // for_each over known ARNs (policy_arn = each.value): one attachment per element.
        std::vector<Value> arns;
        const hcl::Attribute* for_each = attr(r, "for_each");
        const Value each = for_each ? m_.eval(*for_each->expr, r.file) : Value();
        if (for_each && each.is_collection()) {
            for (std::size_t i = 0; i < each.elements().size(); ++i) {
                hcl::BoundScope scope(m_);
                const Value key = each.is_object() ? Value::string(each.keys()[i]) : each.elements()[i];
                scope.bind("each", Value::object({{"key", key}, {"value", each.elements()[i]}}));
                arns.push_back(m_.eval(*policy_arn->expr, r.file, &scope));
            }
        } else {
            arns.push_back(m_.eval(*policy_arn->expr, r.file));
        }
        for (const Value& v : arns) attach_arn(r, v, where, to);
    }

    void attach_arn(const Resource& r, const Value& v, const Location& where, const std::vector<std::size_t>& to) {
        const std::string arn = v.is_string() ? v.as_string() : hcl::placeholder_for(v);
        if (const catalog::ManagedPolicyEntry* known = catalog::find_managed_policy(arn)) {
            if (auto policy = cfn::managed_policy(arn, where, m_.path_of(r.file)))
                for (std::size_t d : to) {
                    StackDocument doc;
                    doc.policy = *policy;
                    doc.owner = drafts_[d].owner;
                    doc.name = "AWS managed policy " + std::string(known->name);
                    doc.managed_policy = std::string(known->name);
                    stack_.documents.push_back(std::move(doc));
                    drafts_[d].documents.push_back(stack_.documents.size() - 1);
                }
            return;
        }
        // A policy of this module named by its ARN written out.
        for (const auto& [addr, doc] : policy_doc_) {
            const Resource* p = m_.find(addr);
            const std::string name = p ? m_.text(p->block->body, "name", p->file) : "";
            if (doc && !name.empty() && arn.ends_with(":policy/" + name)) {
                for (std::size_t d : to) drafts_[d].documents.push_back(*doc);
                return;
            }
        }
        for (std::size_t d : to) drafts_[d].unknown_policies.emplace_back(arn, where);
    }

    void second_pass(const Resource& r) {
        const std::string& t = r.type;
        const hcl::Body& body = r.block->body;
        const std::string base = "/" + r.address;
        if (t == "aws_iam_role_policy" || t == "aws_iam_user_policy" || t == "aws_iam_group_policy") {
            const char* target = t == "aws_iam_role_policy" ? "role" : t == "aws_iam_user_policy" ? "user" : "group";
            const std::string name = m_.text(body, "name", r.file);
            std::vector<std::optional<std::size_t>> docs;
            // for_each over known policies (policy = each.value): one document per element.
            const hcl::Attribute* for_each = attr(r, "for_each");
            const Value each = for_each ? m_.eval(*for_each->expr, r.file) : Value();
            if (for_each && each.is_collection()) {
                for (std::size_t i = 0; i < each.elements().size(); ++i) {
                    const Value key = each.is_object() ? Value::string(each.keys()[i]) : each.elements()[i];
                    const std::string key_text = key.is_string() ? key.as_string() : std::to_string(i);
                    hcl::BoundScope scope(m_);
                    scope.bind("each", Value::object({{"key", key}, {"value", each.elements()[i]}}));
                    docs.push_back(document(r, attr(r, "policy"), PolicyKind::identity,
                                            "inline policy " + r.name + "[\"" + key_text + "\"]",
                                            base + "/" + policy::pointer_token(key_text) + "/policy", r.file, &scope));
                }
            } else {
                docs.push_back(document(r, attr(r, "policy"), PolicyKind::identity,
                                        "inline policy " + (name.empty() ? r.name : name), base + "/policy", r.file));
            }
            const hcl::Attribute* who = attr(r, target);
            if (who)
                for (std::size_t d : principals_named(r, who->expr.get()))
                    for (const auto& doc : docs)
                        if (doc) drafts_[d].documents.push_back(*doc);
            return;
        }
        if (t == "aws_iam_role_policy_attachment" || t == "aws_iam_user_policy_attachment" ||
            t == "aws_iam_group_policy_attachment") {
            const char* target = t == "aws_iam_role_policy_attachment"   ? "role"
                                 : t == "aws_iam_user_policy_attachment" ? "user"
                                                                         : "group";
            const hcl::Attribute* who = attr(r, target);
            attach(r, attr(r, "policy_arn"), principals_named(r, who ? who->expr.get() : nullptr));
            return;
        }
        if (t == "aws_iam_policy_attachment") {
            std::vector<std::size_t> to;
            for (const char* list : {"roles", "users", "groups"})
                if (const hcl::Attribute* a = attr(r, list))
                    for (std::size_t d : principals_named(r, a->expr.get())) to.push_back(d);
            attach(r, attr(r, "policy_arn"), to);
            return;
        }
        if (t == "aws_iam_role" || t == "aws_iam_user" || t == "aws_iam_group") {
            const auto it = draft_of_.find(r.address);
            if (const hcl::Attribute* managed = attr(r, "managed_policy_arns")) {
                if (const auto* tuple = managed->expr->as<hcl::Tuple>()) {
                    for (const hcl::ExprPtr& e : tuple->elements) attach_expr(r, *e, it->second);
                }
            }
            return;
        }
        if (t == "aws_iam_user_group_membership" || t == "aws_iam_group_membership") {
            std::vector<std::size_t> users, groups;
            if (t == "aws_iam_user_group_membership") {
                users = principals_named(r, attr(r, "user") ? attr(r, "user")->expr.get() : nullptr);
                groups = principals_named(r, attr(r, "groups") ? attr(r, "groups")->expr.get() : nullptr);
            } else {
                users = principals_named(r, attr(r, "users") ? attr(r, "users")->expr.get() : nullptr);
                groups = principals_named(r, attr(r, "group") ? attr(r, "group")->expr.get() : nullptr);
            }
            for (std::size_t u : users)
                for (std::size_t g : groups) memberships_.emplace_back(u, g);
            return;
        }
        if (t == "aws_dynamodb_resource_policy") {
            auto doc = document(r, attr(r, "policy"), PolicyKind::resource, "resource policy", base + "/policy", r.file);
            const hcl::Attribute* target = attr(r, "resource_arn");
            if (!doc || !target) return;
            const std::string address = m_.referenced(*target->expr);
            if (auto it = table_of_.find(address); it != table_of_.end()) {
                const bool stream = m_.file(r.file)->file.text(target->expr->range).find("stream_arn") != std::string_view::npos;
                (stream ? stack_.tables[it->second].stream_policy : stack_.tables[it->second].resource_policy) = *doc;
            }
            return;
        }
        if (t == "aws_vpc_endpoint") {
            StackVpcEndpoint e;
            e.owner = owner_of(r);
            e.service = m_.text(body, "service_name", r.file);
            const std::string kind = m_.text(body, "vpc_endpoint_type", r.file);
            e.gateway = kind.empty() || kind == "Gateway";  // the provider's default is Gateway
            const hcl::Attribute* vpc = attr(r, "vpc_id");
            e.vpc = vpc ? (m_.referenced(*vpc->expr).empty() ? m_.text(body, "vpc_id", r.file) : m_.referenced(*vpc->expr))
                        : std::string();
            if (e.service.find("dynamodb") != std::string::npos || has_placeholder(e.service))
                e.policy = document(r, attr(r, "policy"), PolicyKind::vpc_endpoint, "endpoint policy", base + "/policy",
                                    r.file);
            stack_.vpc_endpoints.push_back(std::move(e));
            return;
        }
        if (t == "aws_kms_key") {
            StackKmsKey k;
            k.owner = owner_of(r);
            k.policy = document(r, attr(r, "policy"), PolicyKind::kms_key, "key policy", base + "/policy", r.file);
            stack_.kms_keys.push_back(std::move(k));
            return;
        }
        if (t == "aws_cloudtrail") {
            StackTrail trail;
            trail.owner = owner_of(r);
            read_trail(r, trail);
            stack_.trails.push_back(std::move(trail));
            return;
        }
        if (t == "aws_config_configuration_recorder") {
            stack_.config_recorders.push_back(owner_of(r));
            return;
        }
        if (t == "aws_config_config_rule") {
            StackConfigRule rule;
            rule.owner = owner_of(r);
            for (const hcl::Block* s : body.blocks_of_type("source"))
                if (m_.text(s->body, "owner", r.file) == "AWS") rule.identifier = m_.text(s->body, "source_identifier", r.file);
            stack_.config_rules.push_back(std::move(rule));
            return;
        }
        if (t == "aws_iam_access_key") {
            const hcl::Attribute* user = attr(r, "user");
            std::string id = user ? m_.referenced(*user->expr) : std::string();
            if (id.empty()) id = m_.text(body, "user", r.file);
            stack_.access_keys.push_back({owner_of(r), id});
            return;
        }
        if (t == "aws_lambda_function") {
            std::vector<const hcl::Block*> vpc = body.blocks_of_type("vpc_config");
            if (vpc.empty()) return;
            StackWorkload w;
            w.owner = owner_of(r);
            if (const hcl::Attribute* role = attr(r, "role")) w.principal = m_.referenced(*role->expr);
            if (const hcl::Attribute* subnets = vpc.front()->body.attribute("subnet_ids"))
                if (const auto* tuple = subnets->expr->as<hcl::Tuple>())
                    for (const hcl::ExprPtr& e : tuple->elements)
                        if (w.vpc.empty()) w.vpc = vpc_of_subnet(*e);
            stack_.workloads.push_back(std::move(w));
            return;
        }
        if (t == "aws_instance") {
            // An instance in a subnet of the module (not the default VPC's), and the role of its profile.
            const hcl::Attribute* subnet = attr(r, "subnet_id");
            if (!subnet) return;
            StackWorkload w;
            w.owner = owner_of(r);
            w.vpc = vpc_of_subnet(*subnet->expr);
            if (const hcl::Attribute* profile = attr(r, "iam_instance_profile"))
                if (const Resource* p = m_.find(m_.referenced(*profile->expr)); p && p->type == "aws_iam_instance_profile")
                    if (const hcl::Attribute* role = p->block->body.attribute("role")) w.principal = m_.referenced(*role->expr);
            stack_.workloads.push_back(std::move(w));
            return;
        }
        if (t == "aws_cognito_identity_pool_roles_attachment") {
            pool_attachments_.push_back(&r);
            return;
        }
    }

    // The VPC of a subnet the module defines (its address, or the id written), "" otherwise.
    std::string vpc_of_subnet(const hcl::Expr& subnet) const {
        const Resource* s = m_.find(m_.referenced(subnet));
        if (!s || s->type != "aws_subnet") return {};
        const hcl::Attribute* v = s->block->body.attribute("vpc_id");
        if (!v) return {};
        const std::string vpc = m_.referenced(*v->expr);
        return vpc.empty() ? m_.text(s->block->body, "vpc_id", s->file) : vpc;
    }

    std::vector<std::pair<std::size_t, std::size_t>> memberships_;  // user draft, group draft
    std::vector<const Resource*> pool_attachments_;

    void attach_expr(const Resource& r, const hcl::Expr& e, std::size_t draft) {
        const std::string address = m_.referenced(e);
        Location where = m_.location(e.range, r.file);
        where.pointer = "/" + r.address + "/managed_policy_arns";
        if (auto it = policy_doc_.find(address); !address.empty() && it != policy_doc_.end()) {
            if (it->second) drafts_[draft].documents.push_back(*it->second);
            return;
        }
        Value v = m_.eval(e, r.file);
        const std::string arn = v.is_string() ? v.as_string() : hcl::placeholder_for(v);
        if (const catalog::ManagedPolicyEntry* known = catalog::find_managed_policy(arn)) {
            if (auto policy = cfn::managed_policy(arn, where, m_.path_of(r.file))) {
                StackDocument doc;
                doc.policy = std::move(*policy);
                doc.owner = drafts_[draft].owner;
                doc.name = "AWS managed policy " + std::string(known->name);
                doc.managed_policy = std::string(known->name);
                stack_.documents.push_back(std::move(doc));
                drafts_[draft].documents.push_back(stack_.documents.size() - 1);
            }
            return;
        }
        drafts_[draft].unknown_policies.emplace_back(arn, where);
    }

    void read_table(const Resource& r) {
        const hcl::Body& body = r.block->body;
        StackTable t;
        t.owner = owner_of(r);
        hcl::TraversalStep resource, attribute;
        resource.name = r.name;
        attribute.name = "name";
        const std::vector<hcl::TraversalStep> name_ref{resource, attribute};
        attribute.name = "arn";
        const std::vector<hcl::TraversalStep> arn_ref{resource, attribute};
        std::size_t used = 0;
        const Value name = m_.resolve(hcl::Reference{r.type, name_ref, {}}, used);
        const Value arn = m_.resolve(hcl::Reference{r.type, arn_ref, {}}, used);
        t.name = name.is_string() ? name.as_string() : hcl::placeholder_for(name);
        t.arn = arn.is_string() ? arn.as_string() : hcl::placeholder_for(arn);
        t.partition_key = m_.text(body, "hash_key", r.file);
        t.sort_key = m_.text(body, "range_key", r.file);
        for (const char* kind : {"global_secondary_index", "local_secondary_index"})
            for (const hcl::Block* b : body.blocks_of_type(kind)) {
                TableIndex ix;
                ix.global = std::string(kind) == "global_secondary_index";
                ix.location = m_.location(b->range, r.file);
                ix.location.pointer = "/" + r.address + "/" + kind;
                ix.name = m_.text(b->body, "name", r.file);
                ix.partition_key = ix.global ? m_.text(b->body, "hash_key", r.file) : t.partition_key;
                ix.sort_key = m_.text(b->body, "range_key", r.file);
                ix.projection = m_.text(b->body, "projection_type", r.file);
                if (const hcl::Attribute* na = b->body.attribute("non_key_attributes")) {
                    Value v = m_.eval(*na->expr, r.file);
                    if (v.is_tuple())
                        for (const Value& e : v.elements())
                            if (e.is_string()) ix.projected.push_back(e.as_string());
                }
                t.indexes.push_back(std::move(ix));
            }
        // Where each setting is written, for the findings about it (the value, else the block).
        auto written = [&](std::string_view setting, const hcl::Body& in, std::string_view name) {
            if (const hcl::Attribute* a = in.attribute(name))
                t.written_at.emplace(std::string(setting), m_.location(a->expr->range, r.file));
        };
        for (const hcl::Block* sse : body.blocks_of_type("server_side_encryption")) {
            written("sse", sse->body, "enabled");
            t.sse_enabled = m_.flag(sse->body, "enabled", r.file);
            if (t.sse_enabled.value_or(false)) t.sse_type = "KMS";
            t.kms_key = m_.text(sse->body, "kms_key_arn", r.file);
        }
        for (const hcl::Block* pitr : body.blocks_of_type("point_in_time_recovery")) {
            written("point_in_time_recovery", pitr->body, "enabled");
            t.point_in_time_recovery = m_.flag(pitr->body, "enabled", r.file);
        }
        written("deletion_protection", body, "deletion_protection_enabled");
        written("stream", body, "stream_view_type");
        written("tags", body, "tags");
        t.deletion_protection = m_.flag(body, "deletion_protection_enabled", r.file);
        if (m_.flag(body, "stream_enabled", r.file).value_or(false)) {
            t.stream_view_type = m_.text(body, "stream_view_type", r.file);
            if (t.stream_view_type.empty()) t.stream_view_type = "<stream_view_type>";
        }
        if (const hcl::Attribute* tags = attr(r, "tags")) {
            Value v = m_.eval(*tags->expr, r.file);
            if (v.is_object())
                for (std::size_t i = 0; i < v.keys().size(); ++i) {
                    const Value& e = v.elements()[i];
                    t.tags.emplace_back(v.keys()[i], e.is_string() ? e.as_string() : hcl::placeholder_for(e));
                }
        }
        for (const hcl::Block* replica : body.blocks_of_type("replica"))
            if (!t.point_in_time_recovery) t.point_in_time_recovery = m_.flag(replica->body, "point_in_time_recovery", r.file);
        stack_.tables.push_back(std::move(t));
        table_of_[r.address] = stack_.tables.size() - 1;
    }

    void read_trail(const Resource& r, StackTrail& trail) {
        const hcl::Body& body = r.block->body;
        auto strings = [&](const hcl::Body& b, std::string_view name) {
            std::vector<std::string> out;
            const hcl::Attribute* a = b.attribute(name);
            if (!a) return out;
            Value v = m_.eval(*a->expr, r.file);
            if (v.is_tuple())
                for (const Value& e : v.elements()) out.push_back(e.is_string() ? e.as_string() : std::string());
            else if (v.is_string())
                out.push_back(v.as_string());
            else
                out.push_back({});
            return out;
        };
        auto add_arn = [&](const std::string& arn) {
            const std::size_t at = arn.find(":table/");
            if (arn.empty()) trail.selectors_unknown = true;
            else if (at == std::string::npos || at + 7 == arn.size() || util::has_wildcard(arn.substr(at + 7)))
                trail.all_tables = true;
            else trail.tables.push_back(arn);
        };
        for (const hcl::Block* selector : body.blocks_of_type("event_selector"))
            for (const hcl::Block* data : selector->body.blocks_of_type("data_resource")) {
                const std::string type = m_.text(data->body, "type", r.file);
                if (type == "AWS::DynamoDB::Stream") trail.streams = true;
                if (type != "AWS::DynamoDB::Table") continue;
                for (const std::string& arn : strings(data->body, "values")) add_arn(arn);
            }
        for (const hcl::Block* selector : body.blocks_of_type("advanced_event_selector")) {
            bool data = false, tables = false, streams = false, limited = false;
            std::vector<std::string> arns;
            for (const hcl::Block* field : selector->body.blocks_of_type("field_selector")) {
                const std::string name = m_.text(field->body, "field", r.file);
                const std::vector<std::string> equals = strings(field->body, "equals");
                auto has = [&](const char* x) { return std::find(equals.begin(), equals.end(), x) != equals.end(); };
                if (name == "eventCategory") data = has("Data");
                if (name == "resources.type") {
                    tables = has("AWS::DynamoDB::Table");
                    streams = has("AWS::DynamoDB::Stream");
                }
                if (name == "resources.ARN") {
                    limited = true;
                    for (const char* op : {"equals", "starts_with"})
                        for (const std::string& a : strings(field->body, op)) arns.push_back(a);
                }
            }
            if (!data) continue;
            trail.streams = trail.streams || streams;
            if (!tables) continue;
            if (!limited) trail.all_tables = true;
            for (const std::string& a : arns) add_arn(a);
        }
    }

    // ---- end users -----------------------------------------------------------------

    void classify_end_users() {
        for (const Resource* r : pool_attachments_) {
            const hcl::Body& body = r->block->body;
            std::string pool_address;
            if (const hcl::Attribute* id = body.attribute("identity_pool_id")) pool_address = m_.referenced(*id->expr);
            StackIdentityPool* pool = nullptr;
            for (StackIdentityPool& p : stack_.identity_pools)
                if (p.owner.id == pool_address) pool = &p;
            const std::string label = pool ? "identity pool " + pool_address : std::string("an identity pool");
            const bool open_guest = pool && pool->allow_unauthenticated;
            // roles = {authenticated = ..., unauthenticated = ...}: written out, or any
            // expression whose value is such a map of role ARNs (a local, merge(...)).
            std::vector<std::pair<std::string, std::string>> handed;  // key, role address
            if (const hcl::Attribute* roles = body.attribute("roles")) {
                if (const auto* object = roles->expr->as<hcl::Object>()) {
                    for (const hcl::ObjectItem& item : object->items) {
                        std::string key;
                        if (const auto* name = item.key->as<hcl::ScopeTraversal>(); name && name->steps.empty())
                            key = name->root;
                        else if (Value k = m_.eval(*item.key, r->file); k.is_string())
                            key = k.as_string();
                        handed.emplace_back(key, role_named(*item.value, r->file));
                    }
                } else if (const Value v = m_.eval(*roles->expr, r->file); v.is_object()) {
                    for (std::size_t i = 0; i < v.keys().size(); ++i)
                        handed.emplace_back(v.keys()[i], v.elements()[i].is_string()
                                                             ? role_by_arn(v.elements()[i].as_string())
                                                             : std::string());
                }
            }
            for (const auto& [key, role] : handed) {
                const bool guest = key == "unauthenticated";
                if (pool) (guest ? pool->unauthenticated_role : pool->authenticated_role) = role;
                if (auto it = draft_of_.find(role); !role.empty() && it != draft_of_.end())
                    mark_end_user(it->second,
                                  guest ? label + " hands it to unauthenticated (guest) users" +
                                              (open_guest ? std::string(": anyone on the internet") : std::string())
                                        : label + " hands it to authenticated users",
                                  guest);
            }
            for (const hcl::Block* mapping : body.blocks_of_type("role_mapping"))
                for (const hcl::Block* rule : mapping->body.blocks_of_type("mapping_rule"))
                    if (const hcl::Attribute* arn = rule->body.attribute("role_arn")) {
                        const std::string role = role_named(*arn->expr, r->file);
                        if (auto it = draft_of_.find(role); !role.empty() && it != draft_of_.end())
                            mark_end_user(it->second, label + " hands it to users that match a role mapping rule", false);
                    }
        }
    }

    // The role an expression names: by reference, or by its ARN written out.
    std::string role_named(const hcl::Expr& expr, std::uint32_t file) {
        std::string role = m_.referenced(expr);
        if (!role.empty()) return role;
        const Value v = m_.eval(expr, file);
        return v.is_string() ? role_by_arn(v.as_string()) : std::string();
    }

    // The role of the module an ARN names (by the role's name at its end).
    std::string role_by_arn(const std::string& arn) {
        for (const auto& [address, d] : draft_of_) {
            (void)d;
            const Resource* p = m_.find(address);
            if (!p || p->type != "aws_iam_role") continue;
            const std::string name = m_.text(p->block->body, "name", p->file);
            if (!name.empty() && arn.ends_with(":role/" + name)) return address;
        }
        return {};
    }

    void mark_end_user(std::size_t d, std::string reason, bool guest) {
        Draft& draft = drafts_[d];
        if (draft.end_user_reason.empty() || guest) draft.end_user_reason = std::move(reason);
        draft.unauthenticated = draft.unauthenticated || guest;
    }

    // The trust policy lets a web identity provider's users assume the role (docs/iac.md section 5).
    static std::string web_identity_reason(const Policy& trust, bool& guest) {
        static constexpr std::string_view kProviders[] = {"cognito-identity.amazonaws.com",
                                                          "cognito-identity.amazonaws.com.cn", "accounts.google.com",
                                                          "graph.facebook.com", "www.amazon.com"};
        static constexpr std::string_view kWorkloads[] = {"token.actions.githubusercontent.com", "gitlab.com",
                                                          "app.terraform.io", "oidc.eks.", "oidc.circleci.com",
                                                          "api.bitbucket.org", "vstoken.actions.githubusercontent.com"};
        for (const Statement& st : trust.statements) {
            if (st.effect != Effect::allow || !analyze::covers_action(st, "sts:AssumeRoleWithWebIdentity")) continue;
            for (const auto& [type, values] : st.principal.by_type) {
                if (type != "Federated") continue;
                for (const ddbguard::Value& v : values) {
                    bool provider = false;
                    for (std::string_view p : kProviders) provider = provider || v.text == p;
                    bool workload = false;
                    for (std::string_view w : kWorkloads) workload = workload || v.text.find(w) != std::string::npos;
                    const bool oidc = v.text.find(":oidc-provider/") != std::string::npos && !workload;
                    if (!provider && !oidc) continue;
                    for (const ConditionEntry& c : st.conditions)
                        if (util::iequals(c.key, "cognito-identity.amazonaws.com:amr"))
                            for (const ddbguard::Value& x : c.values) guest = guest || x.text == "unauthenticated";
                    return "its trust policy lets users of " + v.text + " assume it (sts:AssumeRoleWithWebIdentity)";
                }
            }
        }
        return {};
    }

    void make_principals() {
        // A user holds what its groups hold.
        for (const auto& [u, g] : memberships_) {
            const Draft group = drafts_[g];
            for (std::size_t doc : group.documents) drafts_[u].documents.push_back(doc);
            for (const auto& x : group.unknown_policies) drafts_[u].unknown_policies.push_back(x);
        }
        for (Draft& d : drafts_) {
            std::sort(d.documents.begin(), d.documents.end());
            d.documents.erase(std::unique(d.documents.begin(), d.documents.end()), d.documents.end());
            if (d.trust) {
                bool guest = false;
                std::string reason = web_identity_reason(stack_.documents[*d.trust].policy, guest);
                if (!reason.empty() && d.end_user_reason.empty()) d.end_user_reason = reason;
                d.unauthenticated = d.unauthenticated || guest;
            }
            StackPrincipal p;
            p.owner = d.owner;
            p.kind = d.kind;
            p.documents = d.documents;
            p.trust = d.trust;
            p.end_user = !d.end_user_reason.empty();
            p.unauthenticated = d.unauthenticated;
            p.end_user_reason = d.end_user_reason;
            p.unknown_policies = d.unknown_policies;
            report_unknown(d);
            stack_.principals.push_back(std::move(p));
        }
    }

    void report_unknown(const Draft& d) {
        for (const auto& [name, where] : d.unknown_policies) {
            const bool aws = catalog::is_aws_managed_arn(name);
            std::string message =
                aws ? "the AWS managed policy " + name + " is not in ddbguard's data (" +
                          std::string(catalog::managed_policies_source()) + "): what it grants is unknown"
                    : "the managed policy " + name + " is not defined in the module: what it grants to " +
                          d.owner.label() + " is unknown and was not judged (it was not taken to be empty)";
            if (!d.end_user_reason.empty()) message += "; the principal is end-user-facing (" + d.end_user_reason + ")";
            m_.report("unknown-managed-policy", d.owner.path, where, std::move(message),
                      aws ? "check the name (AWS managed policy names are case-sensitive), or refresh the data with "
                            "tools/managed-policies/refresh.sh"
                          : "lint the module that defines it together with this one, or review its grants by hand",
                      !d.end_user_reason.empty() ? Severity::warning : Severity::info);
        }
    }
};

}  // namespace

void build_stack(Module& module, const LintOptions& options, Stack& stack) {
    Builder builder(module, options, stack);
    builder.build();
}

}  // namespace tf

Stack read_terraform(const std::vector<const Input*>& files, const LintOptions& options) {
    Stack stack;
    stack.format = SourceFormat::terraform;
    stack.path = files.front()->path;
    for (const Input* input : files)
        if (input->path.ends_with(".tf")) {
            stack.path = input->path;
            break;
        }
    tf::Module module(options, stack.diagnostics);
    for (const Input* input : files) {
        stack.files.push_back(input->path);
        // Files the module reads with file() come with it; file() reads them itself.
        const std::string& p = input->path;
        if (p.size() > 3 && p.compare(p.size() - 3, 3, ".tf") == 0) module.add_file(input->path, input->bytes);
    }
    module.index();
    tf::build_stack(module, options, stack);
    return stack;
}

}  // namespace ddbguard::sources
