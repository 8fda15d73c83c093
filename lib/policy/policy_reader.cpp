// The typed view of the IAM policy grammar over the located Node tree. Every
// deviation from the grammar is a finding; reading goes on where it can, so one
// file shows all of its structural problems at once.
#include "policy/policy_reader.hpp"

#include <algorithm>
#include <array>

#include "util/text.hpp"

namespace ddbguard::policy {
namespace {

const char* kind_name(Node::Kind kind) {
    switch (kind) {
        case Node::Kind::null: return "null";
        case Node::Kind::boolean: return "a boolean";
        case Node::Kind::number: return "a number";
        case Node::Kind::string: return "a string";
        case Node::Kind::array: return "an array";
        case Node::Kind::object: return "an object";
    }
    return "a value";
}

const std::vector<std::string_view> kTopLevel = {"Version", "Id", "Statement"};
const std::vector<std::string_view> kStatementElements = {"Sid",       "Effect",       "Action",
                                                          "NotAction", "Resource",     "NotResource",
                                                          "Principal", "NotPrincipal", "Condition"};
const std::vector<std::string_view> kPrincipalTypes = {"AWS", "Service", "Federated", "CanonicalUser"};

class Reader {
public:
    Reader(const std::string& path, std::vector<Finding>& findings) : path_(path), findings_(findings) {}

    void read(Policy& policy) {
        const Node& root = policy.root;
        if (root.kind != Node::Kind::object) {
            report("wrong-type", root.loc, std::string("a policy is a JSON object, but this document is ") +
                                               kind_name(root.kind),
                   "wrap the statements in {\"Version\": \"2012-10-17\", \"Statement\": [...]}");
            return;
        }
        check_members(root, kTopLevel, "policy element");
        if (const Node* v = root.member("Version")) {
            if (auto value = scalar_string(*v, "Version")) {
                if (value->text != "2012-10-17" && value->text != "2008-10-17")
                    report("invalid-version", v->loc,
                           "Version \"" + value->text + "\" is not a policy language version; IAM knows only "
                           "\"2012-10-17\" and \"2008-10-17\"",
                           "write \"Version\": \"2012-10-17\" (it is a fixed date, not today's date)");
                policy.version = value;
            }
        }
        if (const Node* id = root.member("Id")) policy.id = scalar_string(*id, "Id");
        const Node* statement = root.member("Statement");
        if (!statement) {
            report("missing-element", root.loc, "the policy has no \"Statement\" element",
                   "add \"Statement\": [{\"Effect\": ..., \"Action\": ..., \"Resource\": ...}]");
            return;
        }
        policy.statement_loc = statement->loc;
        if (statement->kind == Node::Kind::object) {
            read_statement(*statement, 0, policy);
        } else if (statement->kind == Node::Kind::array) {
            if (statement->items.empty())
                report("empty-statement", statement->loc, "\"Statement\" is an empty array: the policy grants nothing",
                       "add at least one statement, or delete the policy");
            policy.statements.reserve(statement->items.size());
            for (std::size_t i = 0; i < statement->items.size(); ++i) {
                const Node& item = statement->items[i];
                if (item.kind != Node::Kind::object) {
                    wrong_type(item, "each statement", "an object");
                    continue;
                }
                read_statement(item, i, policy);
            }
        } else {
            wrong_type(*statement, "\"Statement\"", "an object or an array of objects");
        }
    }

private:
    void report(const char* id, const Location& loc, std::string message, std::string fix = {}) {
        Finding f;
        f.check_id = id;
        f.severity = Severity::error;
        f.message = std::move(message);
        f.fix = std::move(fix);
        f.path = path_;
        f.location = loc;
        findings_.push_back(std::move(f));
    }
    void wrong_type(const Node& node, const std::string& what, const std::string& expected) {
        report("wrong-type", node.loc, what + " must be " + expected + ", not " + kind_name(node.kind));
    }

    void check_members(const Node& object, const std::vector<std::string_view>& known, const char* what) {
        for (std::size_t i = 0; i < object.keys.size(); ++i) {
            const std::string& key = object.keys[i];
            bool found = false;
            for (std::string_view k : known) found = found || k == key;
            if (found) continue;
            auto suggestion = util::did_you_mean(key, known);
            if (suggestion) suggested_.emplace_back(*suggestion);
            if (suggestion)
                report("unknown-element", object.key_locs[i],
                       std::string("unknown ") + what + " \"" + key + "\"; did you mean \"" +
                           std::string(*suggestion) + "\"?",
                       "rename \"" + key + "\" to \"" + std::string(*suggestion) + "\"");
            else {
                std::string list;
                for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
                report("unknown-element", object.key_locs[i],
                       std::string("unknown ") + what + " \"" + key + "\"; IAM rejects it",
                       "use only " + list);
            }
        }
    }

