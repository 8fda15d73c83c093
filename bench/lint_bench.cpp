// In-process lint throughput: reads the given files (directories: every *.json below),
// lints them all ITERATIONS times with lint_each, and prints the time per pass and per
// file. usage: ddbguard_lint_bench [--iterations N] [--jobs N] PATH...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ddbguard/analyze.hpp"

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    int iterations = 20;
    ddbguard::LintOptions options;
    std::vector<std::pair<std::string, std::string>> inputs;
    auto add = [&](const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        inputs.emplace_back(p.string(), s.str());
    };
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--iterations") && i + 1 < argc) iterations = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--jobs") && i + 1 < argc) options.jobs = static_cast<unsigned>(std::atoi(argv[++i]));
        else if (fs::is_directory(argv[i])) {
            for (const auto& e : fs::recursive_directory_iterator(argv[i]))
                if (e.path().extension() == ".json") add(e.path());
        } else add(argv[i]);
    }
    if (inputs.empty()) {
        std::fprintf(stderr, "usage: ddbguard_lint_bench [--iterations N] [--jobs N] PATH...\n");
        return 2;
    }
    std::size_t bytes = 0, findings = 0;
    for (const auto& in : inputs) bytes += in.second.size();
    for (const auto& r : ddbguard::lint_each(inputs, options)) findings += r.findings.size();  // warm-up
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < iterations; ++i) (void)ddbguard::lint_each(inputs, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double pass_ms = 1000.0 * seconds / iterations;
    std::printf("%zu files (%.1f KB, %zu findings), %u job(s): %.2f ms per pass, %.1f us per file\n", inputs.size(),
                bytes / 1024.0, findings, options.jobs, pass_ms, 1000.0 * pass_ms / static_cast<double>(inputs.size()));
    return 0;
}
