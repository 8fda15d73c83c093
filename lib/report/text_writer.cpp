#include <fmt/format.h>

#include "ddbguard/report.hpp"

namespace ddbguard {

std::string write_text(const std::vector<FileReport>& reports) {
    std::string out;
    for (const FileReport& report : reports) {
        for (const Finding& f : report.findings) {
            out += fmt::format("{}:{}:{}: {}: {} [{}]\n", f.path, f.location.line, f.location.column,
                               to_string(f.severity), f.message, f.check_id);
            for (const RelatedLocation& r : f.related)
                out += fmt::format("    {}:{}:{}: note: {}\n", r.path, r.location.line, r.location.column, r.message);
            if (f.counterexample) {
                const Request& q = f.counterexample->request;
                out += fmt::format("    counterexample: {} on {}\n", q.action, q.resource);
                for (const ContextEntry& e : q.context) {
                    std::string values;
                    for (const std::string& v : e.values) values += (values.empty() ? "" : ", ") + v;
                    out += fmt::format("      {} = [{}]\n", e.key, values);
                }
                if (!f.counterexample->reaches.empty())
                    out += fmt::format("      reaches: {}\n", f.counterexample->reaches);
                out += decision_to_text(f.counterexample->decision, "    ");
            }
            if (!f.fix.empty()) out += fmt::format("    fix: {}\n", f.fix);
        }
    }
    return out;
}

}  // namespace ddbguard
