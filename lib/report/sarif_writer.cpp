// SARIF 2.1.0 (OASIS), the format GitHub code scanning reads.
#include <algorithm>

#include "ddbguard/version.hpp"
#include "report/json_helpers.hpp"

namespace ddbguard {

namespace {
const char* sarif_level(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::info: return "note";
    }
    return "error";
}
}  // namespace

std::string write_sarif(const std::vector<FileReport>& reports) {
    // Only the rules that results refer to, in registry order: the file stays small and
    // does not change when an unrelated check is added.
    std::vector<std::string_view> used;
    for (const FileReport& report : reports)
        for (const Finding& f : report.findings) used.push_back(f.check_id);
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const CheckDoc& doc : list_checks())
        if (std::find(used.begin(), used.end(), doc.id) != used.end()) rules.push_back({{"id", doc.id},
                         {"shortDescription", {{"text", doc.summary}}},
                         {"fullDescription", {{"text", std::string(doc.what) + " " + std::string(doc.why)}}},
                         {"help", {{"text", "Use instead: " + std::string(doc.instead)}}},
                         {"defaultConfiguration", {{"level", sarif_level(doc.severity)}}}});
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (const FileReport& report : reports) {
        for (const Finding& f : report.findings) {
            nlohmann::ordered_json region = {{"startLine", std::max<std::uint32_t>(1, f.location.line)},
                                             {"startColumn", std::max<std::uint32_t>(1, f.location.column)}};
            nlohmann::ordered_json r;
            r["ruleId"] = f.check_id;
            r["level"] = sarif_level(f.severity);
            std::string text = f.message;
            if (!f.fix.empty()) text += " Fix: " + f.fix;
            r["message"] = {{"text", text}};
            r["locations"] = nlohmann::ordered_json::array(
                {{{"physicalLocation", {{"artifactLocation", {{"uri", f.path}}}, {"region", region}}},
                  {"logicalLocations", nlohmann::ordered_json::array({{{"fullyQualifiedName", f.location.pointer.str()}}})}}});
            if (f.counterexample) {
                nlohmann::ordered_json c = request_json(f.counterexample->request);
                c["decision"] = decision_json(f.counterexample->decision);
                r["properties"] = {{"counterexample", c}};
            }
            results.push_back(r);
        }
    }
    nlohmann::ordered_json run;
    run["tool"] = {{"driver",
                    {{"name", "ddbguard"}, {"version", DDBGUARD_VERSION_STRING}, {"rules", rules}}}};
    run["columnKind"] = "unicodeCodePoints";
    run["results"] = results;
    std::size_t hidden = 0;
    nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
    for (const FileReport& report : reports) {
        hidden += report.hidden_info;
        if (report.skipped) skipped.push_back(report.path);
    }
    run["properties"] = {{"hiddenInfo", hidden}, {"skippedFiles", skipped}};
    nlohmann::ordered_json practices = nlohmann::ordered_json::array();
    for (const FileReport& report : reports)
        if (report.practices) practices.push_back(practices_json(*report.practices));
    if (!practices.empty()) run["properties"]["practices"] = practices;
    nlohmann::ordered_json out;
    out["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    out["version"] = "2.1.0";
    out["runs"] = nlohmann::ordered_json::array({run});
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace ddbguard
