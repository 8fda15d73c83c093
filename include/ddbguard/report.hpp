#pragma once
// Writers over findings. None of them decides anything about a finding.
#include <string>
#include <vector>

#include "ddbguard/analyze.hpp"
#include "ddbguard/diff.hpp"
#include "ddbguard/policytest.hpp"

namespace ddbguard {

// "path:line:col: severity: message [check-id]" then indented counterexample and fix,
// and the summary line last.
std::string write_text(const std::vector<FileReport>& reports);
// The practice table of one stack (`lint --summary practices`).
std::string practices_text(const PracticeSummary& summary);
// "3 files linted: 1 error, 0 warnings, 0 info (2 more info hidden: ...); 1 file skipped (...)"
std::string summary_line(const std::vector<FileReport>& reports);
// {"files":[...],"summary":{...}} as in the CLI contract.
std::string write_json(const std::vector<FileReport>& reports);
// SARIF 2.1.0.
std::string write_sarif(const std::vector<FileReport>& reports);

// `ddbguard diff`: new access (then removed access, apart) with witnesses and both
// decisions, a summary line; JSON {"sets": [...], "summary": {...}}; SARIF with the new
// access located in NEW (removed access never becomes a result).
std::string write_diff_text(const DiffResult& result);
std::string write_diff_json(const DiffResult& result);
std::string write_diff_sarif(const DiffResult& result);

// `ddbguard test`: failures with their requests and decisions and a summary line; JSON;
// JUnit XML (one testsuite per test file, one testcase per case or assertion).
std::string write_test_text(const std::vector<TestReport>& reports);
std::string write_test_json(const std::vector<TestReport>& reports);
std::string write_test_junit(const std::vector<TestReport>& reports);

// Request and decision as JSON / indented text (used by writers and `simulate`).
std::string request_to_json(const Request& request);
std::string decision_to_json(const Decision& decision);
std::string decision_to_text(const Decision& decision, const std::string& indent = "");

}  // namespace ddbguard
