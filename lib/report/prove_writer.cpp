// `ddbguard prove` output: text and JSON over ProofResults; decides nothing.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "ddbguard/prove.hpp"
#include "report/json_helpers.hpp"

namespace ddbguard {

namespace {
struct Counts {
    std::size_t proven = 0, refuted = 0, unknown = 0;
};
Counts count(const std::vector<ProveReport>& reports) {
    Counts c;
    for (const ProveReport& r : reports)
        for (const ProofResult& p : r.results)
            (p.status == ProofStatus::proven ? c.proven : p.status == ProofStatus::refuted ? c.refuted : c.unknown)++;
    return c;
}
}  // namespace

std::string prove_summary_line(const std::vector<ProveReport>& reports) {
    const Counts c = count(reports);
    const std::size_t n = c.proven + c.refuted + c.unknown;
    return fmt::format("{} propert{} in {} file{}: {} proven, {} refuted, {} unknown", n, n == 1 ? "y" : "ies",
                       reports.size(), reports.size() == 1 ? "" : "s", c.proven, c.refuted, c.unknown);
}

std::string write_prove_text(const std::vector<ProveReport>& reports) {
    std::string out;
    for (const ProveReport& report : reports) {
        if (report.results.empty() && !report.note.empty()) out += fmt::format("{}: {}\n", report.path, report.note);
        for (const ProofResult& r : report.results) {
            out += fmt::format("{}: {}: {} {}: {}\n", report.path, to_string(r.status), r.property, r.resource,
                               r.intent);
            out += fmt::format("    {}\n", r.explanation);
            if (!r.counterexample) continue;
            const Request& q = r.counterexample->request;
            out += fmt::format("    counterexample: {} on {}\n", q.action, q.resource);
            for (const ContextEntry& e : q.context) {
                std::string values;
                for (const std::string& v : e.values) values += (values.empty() ? "" : ", ") + v;
                out += fmt::format("      {} = [{}]\n", e.key, values);
            }
            if (!r.counterexample->reaches.empty()) out += fmt::format("      reaches: {}\n", r.counterexample->reaches);
            out += decision_to_text(r.counterexample->decision, "    ");
        }
    }
    return out + prove_summary_line(reports) + "\n";
}

std::string write_prove_json(const std::vector<ProveReport>& reports) {
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const ProveReport& report : reports) {
        nlohmann::ordered_json results = nlohmann::ordered_json::array();
        for (const ProofResult& r : report.results) {
            nlohmann::ordered_json j;
            j["property"] = r.property;
            j["resource"] = r.resource;
            j["intent"] = r.intent;
            j["status"] = std::string(to_string(r.status));
            if (r.counterexample) {
                nlohmann::ordered_json c = request_json(r.counterexample->request);
                c["reaches"] = r.counterexample->reaches;
                c["decision"] = decision_json(r.counterexample->decision);
                j["counterexample"] = c;
            } else {
                j["counterexample"] = nullptr;
            }
            j["explanation"] = r.explanation;
            results.push_back(std::move(j));
        }
        nlohmann::ordered_json f;
        f["path"] = report.path;
        f["results"] = std::move(results);
        if (!report.note.empty()) f["note"] = report.note;
        files.push_back(std::move(f));
    }
    const Counts c = count(reports);
    nlohmann::ordered_json out;
    out["files"] = std::move(files);
    out["summary"] = {{"proven", c.proven}, {"refuted", c.refuted}, {"unknown", c.unknown}};
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace ddbguard
