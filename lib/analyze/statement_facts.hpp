#pragma once
// Facts about statements that many checks need, computed the same way everywhere.
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/policy.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

// The actions of `service` a statement's Action or NotAction covers (canonical
// "dynamodb:GetItem" spelling, catalog order). NotAction covers every action of the
// service that none of its patterns matches.
std::vector<std::string> covered_actions(const Statement& st, std::string_view service = "dynamodb");
// !covered_actions(st, service).empty(), without copying the list.
bool covers_any_action(const Statement& st, std::string_view service = "dynamodb");
// False when the action pattern cannot name an action of `service`: its first character
// already differs, or its service prefix is written out (no wildcard before the colon) and
// is another service's. Skips most entries of other services before any wildcard matching
// (the checks ask about DynamoDB actions of statements that list hundreds of others).
inline bool may_match_service(std::string_view pattern, std::string_view service) {
    if (pattern.empty() || service.empty()) return true;
    const char c = pattern.front();
    if (c == '*' || c == '?') return true;
    if ((c | 0x20) != (service.front() | 0x20)) return false;
    const std::size_t colon = pattern.find(':');
    if (colon == std::string_view::npos) return true;
    const std::string_view prefix = pattern.substr(0, colon);
    return util::has_wildcard(prefix) || util::iequals(prefix, service);
}
// False when no Action entry of the statement can name an action of `service` (the
// one-character test above on every entry); NotAction statements may always.
inline bool may_name_service(const Statement& st, std::string_view service) {
    if (st.not_action) return true;
    for (const Value& v : st.actions)
        if (may_match_service(v.text, service)) return true;
    return false;
}
// True when the statement's Action/NotAction covers `action` ("dynamodb:Scan", any case).
bool covers_action(const Statement& st, std::string_view action);
// The condition entries of a statement on `key` (case-insensitive), in source order.
std::vector<const ConditionEntry*> conditions_on(const Statement& st, std::string_view key);
// Splits "ForAllValues:StringEqualsIfExists" into qualifier ("ForAllValues", "ForAnyValue" or ""),
// base operator ("StringEquals") and the IfExists flag.
struct OperatorParts {
    std::string_view qualifier;
    std::string_view base;
    bool if_exists = false;
};
OperatorParts split_operator(std::string_view op);
// True when any value, Resource or NotResource entry of the policy contains "${".
bool uses_variables(const Policy& policy);
// "statement 2 (Sid \"ReadOwn\")" or "statement 2", 1-based, for messages.
std::string describe(const Statement& st);

}  // namespace ddbguard::analyze
