// `terraform show -json PLANFILE` (docs/iac.md section 3) to a Stack. The plan's resources
// (planned values, and the data sources read at plan time from the prior state) are written
// out as one module of .tf text: known values as literals, unknown ones as the references
// the configuration computes them from. The Terraform reader then reads that module, so a
// plan gives the same documents, principals and tables as the .tf files; positions point
// at each resource's values in the plan, with the resource address in the JSON pointer.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "policy/json_reader.hpp"
#include "policy/source_map.hpp"
#include "sources/sources.hpp"
#include "sources/terraform/module.hpp"

namespace ddbguard::sources {

namespace tf {
namespace {

const Node* member(const Node* n, std::string_view key) {
    return n && n->kind == Node::Kind::object ? n->member(key) : nullptr;
}

std::string text_of(const Node* n) { return n && n->kind == Node::Kind::string ? n->text : std::string(); }

bool is_policy_attribute(std::string_view key) { return key == "policy" || key == "assume_role_policy"; }

// An HCL string literal holding `text` as it is (escapes, and "$${" / "%%{" for template
// sequences).
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '$':
            case '%':
                out += c;
                if (i + 1 < text.size() && text[i + 1] == '{') out += c;
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    static const char* hex = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[(c >> 4) & 15];
                    out += hex[c & 15];
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

// A resource of the plan.
struct PlanResource {
    std::string address;  // as in the plan: module.app.aws_iam_role.r[0]
    std::string module;   // "module.app" ("" for the root module)
    std::string type, name, label;
    bool data = false;
    const Node* values = nullptr;
    const Node* unknown = nullptr;      // change.after_unknown
    const Node* expressions = nullptr;  // configuration expressions
    Location where;                     // the values object in the plan
};

class PlanWriter {
public:
    PlanWriter(const std::string& path, const Node& root, Stack& stack) : path_(path), root_(root), stack_(stack) {}

    std::string write() {
        collect_module(member(member(&root_, "planned_values"), "root_module"), false);
        collect_module(member(member(member(&root_, "prior_state"), "values"), "root_module"), true);
        if (const Node* changes = member(&root_, "resource_changes"); changes && changes->kind == Node::Kind::array)
            for (const Node& c : changes->items)
                if (auto it = by_address_.find(text_of(member(&c, "address"))); it != by_address_.end())
                    resources_[it->second].unknown = member(member(&c, "change"), "after_unknown");
        collect_configuration(member(member(&root_, "configuration"), "root_module"), "");
        std::string out;
        lines_.push_back(Location{1, 1, ""});  // line 0 is unused
        // Root module variables with the values the plan was made with.
        if (const Node* vars = member(&root_, "variables"); vars && vars->kind == Node::Kind::object)
            for (std::size_t i = 0; i < vars->keys.size(); ++i) {
                const Node* value = member(&vars->items[i], "value");
                if (!value) continue;
                emit(out, "variable " + quoted(vars->keys[i]) + " {", vars->items[i].loc);
                emit(out, "  default = " + expression(*value), vars->items[i].loc);
                emit(out, "}", vars->items[i].loc);
            }
        for (const PlanResource& r : resources_) write_resource(out, r);
        return out;
    }

    Location line(std::uint32_t n) const { return n < lines_.size() ? lines_[n] : Location{1, 1, ""}; }

private:
    const std::string& path_;
    const Node& root_;
    Stack& stack_;
    std::vector<PlanResource> resources_;
    std::map<std::string, std::size_t> by_address_;
    std::map<std::string, std::string> label_of_;  // module + "|" + type.name -> label (first instance)
    std::vector<Location> lines_;                  // synthesized line -> plan position

