// The allow file of `ddbguard diff --allow`: known new access, matched like lint
// suppressions on structured fields; a typo is an error, never a silent pass.
#include "ddbguard/diff.hpp"
#include "policy/json_reader.hpp"
#include "policy/source_map.hpp"

namespace ddbguard {

namespace {

std::string at(const Location& loc) {
    return "line " + std::to_string(loc.line) + ", column " + std::to_string(loc.column) + ": ";
}

std::string kinds() {
    std::string out;
    for (AccessKind k : {AccessKind::condition, AccessKind::action, AccessKind::resource, AccessKind::deny,
                         AccessKind::columns, AccessKind::rows, AccessKind::principal})
        out += (out.empty() ? "" : ", ") + std::string(to_string(k));
    return out;
}

std::string read_entry(const Node& node, AllowEntry& e) {
    if (node.kind != Node::Kind::object) return at(node.loc) + "each allow entry must be an object";
    e.location = node.loc;
    bool has_kind = false;
    for (std::size_t i = 0; i < node.keys.size(); ++i) {
        const std::string& key = node.keys[i];
        const Node& value = node.items[i];
        std::string* field = key == "path"        ? &e.path
                             : key == "action"    ? &e.action
                             : key == "resource"  ? &e.resource
                             : key == "principal" ? &e.principal
                             : key == "reason"    ? &e.reason
                                                  : nullptr;
        if (key != "kind" && !field)
            return at(node.key_locs[i]) + "unknown allow field \"" + key +
                   "\" (known: kind, path, action, resource, principal, reason)";
        if (value.kind != Node::Kind::string) return at(value.loc) + "\"" + key + "\" must be a string";
        if (key == "kind") {
            const auto kind = access_kind_from_string(value.text);
            if (!kind) return at(value.loc) + "unknown kind \"" + value.text + "\" (known: " + kinds() + ")";
            e.kind = *kind;
            has_kind = true;
        } else {
            *field = value.text;
        }
    }
    if (!has_kind) return at(node.loc) + "an allow entry needs \"kind\" (" + kinds() + ")";
    return {};
}

}  // namespace

std::string read_allow_file(std::string_view json, std::vector<AllowEntry>& out) {
    Node root;
    std::vector<Finding> problems;
    policy::SourceMap map(json);
    if (!policy::read_json(json, map, "allow", 16, root, problems) || !problems.empty()) {
        const Finding& f = problems.front();
        return at(f.location) + f.message;
    }
    if (root.kind != Node::Kind::object) return at(root.loc) + "the allow file must be a JSON object {\"allow\": [...]}";
    for (std::size_t i = 0; i < root.keys.size(); ++i) {
        const Node& value = root.items[i];
        if (root.keys[i] != "allow")
            return at(root.key_locs[i]) + "unknown key \"" + root.keys[i] + "\" (known: allow)";
        if (value.kind != Node::Kind::array) return at(value.loc) + "\"allow\" must be an array of entries";
        for (const Node& item : value.items) {
            AllowEntry e;
            if (std::string error = read_entry(item, e); !error.empty()) return error;
            out.push_back(std::move(e));
        }
    }
    return {};
}

}  // namespace ddbguard