    std::optional<Value> scalar_string(const Node& node, const std::string& what) {
        if (node.kind != Node::Kind::string) {
            wrong_type(node, "\"" + what + "\"", "a string");
            return std::nullopt;
        }
        return Value{node.text, node.loc, node.kind};
    }

    // A string or an array of strings (Action, Resource, principal values).
    std::vector<Value> string_list(const Node& node, const std::string& what) {
        std::vector<Value> out;
        if (node.kind == Node::Kind::string) {
            out.push_back({node.text, node.loc, node.kind});
        } else if (node.kind == Node::Kind::array) {
            if (node.items.empty())
                report("empty-value", node.loc, "\"" + what + "\" is an empty array: it matches nothing",
                       "list at least one value, or remove the statement");
            out.reserve(node.items.size());
            for (const Node& item : node.items) {
                if (item.kind == Node::Kind::string) {
                    Value& v = out.emplace_back();  // in place: no temporary to move and destroy
                    v.text = item.text;
                    v.loc = item.loc;
                    v.kind = item.kind;
                } else {
                    wrong_type(item, "each value of \"" + what + "\"", "a string");
                }
            }
        } else {
            wrong_type(node, "\"" + what + "\"", "a string or an array of strings");
        }
        return out;
    }

    void read_statement(const Node& node, std::size_t index, Policy& policy) {
        Statement& st = policy.statements.emplace_back();  // in place: a Statement is dear to move
        st.index = index;
        st.loc = node.loc;
        check_members(node, kStatementElements, "statement element");
        if (const Node* sid = node.member("Sid")) st.sid = scalar_string(*sid, "Sid");
        if (const Node* effect = node.member("Effect")) {
            st.effect_loc = effect->loc;
            if (auto value = scalar_string(*effect, "Effect")) {
                if (value->text == "Allow") st.effect = Effect::allow;
                else if (value->text == "Deny") st.effect = Effect::deny;
                else {
                    std::string fix = util::iequals(value->text, "allow")  ? "write \"Allow\" (case-sensitive)"
                                      : util::iequals(value->text, "deny") ? "write \"Deny\" (case-sensitive)"
                                                                            : "write \"Allow\" or \"Deny\"";
                    report("invalid-effect", effect->loc,
                           "Effect \"" + value->text + "\" is neither \"Allow\" nor \"Deny\"", fix);
                }
            }
        } else {
            report("missing-element", node.loc, "the statement has no \"Effect\"",
                   "add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"");
        }
        read_pair(node, "Action", "NotAction", st.has_action, st.not_action, st.actions, st.action_loc, true);
        read_pair(node, "Resource", "NotResource", st.has_resource, st.not_resource, st.resources,
                  st.resource_loc, false);
        read_principal(node, st);
        if (const Node* condition = node.member("Condition")) {
            st.has_condition = true;
            st.condition_loc = condition->loc;
            read_condition(*condition, st);
        }
    }

    void read_pair(const Node& node, const char* positive, const char* negative, bool& has, bool& negated,
                   std::vector<Value>& values, Location& loc, bool required) {
        const Node* p = node.member(positive);
        const Node* n = node.member(negative);
        if (p && n) {
            report("conflicting-elements", n->loc,
                   std::string("a statement takes either \"") + positive + "\" or \"" + negative + "\", not both",
                   std::string("keep one of them; split the statement if you need both"));
        }
        const Node* used = p ? p : n;
        if (!used) {
            // "Actions" was already reported with "did you mean Action": one mistake, one finding.
            bool misspelled = std::find(suggested_.begin(), suggested_.end(), positive) != suggested_.end() ||
                              std::find(suggested_.begin(), suggested_.end(), negative) != suggested_.end();
            if (required && !misspelled)
                report("missing-element", node.loc,
                       std::string("the statement has neither \"") + positive + "\" nor \"" + negative + "\"",
                       std::string("add \"") + positive + "\" with the exact values it should cover");
            return;
        }
        has = true;
        negated = (used == n);
        loc = used->loc;
        values = string_list(*used, used == p ? positive : negative);
    }

    void read_principal(const Node& node, Statement& st) {
        const Node* p = node.member("Principal");
        const Node* n = node.member("NotPrincipal");
        if (p && n)
            report("conflicting-elements", n->loc,
                   "a statement takes either \"Principal\" or \"NotPrincipal\", not both", "keep one of them");
        const Node* used = p ? p : n;
        if (!used) return;
        st.principal.present = true;
        st.principal.loc = used->loc;
        st.not_principal = (used == n);
        const char* what = used == p ? "Principal" : "NotPrincipal";
        if (used->kind == Node::Kind::string) {
            if (used->text == "*") st.principal.wildcard = true;
            else
                report("wrong-type", used->loc,
                       std::string("\"") + what + "\" must be \"*\" or an object such as {\"AWS\": \"arn:...\"}",
                       std::string("write \"") + what + "\": {\"AWS\": \"" + used->text + "\"}");
            return;
        }
        if (used->kind != Node::Kind::object) {
            wrong_type(*used, std::string("\"") + what + "\"", "\"*\" or an object");
            return;
        }
        if (used->items.empty())
            report("empty-value", used->loc, std::string("\"") + what + "\" is an empty object: it names no one",
                   "name the principals, e.g. {\"AWS\": \"arn:aws:iam::123456789012:root\"}");
        check_members(*used, kPrincipalTypes, "principal type");
        for (std::size_t i = 0; i < used->keys.size(); ++i)
            st.principal.by_type.emplace_back(used->keys[i], string_list(used->items[i], used->keys[i]));
    }

    void read_condition(const Node& node, Statement& st) {
        if (node.kind != Node::Kind::object) {
            wrong_type(node, "\"Condition\"", "an object of operators");
            return;
        }
        if (node.items.empty())
            report("empty-value", node.loc, "\"Condition\" is an empty object", "remove it, or add the conditions");
        for (std::size_t i = 0; i < node.keys.size(); ++i) {
            const Node& block = node.items[i];
            if (block.kind != Node::Kind::object) {
                wrong_type(block, "condition operator \"" + node.keys[i] + "\"", "an object of condition keys");
                continue;
            }
            if (block.items.empty())
                report("empty-value", block.loc, "condition operator \"" + node.keys[i] + "\" has no keys",
                       "remove it, or add the keys it should test");
            for (std::size_t j = 0; j < block.keys.size(); ++j) {
                ConditionEntry entry;
                entry.op = node.keys[i];
                entry.op_loc = node.key_locs[i];
                entry.key = block.keys[j];
                entry.key_loc = block.key_locs[j];
                const Node& values = block.items[j];
                auto take = [&](const Node& v) {
                    if (v.kind == Node::Kind::string || v.kind == Node::Kind::number || v.kind == Node::Kind::boolean)
                        entry.values.push_back({v.text, v.loc, v.kind});
                    else
                        wrong_type(v, "a value of condition key \"" + entry.key + "\"", "a string, number or boolean");
                };
                if (values.kind == Node::Kind::array) {
                    entry.values_is_array = true;
                    for (const Node& v : values.items) take(v);
                } else {
                    take(values);
                }
                st.conditions.push_back(std::move(entry));
            }
        }
    }

    const std::string& path_;
    std::vector<Finding>& findings_;
    std::vector<std::string> suggested_;  // element names offered as did-you-mean so far
};

}  // namespace

void read_policy(Policy& policy, std::vector<Finding>& findings) {
    Reader(policy.path, findings).read(policy);
}

namespace {
// "Resources" is reported as an unknown element with a suggestion; do not report it missing too.
bool has_misspelled_resource(const Node& root, const Statement& st) {
    const Node* statements = root.member("Statement");
    if (!statements) return false;
    const Node* node = statements->kind == Node::Kind::array && st.index < statements->items.size()
                           ? &statements->items[st.index]
                           : statements;
    for (const std::string& key : node->keys)
        if (key != "Resource" && key != "NotResource" && util::edit_distance(key, "Resource", 2) <= 2) return true;
    return false;
}
}  // namespace

void report_missing_resource(const Policy& policy, std::vector<Finding>& findings) {
    if (policy.kind == PolicyKind::trust) return;
    for (const Statement& st : policy.statements) {
        if (st.has_resource || has_misspelled_resource(policy.root, st)) continue;
        Finding f;
        f.check_id = "missing-element";
        f.severity = Severity::error;
        f.message = "the statement has neither \"Resource\" nor \"NotResource\"";
        f.fix = "add \"Resource\" with the exact ARNs it should cover";
        f.path = policy.path;
        f.location = st.loc;
        findings.push_back(std::move(f));
    }
}

PolicyKind detect_kind(const Policy& policy) {
    bool any_principal = false, all_assume = true, any_kms = false, any_action = false;
    for (const Statement& st : policy.statements) any_principal = any_principal || st.principal.present;
    if (!any_principal) return PolicyKind::identity;  // the actions cannot change that
    for (const Statement& st : policy.statements) {
        for (const Value& a : st.actions) {
            any_action = true;
            const std::string_view action = a.text;
            if (!util::istarts_with(action, "sts:assumerole") && !util::istarts_with(action, "sts:tagsession") &&
                !util::istarts_with(action, "sts:setsourceidentity") && !util::istarts_with(action, "sts:setcontext"))
                all_assume = false;
            if (util::istarts_with(action, "kms:")) any_kms = true;
        }
    }
    if (any_action && all_assume) return PolicyKind::trust;
    if (any_kms) return PolicyKind::kms_key;
    return PolicyKind::resource;
}

}  // namespace ddbguard::policy
