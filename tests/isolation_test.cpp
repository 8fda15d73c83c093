// The isolation analyzer: every counterexample it prints is a request the evaluator
// really allows, and the AWS documentation's own row- and column-level examples
// (policies/aws-examples/good-*.json) stay free of warnings and errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ddbguard/analyze.hpp"
#include "ddbguard/evaluate.hpp"
#include "ddbguard/policy.hpp"
#include "fixture_util.hpp"

namespace fs = std::filesystem;

using fixture::slurp;

TEST_CASE("every counterexample is allowed by the evaluator", "[isolation]") {
    std::size_t proofs = 0;
    for (const fs::path& fixture : fixture::named("bad-")) {
        const auto inputs = fixture::inputs(fixture);
        const bool bundle = fs::is_directory(fixture);
        const auto reports = bundle ? ddbguard::lint_bundle(inputs) : ddbguard::lint_each(inputs);
        std::vector<ddbguard::ParseResult> parsed;
        for (const auto& [path, bytes] : inputs) parsed.push_back(ddbguard::parse_policy(bytes, path));
        std::vector<const ddbguard::Policy*> set;
        for (const auto& p : parsed)
            if (p.usable) set.push_back(&p.policy);
        for (const auto& report : reports) {
            // Templates: tests/templates_test.cpp checks their proofs against their principals.
            if (report.format && *report.format != ddbguard::SourceFormat::policy) continue;
            for (const auto& f : report.findings) {
                if (!f.counterexample) continue;
                // A bundle is judged as one set; a single file on its own.
                std::vector<const ddbguard::Policy*> judged = set;
                if (!bundle) {
                    judged.clear();
                    for (const auto& p : parsed)
                        if (p.usable && p.policy.path == f.path) judged.push_back(&p.policy);
                }
                const ddbguard::Evaluator evaluator(judged);
                const ddbguard::Decision d = evaluator.evaluate(f.counterexample->request);
                INFO(fixture.string() << ": " << f.check_id << ": " << f.message);
                CHECK(d.outcome == ddbguard::Outcome::allow);
                CHECK(f.counterexample->decision.outcome == ddbguard::Outcome::allow);
                CHECK(!f.counterexample->reaches.empty());
                // A leak that depends on a reading AWS does not document is only a warning.
                CHECK((f.severity == ddbguard::Severity::error ||
                       (f.severity == ddbguard::Severity::warning &&
                        f.message.find("a case AWS does not document") != std::string::npos)));
                ++proofs;
            }
        }
    }
    CHECK(proofs >= 15);
}

// One warning is ruled in (issue 12): PutItem in a column-scoped statement replaces the
// caller's own whole item, dropping the attributes the caller may not see, as AWS's own
// GameScores example allows.
TEST_CASE("the AWS documentation examples stay free of warnings and errors", "[isolation]") {
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(fs::path(DDBGUARD_SOURCE_DIR) / "policies" / "aws-examples")) {
        const std::string name = e.path().filename().string();
        if (name.rfind("good-", 0) != 0 || e.path().extension() != ".json") continue;
        ++files;
        for (const auto& report : ddbguard::lint_each({{name, slurp(e.path())}}))
            for (const auto& f : report.findings) {
                INFO(name << ":" << f.location.line << ":" << f.location.column << " " << f.check_id << ": "
                          << f.message);
                CHECK((f.severity == ddbguard::Severity::info ||
                       (f.severity == ddbguard::Severity::warning && f.check_id == "whole-item-write-column-scoped")));
            }
    }
    CHECK(files >= 8);
}

TEST_CASE("one semantic finding per mistake, with the pattern explanation", "[isolation]") {
    // scan-with-row-filter explains the Scan leak: row-isolation-leak must not repeat it.
    const std::string policy = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Action": ["dynamodb:GetItem", "dynamodb:Scan"],
      "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/T",
      "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:username}"]}}}]})";
    const auto reports = ddbguard::lint_each({{"p.json", policy}});
    std::size_t scan = 0, semantic = 0;
    for (const auto& f : reports.front().findings) {
        if (f.check_id == "scan-with-row-filter") ++scan;
        if (f.check_id == "row-isolation-leak") ++semantic;
    }
    CHECK(scan == 1);
    CHECK(semantic == 0);
}
