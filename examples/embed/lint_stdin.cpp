// Lints the policy given on standard input and prints the findings in the text
// format of `ddbguard lint`. Exit status: 1 when a finding is a warning or worse.
//   lint_stdin < policy.json
#include <ddbguard/ddbguard.hpp>

#include <iostream>
#include <iterator>
#include <string>

int main() {
    std::string policy((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());

    ddbguard::LintOptions options;  // a value: every check, default limits
    std::vector<ddbguard::FileReport> reports = ddbguard::lint_each({{"<stdin>", policy}}, options);

    std::cout << ddbguard::write_text(reports);
    bool fail = false;
    for (const ddbguard::FileReport& report : reports)
        for (const ddbguard::Finding& finding : report.findings)
            if (finding.severity >= ddbguard::Severity::warning) fail = true;
    std::cout << "ddbguard " << ddbguard::version() << ": " << (fail ? "findings at warning or above" : "ok")
              << "\n";
    return fail ? 1 : 0;
}
