// `ddbguard test FILE...`: run policy test files (YAML or JSON).
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ddbguard/policytest.hpp"
#include "ddbguard/report.hpp"

namespace ddbguard::cli {
namespace {

struct TestArgs {
    std::vector<std::string> files;
    std::string format = "text";
};

int run_test(const TestArgs& args) {
    std::vector<TestReport> reports;
    bool bad = false;
    for (const std::string& file : args.files) {
        TestReport report = run_test_file(file);
        if (!report.error.empty()) {
            for (const Finding& f : report.problems)
                std::cerr << f.path << ":" << f.location.line << ":" << f.location.column << ": error: " << f.message
                          << " [" << f.check_id << "]\n";
            std::cerr << "ddbguard test: " << report.error << "\n";
            bad = true;
        }
        reports.push_back(std::move(report));
    }
    if (bad) return 2;  // nothing is written for a run that could not be made
    if (args.format == "json") std::cout << write_test_json(reports);
    else if (args.format == "junit") std::cout << write_test_junit(reports);
    else std::cout << write_test_text(reports);
    for (const TestReport& r : reports)
        if (r.failures()) return 1;
    return 0;
}

}  // namespace

void add_test(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<TestArgs>();
    auto* cmd = app.add_subcommand("test", "run policy tests: cases with expected decisions, never and always assertions");
    cmd->add_option("FILE", args->files, "test files (YAML or JSON)")->required();
    cmd->add_option("--format", args->format, "output format")->check(CLI::IsMember({"text", "json", "junit"}));
    cmd->callback([args, &exit_code] { exit_code = run_test(*args); });
}

}  // namespace ddbguard::cli
