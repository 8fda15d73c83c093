#include "analyze/statement_facts.hpp"

#include <algorithm>

#include "ddbguard/catalog.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

std::vector<std::string> covered_actions(const Statement& st, std::string_view service) {
    std::vector<std::string> all = catalog::actions_of(service);
    std::vector<std::string> out;
    for (const std::string& action : all) {
        if (covers_action(st, action)) out.push_back(action);
    }
    return out;
}

bool covers_action(const Statement& st, std::string_view action) {
    if (!st.has_action) return false;
    bool matched = false;
    for (const Value& pattern : st.actions) {
        // Actions are case-insensitive; '*' and '?' are wildcards (IAM User Guide, "Action").
        std::string p = util::to_lower(pattern.text), a = util::to_lower(action);
        // Iterative glob match.
        std::size_t pi = 0, ai = 0, star = std::string::npos, mark = 0;
        while (ai < a.size()) {
            if (pi < p.size() && (p[pi] == '?' || p[pi] == a[ai])) {
                ++pi;
                ++ai;
            } else if (pi < p.size() && p[pi] == '*') {
                star = pi++;
                mark = ai;
            } else if (star != std::string::npos) {
                pi = star + 1;
                ai = ++mark;
            } else {
                break;
            }
        }
        while (pi < p.size() && p[pi] == '*') ++pi;
        if (ai == a.size() && pi == p.size()) {
            matched = true;
            break;
        }
    }
    return st.not_action ? !matched : matched;
}

std::vector<const ConditionEntry*> conditions_on(const Statement& st, std::string_view key) {
    std::vector<const ConditionEntry*> out;
    for (const ConditionEntry& c : st.conditions)
        if (util::iequals(c.key, key)) out.push_back(&c);
    return out;
}

OperatorParts split_operator(std::string_view op) {
    OperatorParts parts;
    if (auto colon = op.find(':'); colon != std::string_view::npos) {
        parts.qualifier = op.substr(0, colon);
        op = op.substr(colon + 1);
    }
    constexpr std::string_view kIfExists = "IfExists";
    if (op.size() > kIfExists.size() && op.substr(op.size() - kIfExists.size()) == kIfExists) {
        parts.if_exists = true;
        op = op.substr(0, op.size() - kIfExists.size());
    }
    parts.base = op;
    return parts;
}

bool uses_variables(const Policy& policy) {
    for (const Statement& st : policy.statements) {
        for (const Value& r : st.resources)
            if (r.text.find("${") != std::string::npos) return true;
        for (const ConditionEntry& c : st.conditions)
            for (const Value& v : c.values)
                if (v.text.find("${") != std::string::npos) return true;
    }
    return false;
}

std::string describe(const Statement& st) {
    std::string out = "statement " + std::to_string(st.index + 1);
    if (st.sid && !st.sid->text.empty()) out += " (Sid \"" + st.sid->text + "\")";
    return out;
}

}  // namespace ddbguard::analyze
