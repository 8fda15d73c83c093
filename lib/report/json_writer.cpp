#include "report/json_helpers.hpp"

namespace ddbguard {

std::string write_json(const std::vector<FileReport>& reports) {
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    std::size_t counts[3] = {0, 0, 0}, hidden = 0, skipped = 0;
    for (const FileReport& report : reports) {
        hidden += report.hidden_info;
        if (report.skipped) {
            ++skipped;
            continue;
        }
        nlohmann::ordered_json findings = nlohmann::ordered_json::array();
        for (const Finding& f : report.findings) {
            ++counts[static_cast<int>(f.severity)];
            nlohmann::ordered_json j;
            j["id"] = f.check_id;
            j["severity"] = std::string(to_string(f.severity));
            j["message"] = f.message;
            j["line"] = f.location.line;
            j["column"] = f.location.column;
            j["pointer"] = f.location.pointer.str();
            if (f.counterexample) {
                nlohmann::ordered_json c = request_json(f.counterexample->request);
                c["reaches"] = f.counterexample->reaches;
                c["decision"] = decision_json(f.counterexample->decision);
                j["counterexample"] = c;
            } else {
                j["counterexample"] = nullptr;
            }
            j["fix"] = f.fix;
            if (!f.related.empty()) {
                nlohmann::ordered_json related = nlohmann::ordered_json::array();
                for (const RelatedLocation& r : f.related)
                    related.push_back({{"path", r.path}, {"line", r.location.line}, {"column", r.location.column},
                                       {"pointer", r.location.pointer.str()}, {"message", r.message}});
                j["related"] = related;
            }
            findings.push_back(j);
        }
        nlohmann::ordered_json file = {{"path", report.path}};
        if (report.format) file["format"] = std::string(to_string(*report.format));
        file["findings"] = findings;
        if (report.practices) file["practices"] = practices_json(*report.practices);
        files.push_back(file);
    }
    nlohmann::ordered_json out;
    out["files"] = files;
    out["summary"] = {{"error", counts[2]},       {"warning", counts[1]},   {"info", counts[0]},
                      {"hidden_info", hidden}, {"skipped_files", skipped}};
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace ddbguard
