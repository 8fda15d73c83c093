// Requests and decisions as JSON and text, shared by the finding writers and `simulate`.
#include <nlohmann/json.hpp>

#include "report/json_helpers.hpp"

namespace ddbguard {

nlohmann::ordered_json request_json(const Request& request) {
    nlohmann::ordered_json j;
    j["action"] = request.action;
    j["resource"] = request.resource;
    if (!request.principal.empty()) j["principal"] = request.principal;
    nlohmann::ordered_json context = nlohmann::ordered_json::object();
    for (const ContextEntry& e : request.context) {
        if (e.values.size() == 1) context[e.key] = e.values.front();
        else context[e.key] = e.values;
    }
    j["context"] = context;
    return j;
}

nlohmann::ordered_json decision_json(const Decision& decision) {
    nlohmann::ordered_json j;
    j["decision"] = std::string(to_string(decision.outcome));
    nlohmann::ordered_json matched = nlohmann::ordered_json::array();
    for (const StatementTrace& st : decision.matched) {
        nlohmann::ordered_json m;
        m["file"] = st.path;
        m["statement"] = st.statement;
        if (!st.sid.empty()) m["sid"] = st.sid;
        m["line"] = st.location.line;
        nlohmann::ordered_json conditions = nlohmann::ordered_json::array();
        for (const ConditionTrace& c : st.conditions)
            conditions.push_back({{"operator", c.op}, {"key", c.key}, {"line", c.location.line},
                                  {"column", c.location.column}, {"held", c.held}, {"why", c.why}});
        m["conditions"] = conditions;
        matched.push_back(m);
    }
    j["matched"] = matched;
    j["explanation"] = decision.explanation;
    return j;
}

std::string request_to_json(const Request& request) { return request_json(request).dump(); }
std::string decision_to_json(const Decision& decision) { return decision_json(decision).dump(); }

std::string decision_to_text(const Decision& decision, const std::string& indent) {
    std::string out = indent + "decision: " + std::string(to_string(decision.outcome)) + "\n";
    for (const std::string& line : decision.explanation) out += indent + "  " + line + "\n";
    return out;
}

nlohmann::ordered_json practices_json(const PracticeSummary& summary) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const PracticeResult& p : summary.practices)
        list.push_back({{"id", p.id},
                        {"title", p.title},
                        {"kind", p.detective ? "detective" : "preventive"},
                        {"status", p.status == PracticeStatus::met ? "met" : p.status == PracticeStatus::not_met ? "not_met" : "not_visible"},
                        {"why", p.why},
                        {"findings", p.findings}});
    return {{"stack", summary.stack},
            {"met", summary.count(PracticeStatus::met)},
            {"not_met", summary.count(PracticeStatus::not_met)},
            {"not_visible", summary.count(PracticeStatus::not_visible)},
            {"practices", list}};
}

}  // namespace ddbguard
