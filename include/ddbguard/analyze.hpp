#pragma once
// Linting: parse + every registered check over one policy or a bundle.
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/finding.hpp"
#include "ddbguard/policy.hpp"

namespace ddbguard {

struct CheckDoc {
    std::string_view id;        // kebab-case, stable
    Severity severity;          // default severity
    std::string_view summary;   // one line
    std::string_view what;      // What it does
    std::string_view why;       // Why is this bad?
    std::string_view example;   // Example (a policy snippet)
    std::string_view instead;   // Use instead
};

// Every check, in registry order.
const std::vector<CheckDoc>& list_checks();
const CheckDoc* find_check(std::string_view id);

// Silences one finding: check id + file + (optionally) the JSON pointer of the value.
// `path` matches the finding's path exactly or as a trailing path ("admin.json" matches
// "roles/admin.json"); an empty pointer silences the check in the whole file.
struct Suppression {
    std::string check_id;
    std::string path;
    std::string pointer;
    std::string reason;
};

struct LintOptions {
    std::vector<std::string> select;  // empty: all checks
    std::vector<std::string> ignore;
    std::vector<Suppression> suppressions;
    ParseLimits limits;
    std::optional<PolicyKind> kind;   // override content detection
    unsigned jobs = 1;                // files linted in parallel by lint_each; output does not depend on it
};

// Reads a configuration file's JSON text into `options` (keys: "select", "ignore",
// "fail-on", "suppress": [{"id", "path", "pointer", "reason"}]). Returns an empty
// string on success, else the problem with its line and column. `fail_on` receives
// the "fail-on" value when present.
std::string read_config(std::string_view json, LintOptions& options, std::string& fail_on);

struct FileReport {
    std::string path;
    std::vector<Finding> findings;  // sorted by line, column, check id
};

// Lints each input separately. `inputs` are (path, bytes) pairs.
std::vector<FileReport> lint_each(const std::vector<std::pair<std::string, std::string>>& inputs,
                                  const LintOptions& options = {});
// Lints the inputs as one principal's policy set (Allows are a union); findings
// still carry the file they point at. Returns one report per input, same order.
std::vector<FileReport> lint_bundle(const std::vector<std::pair<std::string, std::string>>& inputs,
                                    const LintOptions& options = {});

// Unknown ids in select/ignore/suppressions: returns the offending ids.
std::vector<std::string> unknown_check_ids(const LintOptions& options);

}  // namespace ddbguard