    void emit(std::string& out, const std::string& text, const Location& where) {
        std::size_t start = 0;
        while (true) {
            const std::size_t nl = text.find('\n', start);
            lines_.push_back(where);
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
        out += text;
        out += '\n';
    }

    void collect_module(const Node* module, bool prior) {
        if (!module) return;
        const std::string prefix = text_of(member(module, "address"));
        if (const Node* list = member(module, "resources"); list && list->kind == Node::Kind::array)
            for (const Node& r : list->items) {
                PlanResource p;
                p.address = text_of(member(&r, "address"));
                p.data = text_of(member(&r, "mode")) == "data";
                if (prior && !p.data) continue;  // managed resources come from the planned values
                if (p.address.empty() || by_address_.count(p.address)) continue;
                p.module = prefix;
                p.type = text_of(member(&r, "type"));
                p.name = text_of(member(&r, "name"));
                p.values = member(&r, "values");
                p.where = p.values ? p.values->loc : r.loc;
                if (p.type.empty() || p.name.empty()) continue;
                // Labels: the name in the root module, else one that keeps module and index apart.
                std::string label = p.name;
                const std::string local = p.address.substr(prefix.empty() ? 0 : prefix.size() + 1);
                if (!prefix.empty() || local.find('[') != std::string::npos) {
                    label = prefix + "." + local;
                    for (char& c : label)
                        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
                    while (!label.empty() && !std::isalpha(static_cast<unsigned char>(label.front()))) label.erase(0, 1);
                }
                p.label = label;
                p.where.pointer = "/" + p.address;
                label_of_.emplace(prefix + "|" + (p.data ? "data." : "") + p.type + "." + p.name, label);
                by_address_[p.address] = resources_.size();
                resources_.push_back(std::move(p));
            }
        if (const Node* children = member(module, "child_modules"); children && children->kind == Node::Kind::array)
            for (const Node& c : children->items) collect_module(&c, prior);
    }

    void collect_configuration(const Node* module, const std::string& prefix) {
        if (!module) return;
        if (const Node* list = member(module, "resources"); list && list->kind == Node::Kind::array)
            for (const Node& r : list->items) {
                const std::string address = text_of(member(&r, "address"));
                const Node* expressions = member(&r, "expressions");
                const std::string full = prefix.empty() ? address : prefix + "." + address;
                for (PlanResource& p : resources_) {
                    // Every instance (count, for_each) of the configured resource.
                    if (p.address == full || p.address.starts_with(full + "[")) p.expressions = expressions;
                }
            }
        if (const Node* calls = member(module, "module_calls"); calls && calls->kind == Node::Kind::object)
            for (std::size_t i = 0; i < calls->keys.size(); ++i)
                collect_configuration(member(&calls->items[i], "module"),
                                      (prefix.empty() ? "" : prefix + ".") + "module." + calls->keys[i]);
    }

    // An HCL expression for a known JSON value.
    std::string expression(const Node& v) const {
        switch (v.kind) {
            case Node::Kind::null: return "null";
            case Node::Kind::boolean:
            case Node::Kind::number: return v.text;
            case Node::Kind::string: return quoted(v.text);
            case Node::Kind::array: {
                std::string out = "[";
                for (std::size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + expression(v.items[i]);
                return out + "]";
            }
            case Node::Kind::object: {
                std::string out = "{";
                for (std::size_t i = 0; i < v.keys.size(); ++i)
                    out += (i ? ", " : "") + quoted(v.keys[i]) + " = " + expression(v.items[i]);
                return out + "}";
            }
        }
        return "null";
    }

    // The reference an unknown value is computed from, in the written module's names.
    std::string reference(const PlanResource& r, const Node* expression_node) const {
        const Node* refs = member(expression_node, "references");
        if (!refs || refs->kind != Node::Kind::array || refs->items.empty()) return {};
        const std::string ref = refs->items.front().text;
        if (ref.starts_with("each.") || ref.starts_with("count.") || ref.starts_with("module.") ||
            ref.starts_with("self."))
            return {};
        if (ref.starts_with("var.") || ref.starts_with("local.")) return r.module.empty() ? ref : std::string();
        // type.name.rest or data.type.name.rest, relative to the resource's module.
        const bool data = ref.starts_with("data.");
        std::size_t first = ref.find('.', data ? 5 : 0);
        if (first == std::string::npos) return {};
        std::size_t second = ref.find_first_of(".[", first + 1);
        const std::string head = ref.substr(0, second);
        auto it = label_of_.find(r.module + "|" + head);
        if (it == label_of_.end()) return {};
        std::string rest = second == std::string::npos ? std::string() : ref.substr(second);
        if (rest.starts_with("[")) rest = rest.substr(std::min(rest.size(), rest.find(']') + 1));
        return ref.substr(0, first + 1) + it->second + rest;
    }

    static bool empty_value(const Node& v) {
        return v.kind == Node::Kind::null || (v.kind == Node::Kind::string && v.text.empty()) ||
               (v.kind == Node::Kind::array && v.items.empty()) || (v.kind == Node::Kind::object && v.items.empty());
    }

    static bool blocks(const Node& v) {
        if (v.kind != Node::Kind::array || v.items.empty()) return false;
        for (const Node& item : v.items)
            if (item.kind != Node::Kind::object) return false;
        return true;
    }

    static bool is_true(const Node* n) { return n && n->kind == Node::Kind::boolean && n->text == "true"; }

    // The body of a resource or block: its known values, and its unknown ones as references.
    void body(std::string& out, const PlanResource& r, const Node* values, const Node* unknown, const Node* config,
              const std::string& indent, const std::string& pointer) {
        std::set<std::string> written;
        if (values && values->kind == Node::Kind::object)
            for (std::size_t i = 0; i < values->keys.size(); ++i) {
                const std::string& key = values->keys[i];
                const Node& v = values->items[i];
                const Node* u = member(unknown, key);
                const Node* c = member(config, key);
                if (blocks(v)) {
                    written.insert(key);
                    for (std::size_t b = 0; b < v.items.size(); ++b) {
                        const Node* ub = u && u->kind == Node::Kind::array && b < u->items.size() ? &u->items[b] : nullptr;
                        const Node* cb = c && c->kind == Node::Kind::array && b < c->items.size() ? &c->items[b] : nullptr;
                        emit(out, indent + key + " {", r.where);
                        body(out, r, &v.items[b], ub, cb, indent + "  ", pointer + "/" + key + "/" + std::to_string(b));
                        emit(out, indent + "}", r.where);
                    }
                    continue;
                }
                if (v.kind == Node::Kind::object && u && u->kind == Node::Kind::object) {
                    // A map with unknown members (roles = {authenticated = ...}): the configuration's
                    // references in order, for the unknown keys in order.
                    written.insert(key);
                    std::string expr = "{";
                    for (std::size_t m = 0; m < v.keys.size(); ++m)
                        expr += (expr.size() > 1 ? ", " : "") + quoted(v.keys[m]) + " = " + expression(v.items[m]);
                    const Node* refs = member(c, "references");
                    std::size_t next = 0;
                    for (std::size_t m = 0; m < u->keys.size(); ++m) {
                        if (!is_true(&u->items[m])) continue;
                        std::string ref;
                        while (refs && refs->kind == Node::Kind::array && next < refs->items.size() && ref.empty()) {
                            const std::string& candidate = refs->items[next++].text;
                            if (candidate.find('.', candidate.find('.') + 1) == std::string::npos) continue;  // aws_iam_role.x
                            Node one;
                            one.kind = Node::Kind::object;
                            Node list;
                            list.kind = Node::Kind::array;
                            Node item;
                            item.kind = Node::Kind::string;
                            item.text = candidate;
                            list.items.push_back(item);
                            one.keys.push_back("references");
                            one.key_locs.emplace_back();
                            one.items.push_back(list);
                            ref = reference(r, &one);
                        }
                        if (!ref.empty()) expr += (expr.size() > 1 ? ", " : "") + quoted(u->keys[m]) + " = " + ref;
                    }
                    emit(out, indent + key + " = " + expr + "}", r.where);
                    continue;
                }
                if (empty_value(v)) continue;
                written.insert(key);
                emit(out, indent + key + " = " + expression(v), r.where);
            }
        if (unknown && unknown->kind == Node::Kind::object)
            for (std::size_t i = 0; i < unknown->keys.size(); ++i) {
                const std::string& key = unknown->keys[i];
                if (written.count(key) || !is_true(&unknown->items[i])) continue;
                const std::string ref = reference(r, member(config, key));
                const bool document = ref.starts_with("data.") && (ref.ends_with(".json") || ref.ends_with(".minified_json"));
                if (is_policy_attribute(key) && !document) {
                    unresolved(r, key, member(config, key), pointer + "/" + key);
                    continue;
                }
                if (!ref.empty()) emit(out, indent + key + " = " + ref, r.where);
            }
    }

    // A policy only apply time knows that the configuration does not let us rebuild.
    void unresolved(const PlanResource& r, const std::string& key, const Node* config, const std::string& pointer) {
        std::string refs;
        if (const Node* list = member(config, "references"); list && list->kind == Node::Kind::array)
            for (const Node& ref : list->items) refs += (refs.empty() ? "" : ", ") + ref.text;
        Location where = r.where;
        where.pointer = pointer;
        stack_.diagnostics.push_back(source_finding(
            "unresolved-value", path_, where,
            "the " + std::string(key == "policy" ? "policy" : "trust policy") + " of " + r.address +
                " is known only after apply" + (refs.empty() ? std::string() : " (it is computed from " + refs + ")") +
                ": it was not judged",
            "lint the module's .tf files, where ddbguard rebuilds the policy with placeholders for what apply decides",
            Severity::warning));
    }

    void write_resource(std::string& out, const PlanResource& r) {
        emit(out, std::string(r.data ? "data " : "resource ") + quoted(r.type) + " " + quoted(r.label) + " {", r.where);
        body(out, r, r.values, r.unknown, r.expressions, "  ", "/" + r.address);
        emit(out, "}", r.where);
    }
};

}  // namespace
}  // namespace tf

Stack read_terraform_plan(const Input& input, const LintOptions& options) {
    Stack stack;
    stack.path = input.path;
    stack.format = SourceFormat::terraform_plan;
    stack.files.push_back(input.path);
    if (input.bytes.size() > options.limits.max_bytes) {
        stack.diagnostics.push_back(source_finding(
            "file-too-large", input.path, {1, 1, ""},
            "the plan is larger than the limit of " + std::to_string(options.limits.max_bytes) + " bytes; it was not read",
            "lint it with a higher --max-bytes"));
        return stack;
    }
    policy::SourceMap map(input.bytes);
    Node root;
    if (!policy::read_json(input.bytes, map, input.path, options.limits.max_depth, root, stack.diagnostics)) return stack;
    tf::PlanWriter writer(input.path, root, stack);
    const std::string text = writer.write();
    // Policies are judged as the plan holds them (kinds from their place), so the module's
    // own size limit does not apply to the written text.
    LintOptions module_options = options;
    module_options.limits.max_bytes = std::max<std::size_t>(options.limits.max_bytes, text.size() + 1);
    tf::Module module(module_options, stack.diagnostics);
    module.set_remap([&writer](std::uint32_t line) { return writer.line(line); });
    module.add_file(input.path, text);
    module.index();
    tf::build_stack(module, module_options, stack);
    return stack;
}

}  // namespace ddbguard::sources
