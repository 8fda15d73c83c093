#include "analyze/statement_facts.hpp"

#include <algorithm>

#include "ddbguard/catalog.hpp"
#include "util/memo.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

namespace {
std::vector<std::string> compute_covered_actions(const Statement& st, std::string_view service) {
    std::vector<std::string> out;
    // Most entries name other services: keep only the patterns whose service part can
    // match `service`, then test the service's actions against those alone.
    std::vector<std::string_view> relevant;
    for (const Value& pattern : st.actions) {
        std::string_view text = pattern.text;
        auto colon = text.find(':');
        if (colon == std::string_view::npos || catalog::action_matches(text.substr(0, colon), service))
            relevant.push_back(text);
    }
    for (const std::string& action : catalog::actions_of(service)) {
        bool matched = false;
        for (std::string_view pattern : relevant)
            if (catalog::action_matches(pattern, action)) {
                matched = true;
                break;
            }
        if (matched != st.not_action) out.push_back(action);
    }
    return out;
}
// The answer of covered_actions, kept until a later call clears the cache (null: none).
const std::vector<std::string>* cached_covered_actions(const Statement& st, std::string_view service) {
    if (!st.has_action) return nullptr;
    // Most statements name only other services: nothing to look up (NotAction covers the rest).
    if (!may_name_service(st, service)) return nullptr;
    // Many checks ask the same question of the same statement, and templates repeat the same
    // Action lists across roles: remember the answers by service and Action text.
    thread_local util::Memo<std::vector<std::string>> answers;
    std::string key(service);
    key += st.not_action ? "\x1f" "N" : "\x1f" "A";
    for (const Value& v : st.actions) (key += '\x1f') += v.text;
    return &util::remembered(answers, key, [&] { return compute_covered_actions(st, service); });
}

}  // namespace

std::vector<std::string> covered_actions(const Statement& st, std::string_view service) {
    const std::vector<std::string>* answer = cached_covered_actions(st, service);
    return answer ? *answer : std::vector<std::string>();
}

bool covers_any_action(const Statement& st, std::string_view service) {
    const std::vector<std::string>* answer = cached_covered_actions(st, service);
    return answer && !answer->empty();
}

bool covers_action(const Statement& st, std::string_view action) {
    if (!st.has_action) return false;
    const std::string_view service = action.substr(0, action.find(':'));
    bool matched = false;
    for (const Value& pattern : st.actions) {
        if (!may_match_service(pattern.text, service)) continue;
        if (catalog::action_matches(pattern.text, action)) {
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
