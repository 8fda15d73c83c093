#pragma once
// Linting: parse + every registered check over one policy or a bundle.
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/finding.hpp"
#include "ddbguard/policy.hpp"
#include "ddbguard/practices.hpp"
#include "ddbguard/stack.hpp"

namespace ddbguard {

struct CheckDoc {
    std::string_view id;        // kebab-case, stable
    Severity severity;          // default severity
    std::string_view summary;   // one line
    std::string_view what;      // What it does
    std::string_view why;       // Why is this bad?
    std::string_view example;   // Example (a policy snippet)
    std::string_view instead;   // Use instead
    std::string_view severity_why;  // "Severity: error: ..." the decision and its reason
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
    // The inputs' format; nullopt: detected from content (and the file name).
    std::optional<SourceFormat> format;
    SourceValues values;              // what deploy time would know: --region, --account, --parameter, --var
    // Info findings (hardening suggestions) are returned when true, or when their check is
    // in `select`; otherwise they are counted in FileReport::hidden_info. The CLI asks for
    // them with --show-info; the library returns everything by default.
    bool show_info = true;
    // Tags every table must carry (the tagging practice; "required-tags" in the config).
    std::vector<std::string> required_tags{"Security", "Environment"};
    // The linted files are the whole stack: what they do not show (a trail, AWS Config) is
    // missing, not merely elsewhere ("stack-complete" in the config).
    bool stack_complete = false;
    // Fill FileReport::practices, the twelve DynamoDB security practices per stack
    // (`lint --summary practices`).
    bool practices = false;
};

// Reads a configuration file's JSON text into `options` (keys: "select", "ignore",
// "fail-on", "suppress": [{"id", "path", "pointer", "reason"}]). Returns an empty
// string on success, else the problem with its line and column. `fail_on` receives
// the "fail-on" value when present.
std::string read_config(std::string_view json, LintOptions& options, std::string& fail_on);

struct FileReport {
    std::string path;
    std::vector<Finding> findings;  // sorted by line, column, check id
    std::size_t hidden_info = 0;    // info findings left out (LintOptions::show_info)
    // A file met while walking a directory that is neither a policy nor a template of a
    // known format (a CI configuration, a Kubernetes manifest): not linted, counted.
    bool skipped = false;
    std::optional<SourceFormat> format;  // what it was read as
    // With LintOptions::practices: the practices of the stack this file starts (a Terraform
    // module's summary stands in the report of its first file).
    std::optional<PracticeSummary> practices;
};

// One file to lint. `named`: the user named it (a file that is not ours is then an
// error finding); false for files met while walking a directory (such files are skipped).
struct Input {
    std::string path;
    std::string bytes;
    bool named = true;
};

// Lints the inputs: each policy file alone, each template or Terraform module (the .tf
// files of one directory) as one stack whose principals are judged with everything
// attached to them. Returns one report per input, same order.
std::vector<FileReport> lint_inputs(const std::vector<Input>& inputs, const LintOptions& options = {});
// Lints the inputs as one principal's policy set (--bundle).
std::vector<FileReport> lint_inputs_bundle(const std::vector<Input>& inputs, const LintOptions& options = {});

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
