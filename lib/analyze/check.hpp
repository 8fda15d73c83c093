#pragma once
// The internal interface every check implements. One check per file under
// lib/analyze/checks/, listed once in checks.def.
#include <string>
#include <vector>

#include "ddbguard/analyze.hpp"
#include "ddbguard/policy.hpp"

namespace ddbguard::analyze {

// What a check sees: the policy set being judged together (one file, or a bundle).
class Context {
public:
    Context(const std::vector<const Policy*>& policies, const LintOptions& options)
        : policies_(policies), options_(options) {}

    const std::vector<const Policy*>& policies() const { return policies_; }
    const LintOptions& options() const { return options_; }

    // Report a finding located in `policy`. Severity defaults to the check's own.
    void report(const CheckDoc& check, const Policy& policy, const Location& where, std::string message,
                std::string fix = {});
    void report(Finding finding) { findings_.push_back(std::move(finding)); }

    std::vector<Finding>& findings() { return findings_; }

private:
    const std::vector<const Policy*>& policies_;
    const LintOptions& options_;
    std::vector<Finding> findings_;
};

class Check {
public:
    virtual ~Check() = default;
    virtual const CheckDoc& doc() const = 0;
    virtual void run(Context& context) const = 0;
};

// All checks in registry order (built once).
const std::vector<const Check*>& all_checks();

}  // namespace ddbguard::analyze

namespace ddbguard::analyze {

// A check whose findings come from the parser (invalid-json, duplicate-key, ...):
// it is registered for its doc, `explain`, --select and --ignore, and runs nothing.
class ParserDiagnostic final : public Check {
public:
    explicit ParserDiagnostic(CheckDoc doc) : doc_(doc) {}
    const CheckDoc& doc() const override { return doc_; }
    void run(Context&) const override {}

private:
    CheckDoc doc_;
};

}  // namespace ddbguard::analyze
