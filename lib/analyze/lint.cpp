// Parse, run every selected check, filter, sort. Checks see the policy set that
// is judged together: one file, or all files of a bundle.
#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "analyze/check.hpp"
#include "ddbguard/version.hpp"
#include "ddbguard/ddbguard.hpp"

namespace ddbguard {

std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "error";
}

std::optional<Severity> severity_from_string(std::string_view s) {
    for (Severity v : {Severity::info, Severity::warning, Severity::error})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

namespace analyze {

void Context::report(const CheckDoc& check, const Policy& policy, const Location& where, std::string message,
                     std::string fix) {
    Finding f;
    f.check_id = std::string(check.id);
    f.severity = check.severity;
    f.message = std::move(message);
    f.fix = std::move(fix);
    f.path = policy.path;
    f.location = where;
    findings_.push_back(std::move(f));
}

namespace {

bool selected(std::string_view id, const LintOptions& options) {
    auto in = [&](const std::vector<std::string>& list) {
        return std::find(list.begin(), list.end(), id) != list.end();
    };
    if (!options.select.empty() && !in(options.select)) return false;
    return !in(options.ignore);
}

void run_checks(const std::vector<const Policy*>& set, const LintOptions& options, std::vector<Finding>& out) {
    if (set.empty()) return;
    Context context(set, options);
    for (const Check* check : all_checks()) {
        if (!selected(check->doc().id, options)) continue;
        try {
            check->run(context);
        } catch (const std::exception& ex) {
            // A check must never take the run down; say which one failed instead of passing silently.
            Finding f;
            f.check_id = "internal-error";
            f.severity = Severity::error;
            f.message = "check " + std::string(check->doc().id) + " failed: " + ex.what() +
                        "; this policy was not fully analyzed (please report it)";
            f.path = set.front()->path;
            f.location = {1, 1, ""};
            context.report(std::move(f));
        }
    }
    for (Finding& f : context.findings()) out.push_back(std::move(f));
}

bool path_matches(std::string_view pattern, std::string_view path) {
    if (pattern == path) return true;
    return path.size() > pattern.size() && path.substr(path.size() - pattern.size()) == pattern &&
           path[path.size() - pattern.size() - 1] == '/';
}

bool suppressed(const Finding& f, const LintOptions& options) {
    for (const Suppression& s : options.suppressions)
        if (s.check_id == f.check_id && path_matches(s.path, f.path) &&
            (s.pointer.empty() || s.pointer == f.location.pointer))
            return true;
    return false;
}

void finish(FileReport& r) {
    std::stable_sort(r.findings.begin(), r.findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.location.line, a.location.column, a.check_id) <
               std::tie(b.location.line, b.location.column, b.check_id);
    });
    auto same = [](const Finding& a, const Finding& b) {
        return a.check_id == b.check_id && a.location.line == b.location.line &&
               a.location.column == b.location.column && a.message == b.message;
    };
    r.findings.erase(std::unique(r.findings.begin(), r.findings.end(), same), r.findings.end());
}

// Parses and checks `inputs` as one policy set, appending to `reports` (same order as inputs).
void lint_set(const std::vector<std::pair<std::string, std::string>>& inputs, std::size_t first, std::size_t count,
              const LintOptions& options, std::vector<FileReport>& reports) {
    std::vector<ParseResult> parsed;
    parsed.reserve(count);
    for (std::size_t i = first; i < first + count; ++i)
        parsed.push_back(parse_policy(inputs[i].second, inputs[i].first, options.limits, options.kind));
    std::vector<Finding> findings;
    for (ParseResult& r : parsed)
        for (Finding& f : r.diagnostics) findings.push_back(std::move(f));
    std::vector<const Policy*> set;
    for (const ParseResult& r : parsed)
        if (r.usable) set.push_back(&r.policy);
    run_checks(set, options, findings);
    for (Finding& f : findings) {
        if (!selected(f.check_id, options) && f.check_id != "internal-error") continue;
        if (suppressed(f, options)) continue;
        auto begin = reports.begin() + static_cast<std::ptrdiff_t>(first);
        auto end = begin + static_cast<std::ptrdiff_t>(count);
        auto it = std::find_if(begin, end, [&](const FileReport& r) { return r.path == f.path; });
        if (it == end) it = begin;
        it->findings.push_back(std::move(f));
    }
}

std::vector<FileReport> lint(const std::vector<std::pair<std::string, std::string>>& inputs,
                             const LintOptions& options, bool bundle) {
    std::vector<FileReport> reports(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) reports[i].path = inputs[i].first;
    if (bundle) {
        lint_set(inputs, 0, inputs.size(), options, reports);
    } else {
        // Each worker takes the next file; every file writes only its own report, so the
        // output is the same for any number of jobs.
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            for (std::size_t i = next++; i < inputs.size(); i = next++) lint_set(inputs, i, 1, options, reports);
        };
        unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(inputs.size())));
        std::vector<std::thread> workers;
        for (unsigned j = 1; j < jobs; ++j) workers.emplace_back(work);
        work();
        for (std::thread& t : workers) t.join();
    }
    for (FileReport& r : reports) finish(r);
    return reports;
}

}  // namespace
}  // namespace analyze

std::vector<FileReport> lint_each(const std::vector<std::pair<std::string, std::string>>& inputs,
                                  const LintOptions& options) {
    return analyze::lint(inputs, options, false);
}

std::vector<FileReport> lint_bundle(const std::vector<std::pair<std::string, std::string>>& inputs,
                                    const LintOptions& options) {
    return analyze::lint(inputs, options, true);
}

const char* version() { return DDBGUARD_VERSION_STRING; }

}  // namespace ddbguard
