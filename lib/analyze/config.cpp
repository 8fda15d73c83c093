// The lint configuration file: which checks run, and which findings are suppressed.
#include <map>

#include "ddbguard/analyze.hpp"
#include "policy/json_reader.hpp"
#include "policy/source_map.hpp"

namespace ddbguard {
namespace {

std::string at(const Location& loc) {
    return "line " + std::to_string(loc.line) + ", column " + std::to_string(loc.column) + ": ";
}

std::string string_list(const Node& node, const std::string& what, std::vector<std::string>& out) {
    if (node.kind != Node::Kind::array) return at(node.loc) + "\"" + what + "\" must be an array of strings";
    for (const Node& item : node.items) {
        if (item.kind != Node::Kind::string) return at(item.loc) + "each value of \"" + what + "\" must be a string";
        out.push_back(item.text);
    }
    return {};
}

std::string string_map(const Node& node, const std::string& what, std::map<std::string, std::string>& out) {
    if (node.kind != Node::Kind::object) return at(node.loc) + "\"" + what + "\" must be an object of strings";
    for (std::size_t i = 0; i < node.keys.size(); ++i) {
        const Node& v = node.items[i];
        if (v.kind != Node::Kind::string && v.kind != Node::Kind::number && v.kind != Node::Kind::boolean)
            return at(v.loc) + "each value of \"" + what + "\" must be a string";
        out[node.keys[i]] = v.text;
    }
    return {};
}

std::string read_suppression(const Node& node, Suppression& s) {
    if (node.kind != Node::Kind::object) return at(node.loc) + "each suppression must be an object";
    for (std::size_t i = 0; i < node.keys.size(); ++i) {
        const std::string& key = node.keys[i];
        const Node& value = node.items[i];
        std::string* field = key == "id"        ? &s.check_id
                             : key == "path"    ? &s.path
                             : key == "pointer" ? &s.pointer
                             : key == "reason"  ? &s.reason
                                                : nullptr;
        if (!field)
            return at(node.key_locs[i]) + "unknown suppression field \"" + key +
                   "\" (known: id, path, pointer, reason)";
        if (value.kind != Node::Kind::string) return at(value.loc) + "\"" + key + "\" must be a string";
        *field = value.text;
    }
    if (s.check_id.empty() || s.path.empty())
        return at(node.loc) + "a suppression needs \"id\" and \"path\" (and optionally \"pointer\")";
    return {};
}

}  // namespace

std::string read_config(std::string_view json, LintOptions& options, std::string& fail_on) {
    Node root;
    std::vector<Finding> problems;
    policy::SourceMap map(json);
    if (!policy::read_json(json, map, "config", 16, root, problems) || !problems.empty()) {
        const Finding& f = problems.front();
        return at(f.location) + f.message;
    }
    if (root.kind != Node::Kind::object) return at(root.loc) + "the configuration must be a JSON object";
    for (std::size_t i = 0; i < root.keys.size(); ++i) {
        const std::string& key = root.keys[i];
        const Node& value = root.items[i];
        std::string error;
        if (key == "select") error = string_list(value, key, options.select);
        else if (key == "ignore") error = string_list(value, key, options.ignore);
        else if (key == "fail-on") {
            if (value.kind != Node::Kind::string) error = at(value.loc) + "\"fail-on\" must be a string";
            else fail_on = value.text;
        } else if (key == "suppress") {
            if (value.kind != Node::Kind::array) error = at(value.loc) + "\"suppress\" must be an array";
            for (std::size_t j = 0; error.empty() && j < value.items.size(); ++j) {
                Suppression s;
                error = read_suppression(value.items[j], s);
                options.suppressions.push_back(std::move(s));
            }
        } else if (key == "show-info") {
            if (value.kind != Node::Kind::boolean) error = at(value.loc) + "\"show-info\" must be true or false";
            else options.show_info = value.text == "true";
        } else if (key == "region" || key == "account") {
            if (value.kind != Node::Kind::string) error = at(value.loc) + "\"" + key + "\" must be a string";
            else (key == "region" ? options.values.region : options.values.account) = value.text;
        } else if (key == "required-tags") {
            options.required_tags.clear();
            error = string_list(value, key, options.required_tags);
        } else if (key == "stack-complete") {
            if (value.kind != Node::Kind::boolean) error = at(value.loc) + "\"stack-complete\" must be true or false";
            else options.stack_complete = value.text == "true";
        } else if (key == "parameters" || key == "variables") {
            error = string_map(value, key, key == "parameters" ? options.values.parameters : options.values.variables);
        } else {
            error = at(root.key_locs[i]) + "unknown configuration key \"" + key +
                    "\" (known: select, ignore, fail-on, suppress, show-info, region, account, parameters, variables, required-tags, stack-complete)";
        }
        if (!error.empty()) return error;
    }
    return {};
}

}  // namespace ddbguard
