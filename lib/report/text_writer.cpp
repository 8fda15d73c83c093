#include <fmt/format.h>

#include "ddbguard/report.hpp"

namespace ddbguard {

namespace {
std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}
}  // namespace

std::string practices_text(const PracticeSummary& summary) {
    std::string out = fmt::format("DynamoDB security practices of {}: {} met, {} not met, {} not visible in these files\n",
                                  summary.stack, summary.count(PracticeStatus::met),
                                  summary.count(PracticeStatus::not_met), summary.count(PracticeStatus::not_visible));
    for (const PracticeResult& p : summary.practices) {
        out += fmt::format("  {:<10} {:<12} {:<50} {}\n", p.detective ? "detective" : "preventive", to_string(p.status),
                           p.title, p.why);
        for (const std::string& f : p.findings) out += fmt::format("  {:<10} {:<12} {:<50} - {}\n", "", "", "", f);
    }
    return out;
}

std::string summary_line(const std::vector<FileReport>& reports) {
    std::size_t counts[3] = {0, 0, 0}, hidden = 0, skipped = 0, linted = 0;
    for (const FileReport& r : reports) {
        if (r.skipped) {
            ++skipped;
            continue;
        }
        ++linted;
        hidden += r.hidden_info;
        for (const Finding& f : r.findings) ++counts[static_cast<int>(f.severity)];
    }
    std::string out = fmt::format("{} linted: {}, {}, {} info", plural(linted, "file", "files"),
                                  plural(counts[2], "error", "errors"), plural(counts[1], "warning", "warnings"),
                                  counts[0]);
    if (hidden) out += fmt::format(" ({} more info hidden: --show-info shows them)", hidden);
    if (skipped)
        out += fmt::format("; {} skipped (neither policies nor templates)", plural(skipped, "file", "files"));
    return out;
}

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
    for (const FileReport& report : reports)
        if (report.practices) out += practices_text(*report.practices);
    return out + summary_line(reports) + "\n";
}

}  // namespace ddbguard
