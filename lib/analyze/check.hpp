#pragma once
// The internal interface every check implements. One check per file under
// lib/analyze/checks/, listed once in checks.def.
#include <memory>
#include <string>
#include <vector>

#include "ddbguard/analyze.hpp"
#include "ddbguard/policy.hpp"
#include "ddbguard/stack.hpp"

namespace ddbguard::analyze {

namespace isolation {
class Analysis;
}

// What a check sees: the policy set being judged together (one file, a bundle, or one
// principal of a template with everything attached to it), and the stack it comes from.
class Context {
public:
    Context(const std::vector<const Policy*>& policies, const LintOptions& options, const Stack* stack = nullptr,
            const StackPrincipal* principal = nullptr);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    const std::vector<const Policy*>& policies() const { return policies_; }
    const LintOptions& options() const { return options_; }
    // The source the set was read from (a loose file is a stack of one document).
    const Stack* stack() const { return stack_; }
    // The principal whose policies the set is (a role of a template, a --bundle), or nullptr.
    const StackPrincipal* principal() const { return principal_; }
    // The stack document `policy` is, or nullptr.
    const StackDocument* document(const Policy& policy) const;
    // The isolation analysis of the set, built on first use and shared by every check.
    const isolation::Analysis& analysis() const;

    // Report a finding located in `policy`. Severity defaults to the check's own.
    void report(const CheckDoc& check, const Policy& policy, const Location& where, std::string message,
                std::string fix = {});
    void report(Finding finding) { findings_.push_back(std::move(finding)); }

    std::vector<Finding>& findings() { return findings_; }

private:
    const std::vector<const Policy*>& policies_;
    const LintOptions& options_;
    const Stack* stack_;
    const StackPrincipal* principal_;
    std::vector<Finding> findings_;
    mutable std::unique_ptr<isolation::Analysis> analysis_;
};

class Check {
public:
    virtual ~Check() = default;
    virtual const CheckDoc& doc() const = 0;
    virtual void run(Context& context) const = 0;
    // A check of the stack as a whole (tables, trails, identity pools, ...): run once per
    // stack with an empty policy set, not once per principal or document.
    virtual bool stack_scope() const { return false; }
};

// All checks in registry order (built once).
const std::vector<const Check*>& all_checks();
// True for the checks that judge how a document is written (grammar, catalog, size: the
// sections of checks.def before DDBGUARD_GRANTS_SECTION()); they leave AWS's own documents
// (StackDocument::managed_policy) alone, since only what those grant is the user's concern.
bool judges_writing(const Check& check);

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
