// Writers over DiffResult: text, JSON and SARIF. Nothing here decides anything.
#include <fmt/format.h>

#include <map>

#include "ddbguard/version.hpp"
#include "report/json_helpers.hpp"

namespace ddbguard {

namespace {

std::string context_lines(const Request& q, const std::string& indent) {
    std::string out;
    if (!q.principal.empty()) out += fmt::format("{}principal: {}\n", indent, q.principal);
    for (const ContextEntry& e : q.context) {
        std::string values;
        for (const std::string& v : e.values) values += (values.empty() ? "" : ", ") + v;
        out += fmt::format("{}{} = [{}]\n", indent, e.key, values);
    }
    return out;
}

std::string change_text(const AccessChange& c) {
    std::string out = fmt::format("{}:{}:{}: {}: {} [{}]\n", c.path, c.location.line, c.location.column,
                                  to_string(c.severity), c.message, access_id(c.kind, c.removed));
    for (const RelatedLocation& r : c.related)
        out += fmt::format("    {}:{}:{}: note: {}\n", r.path, r.location.line, r.location.column, r.message);
    const Request& q = c.witness.request;
    out += fmt::format("    witness: {} on {}\n", q.action, q.resource);
    out += context_lines(q, "      ");
    if (!c.witness.reaches.empty()) out += fmt::format("      reaches: {}\n", c.witness.reaches);
    out += "    NEW:\n" + decision_to_text(c.witness.new_decision, "      ");
    out += "    OLD:\n" + decision_to_text(c.witness.old_decision, "      ");
    if (!c.more.empty()) {
        out += fmt::format("    also {}:\n", c.removed ? "no longer allowed" : "newly allowed");
        for (const std::string& m : c.more) out += "      " + m + "\n";
    }
    return out;
}

nlohmann::ordered_json change_json(const AccessChange& c) {
    nlohmann::ordered_json j;
    j["id"] = access_id(c.kind, c.removed);
    j["kind"] = std::string(to_string(c.kind));
    j["severity"] = std::string(to_string(c.severity));
    j["message"] = c.message;
    j["path"] = c.path;
    j["line"] = c.location.line;
    j["column"] = c.location.column;
    j["pointer"] = c.location.pointer.str();
    nlohmann::ordered_json w = request_json(c.witness.request);
    w["reaches"] = c.witness.reaches;
    w["new_decision"] = decision_json(c.witness.new_decision);
    w["old_decision"] = decision_json(c.witness.old_decision);
    j["witness"] = w;
    j["more"] = c.more;
    nlohmann::ordered_json related = nlohmann::ordered_json::array();
    for (const RelatedLocation& r : c.related)
        related.push_back({{"path", r.path}, {"line", r.location.line}, {"column", r.location.column},
                           {"pointer", r.location.pointer.str()}, {"message", r.message}});
    j["related"] = related;
    return j;
}

struct Totals {
    std::size_t added = 0, removed = 0, requests = 0;
    std::map<AccessKind, std::size_t> kinds;
};

Totals totals(const DiffResult& result) {
    Totals t;
    for (const SetChange& s : result.sets) {
        t.added += s.added.size();
        t.removed += s.removed.size();
        t.requests += s.requests;
        for (const AccessChange& c : s.added) ++t.kinds[c.kind];
    }
    return t;
}

std::string set_name(const SetChange& s) { return s.new_label.empty() ? s.old_label : s.new_label; }

}  // namespace

std::string write_diff_text(const DiffResult& result) {
    std::string out;
    for (const SetChange& s : result.sets)
        for (const AccessChange& c : s.added) out += change_text(c);
    bool header = false;
    for (const SetChange& s : result.sets)
        for (const AccessChange& c : s.removed) {
            if (!header) out += "removed access (never fails the run):\n";
            header = true;
            out += change_text(c);
        }
    for (const SetChange& s : result.sets) {
        if (s.old_label.empty()) out += fmt::format("note: {} is new: everything it grants is new access\n", s.new_label);
        if (s.new_label.empty()) out += fmt::format("note: {} is gone in NEW: everything it granted is removed\n", s.old_label);
        for (const std::string& n : s.notes) out += "note: " + n + "\n";
        if (s.truncated)
            out += fmt::format("note: the search for {} stopped after {} requests: more new access may exist\n", set_name(s),
                               s.requests);
    }
    const Totals t = totals(result);
    std::string kinds;
    for (const auto& [kind, n] : t.kinds) kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", n, to_string(kind));
    out += "ddbguard diff: ";
    out += t.added ? fmt::format("{} new access ({})", t.added, kinds) : std::string("no new access found");
    out += fmt::format(", {} removed", t.removed);
    if (result.accepted) out += fmt::format(", {} accepted by --allow", result.accepted);
    out += fmt::format("; {} requests tried over {} policy set{} (a search, not a proof)\n", t.requests,
                       result.sets.size(), result.sets.size() == 1 ? "" : "s");
    return out;
}

std::string write_diff_json(const DiffResult& result) {
    nlohmann::ordered_json sets = nlohmann::ordered_json::array();
    for (const SetChange& s : result.sets) {
        nlohmann::ordered_json j;
        j["key"] = s.key;
        j["old"] = s.old_label.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.old_label);
        j["new"] = s.new_label.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.new_label);
        j["requests"] = s.requests;
        j["truncated"] = s.truncated;
        j["notes"] = s.notes;
        nlohmann::ordered_json added = nlohmann::ordered_json::array(), removed = nlohmann::ordered_json::array();
        for (const AccessChange& c : s.added) added.push_back(change_json(c));
        for (const AccessChange& c : s.removed) removed.push_back(change_json(c));
        j["new_access"] = added;
        j["removed_access"] = removed;
        sets.push_back(j);
    }
    const Totals t = totals(result);
    nlohmann::ordered_json kinds = nlohmann::ordered_json::object();
    for (const auto& [kind, n] : t.kinds) kinds[std::string(to_string(kind))] = n;
    nlohmann::ordered_json out;
    out["sets"] = sets;
    out["summary"] = {{"new", t.added}, {"removed", t.removed}, {"accepted", result.accepted},
                      {"kinds", kinds},  {"requests", t.requests}};
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string write_diff_sarif(const DiffResult& result) {
    static const std::map<AccessKind, std::string_view> kSummary = {
        {AccessKind::condition, "An Allow now accepts a request context (network, tags, TLS ...) the old version refused"},
        {AccessKind::action, "An action the old version did not allow on that resource"},
        {AccessKind::resource, "A resource the old version did not allow (table, index, stream, backup, other account or Region)"},
        {AccessKind::deny, "A Deny of the old version was removed or narrowed"},
        {AccessKind::columns, "Attributes outside the old version's allowed list are newly reachable"},
        {AccessKind::rows, "Other users' or other partitions' items are newly reachable"},
        {AccessKind::principal, "A principal or account the old version did not trust"},
    };
    const Totals t = totals(result);
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const auto& entry : t.kinds) {
        const AccessKind kind = entry.first;
        const bool error = kind == AccessKind::rows || kind == AccessKind::columns || kind == AccessKind::principal;
        rules.push_back({{"id", access_id(kind, false)},
                         {"shortDescription", {{"text", kSummary.at(kind)}}},
                         {"help", {{"text", "ddbguard diff found a request the new version allows and the old one "
                                            "denies; accept it with --allow if it is intended"}}},
                         {"defaultConfiguration", {{"level", error ? "error" : "warning"}}}});
    }
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (const SetChange& s : result.sets)
        for (const AccessChange& c : s.added) {
            nlohmann::ordered_json region = {{"startLine", std::max<std::uint32_t>(1, c.location.line)},
                                             {"startColumn", std::max<std::uint32_t>(1, c.location.column)}};
            nlohmann::ordered_json r;
            r["ruleId"] = access_id(c.kind, false);
            r["level"] = c.severity == Severity::error ? "error" : "warning";
            std::string text = c.message;
            if (!c.witness.reaches.empty()) text += "; reaches " + c.witness.reaches;
            r["message"] = {{"text", text}};
            r["locations"] = nlohmann::ordered_json::array(
                {{{"physicalLocation", {{"artifactLocation", {{"uri", c.path}}}, {"region", region}}},
                  {"logicalLocations", nlohmann::ordered_json::array({{{"fullyQualifiedName", c.location.pointer.str()}}})}}});
            nlohmann::ordered_json w = request_json(c.witness.request);
            w["new_decision"] = decision_json(c.witness.new_decision);
            w["old_decision"] = decision_json(c.witness.old_decision);
            r["properties"] = {{"witness", w}, {"more", c.more}};
            results.push_back(r);
        }
    nlohmann::ordered_json run;
    run["tool"] = {{"driver", {{"name", "ddbguard diff"}, {"version", DDBGUARD_VERSION_STRING}, {"rules", rules}}}};
    run["columnKind"] = "unicodeCodePoints";
    run["results"] = results;
    run["properties"] = {{"removedAccess", t.removed}, {"accepted", result.accepted}, {"requests", t.requests}};
    nlohmann::ordered_json out;
    out["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    out["version"] = "2.1.0";
    out["runs"] = nlohmann::ordered_json::array({run});
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace ddbguard
