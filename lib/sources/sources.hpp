#pragma once
// Readers of every input format, each producing a Stack (include/ddbguard/stack.hpp).
// One folder per format; this file picks the reader.
#include <optional>
#include <string_view>
#include <vector>

#include "ddbguard/analyze.hpp"
#include "ddbguard/stack.hpp"

namespace ddbguard::sources {

// The format of a file from its name and content, or nullopt when it is none of ours
// (a CI configuration, a Kubernetes manifest, package.json).
std::optional<SourceFormat> detect(std::string_view path, std::string_view bytes);

// A stack and the inputs it was read from (a Terraform module spans several files).
struct SourceSet {
    Stack stack;
    std::vector<std::size_t> inputs;
};

// Groups and reads the inputs. Inputs of no known format are marked in `skipped` when they
// were met while walking a directory; a named one becomes a stack with an error finding.
// `bundle`: every input is a policy of one principal (--bundle).
std::vector<SourceSet> read_all(const std::vector<Input>& inputs, const LintOptions& options, bool bundle,
                                std::vector<bool>& skipped);

// The readers, one per format (lib/sources/<format>/).
Stack read_policy(const Input& input, const LintOptions& options);
Stack read_bundle(const std::vector<const Input*>& inputs, const LintOptions& options);
Stack read_cloudformation(const Input& input, const LintOptions& options);
Stack read_serverless(const Input& input, const LintOptions& options);
Stack read_terraform(const std::vector<const Input*>& files, const LintOptions& options);
Stack read_terraform_plan(const Input& input, const LintOptions& options);

// A located error finding of the source itself (check ids registered as parser diagnostics).
Finding source_finding(std::string check_id, std::string path, Location where, std::string message,
                       std::string fix = {}, Severity severity = Severity::error);

}  // namespace ddbguard::sources
