// In-process lint throughput against a bare JSON parse of the same bytes, measured in one
// run: reads the given files (directories: every file below that `ddbguard lint` would read),
// then for ITERATIONS rounds (1) parses every file with nlohmann::json alone, (2) lints every
// file with lint_each (a folder's .tf files as one module), and prints the median time per
// pass of each, their ratio (only when every input is JSON; also of the fastest passes), and
// the process's peak memory.
// --scale K lints K copies of the inputs (for checking that cost grows linearly); --select ID
// runs only that check (--select invalid-json: reading alone).
// usage: ddbguard_lint_bench [--iterations N] [--jobs N] [--scale K] [--select ID]... PATH...
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ddbguard/analyze.hpp"

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
    return 1000.0 * std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peak_rss_kb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    int iterations = 20, scale = 1;
    ddbguard::LintOptions options;
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--iterations") && i + 1 < argc) iterations = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--jobs") && i + 1 < argc) options.jobs = static_cast<unsigned>(std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--scale") && i + 1 < argc) scale = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--select") && i + 1 < argc) options.select.emplace_back(argv[++i]);
        else if (fs::is_directory(argv[i])) {
            for (const auto& e : fs::recursive_directory_iterator(argv[i])) {
                const fs::path ext = e.path().extension();
                if (ext == ".json" || ext == ".yaml" || ext == ".yml" || ext == ".template" || ext == ".tf")
                    files.push_back(e.path());
            }
        } else files.emplace_back(argv[i]);
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: ddbguard_lint_bench [--iterations N] [--jobs N] [--scale K] [--select ID]... PATH...\n");
        return 2;
    }
    std::sort(files.begin(), files.end());

    const auto read_start = std::chrono::steady_clock::now();
    std::vector<std::pair<std::string, std::string>> inputs;
    for (int copy = 0; copy < scale; ++copy)
        for (const fs::path& p : files) {
            std::ifstream in(p, std::ios::binary);
            std::ostringstream s;
            s << in.rdbuf();
            inputs.emplace_back((copy ? std::to_string(copy) + "/" : std::string()) + p.string(), s.str());
        }
    const double read_ms = ms_since(read_start);
    std::size_t bytes = 0;
    for (const auto& in : inputs) bytes += in.second.size();

    // A bare parse: what any JSON-reading tool pays (nlohmann::json, the project's parser).
    // Parse and lint passes alternate, so that both see the same minutes of a machine whose
    // speed drifts; the ratio is of the medians (and of the fastest passes).
    const bool all_json = std::all_of(files.begin(), files.end(), [](const fs::path& p) { return p.extension() == ".json"; });
    std::size_t values = 0;
    auto parse_pass = [&] {
        for (const auto& in : inputs) values += nlohmann::json::parse(in.second, nullptr, false).size();
    };
    std::size_t findings = 0;
    for (const auto& r : ddbguard::lint_each(inputs, options)) findings += r.findings.size();  // warm-up
    if (all_json) parse_pass();                                                                // warm-up
    std::vector<double> parse_ms, lint_ms;
    for (int i = 0; i < iterations; ++i) {
        if (all_json) {
            const auto start = std::chrono::steady_clock::now();
            parse_pass();
            parse_ms.push_back(ms_since(start));
        }
        const auto start = std::chrono::steady_clock::now();
        (void)ddbguard::lint_each(inputs, options);
        lint_ms.push_back(ms_since(start));
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0.0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    };
    auto fastest = [](const std::vector<double>& v) { return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end()); };
    const double lint_median = median(lint_ms);

    std::printf("%zu files x%d (%.1f KB, %zu findings), %u job(s): read %.1f ms; ", files.size(), scale,
                bytes / 1024.0, findings, options.jobs, read_ms);
    if (all_json)
        std::printf("bare nlohmann parse %.2f ms per pass; lint %.2f ms per pass (%.1f us per file) = %.2fx the bare "
                    "parse%s (fastest passes %.2f / %.2f ms = %.2fx)",
                    median(parse_ms), lint_median, 1000.0 * lint_median / static_cast<double>(inputs.size()),
                    lint_median / median(parse_ms), options.jobs > 1 ? " (parse on one core)" : "", fastest(parse_ms),
                    fastest(lint_ms), fastest(lint_ms) / fastest(parse_ms));
    else
        std::printf("lint %.2f ms per pass (%.1f us per file)", lint_median,
                    1000.0 * lint_median / static_cast<double>(inputs.size()));
    std::printf("; peak memory %.1f MB\n", peak_rss_kb() / 1024.0);
    return all_json && values == 0 ? 1 : 0;
}
