// Writers over policy test reports: text, JSON and JUnit XML. Nothing here decides anything.
#include <fmt/format.h>

#include "report/json_helpers.hpp"

namespace ddbguard {

namespace {

std::string request_lines(const Request& q, const std::string& indent) {
    std::string out = fmt::format("{}request: {} on {}\n", indent, q.action, q.resource);
    if (!q.principal.empty()) out += fmt::format("{}  principal: {}\n", indent, q.principal);
    for (const ContextEntry& e : q.context) {
        std::string values;
        for (const std::string& v : e.values) values += (values.empty() ? "" : ", ") + v;
        out += fmt::format("{}  {} = [{}]\n", indent, e.key, values);
    }
    return out;
}

std::string failure_text(const TestResult& r, const std::string& indent) {
    std::string out;
    if (r.request) out += request_lines(*r.request, indent);
    if (!r.reaches.empty()) out += fmt::format("{}  reaches: {}\n", indent, r.reaches);
    if (r.decision) out += decision_to_text(*r.decision, indent);
    return out;
}

std::size_t passed(const TestReport& report) { return report.results.size() - report.failures(); }

// XML 1.0 text: markup characters escaped, characters XML cannot carry (control
// characters, invalid UTF-8) replaced, so that any message stays well-formed.
std::string xml(std::string_view s, bool attribute = true) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '&': out += "&amp;"; break;
                case '<': out += "&lt;"; break;
                case '>': out += "&gt;"; break;
                case '"': out += "&quot;"; break;
                case '\'': out += "&apos;"; break;
                case '\n': out += attribute ? "&#10;" : "\n"; break;
                case '\t': out += attribute ? "&#9;" : "\t"; break;
                case '\r': out += "&#13;"; break;
                default: out += c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c);
            }
            ++i;
            continue;
        }
        std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
        bool ok = n > 0 && i + n <= s.size();
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok) {
            out.append(s.substr(i, n));
            i += n;
        } else {
            out += '?';
            ++i;
        }
    }
    return out;
}

}  // namespace

std::string write_test_text(const std::vector<TestReport>& reports) {
    std::string out;
    std::size_t total_passed = 0, total_failed = 0;
    for (const TestReport& report : reports) {
        for (const TestResult& r : report.results) {
            if (r.passed) continue;
            out += fmt::format("{}:{}:{}: FAIL {} \"{}\": {}\n", report.path, r.location.line, r.location.column, r.kind,
                               r.name, r.message);
            out += failure_text(r, "    ");
        }
        out += fmt::format("{}: {} passed, {} failed\n", report.path, passed(report), report.failures());
        total_passed += passed(report);
        total_failed += report.failures();
    }
    if (reports.size() > 1) out += fmt::format("ddbguard test: {} passed, {} failed\n", total_passed, total_failed);
    return out;
}

std::string write_test_json(const std::vector<TestReport>& reports) {
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    std::size_t total_passed = 0, total_failed = 0;
    for (const TestReport& report : reports) {
        nlohmann::ordered_json results = nlohmann::ordered_json::array();
        for (const TestResult& r : report.results) {
            nlohmann::ordered_json j;
            j["kind"] = r.kind;
            j["name"] = r.name;
            j["line"] = r.location.line;
            j["column"] = r.location.column;
            j["passed"] = r.passed;
            j["message"] = r.message;
            j["request"] = r.request ? request_json(*r.request) : nlohmann::ordered_json(nullptr);
            j["decision"] = r.decision ? decision_json(*r.decision) : nlohmann::ordered_json(nullptr);
            j["reaches"] = r.reaches;
            j["requests"] = r.requests;
            results.push_back(j);
        }
        files.push_back({{"path", report.path}, {"passed", passed(report)}, {"failed", report.failures()},
                         {"results", results}});
        total_passed += passed(report);
        total_failed += report.failures();
    }
    nlohmann::ordered_json out;
    out["files"] = files;
    out["summary"] = {{"passed", total_passed}, {"failed", total_failed}};
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string write_test_junit(const std::vector<TestReport>& reports) {
    std::size_t tests = 0, failures = 0;
    for (const TestReport& report : reports) {
        tests += report.results.size();
        failures += report.failures();
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"ddbguard test\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", tests, failures);
    for (const TestReport& report : reports) {
        out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" time=\"0\">\n",
                           xml(report.path), report.results.size(), report.failures());
        for (const TestResult& r : report.results) {
            out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\" time=\"0\"",
                               xml(report.path), xml(r.kind + ": " + r.name), xml(report.path), r.location.line);
            if (r.passed) {
                out += "/>\n";
                continue;
            }
            out += fmt::format(">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n", xml(r.kind),
                               xml(r.message), xml(failure_text(r, ""), false));
        }
        out += "  </testsuite>\n";
    }
    out += "</testsuites>\n";
    return out;
}

}  // namespace ddbguard
