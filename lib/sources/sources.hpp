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

// The inputs one stack is read from (a Terraform module or a --bundle spans several), and
// the format they are read as (nullopt: a named file of no known format).
struct SourceJob {
    std::vector<std::size_t> inputs;
    std::optional<SourceFormat> format;
    bool bundle = false;
};

// Groups the inputs into stacks without reading them. Inputs of no known format are marked
// in `skipped` when they were met while walking a directory; a named one becomes a job
// whose stack holds an error finding. `bundle`: every input is a policy of one principal.
std::vector<SourceJob> plan(const std::vector<Input>& inputs, const LintOptions& options, bool bundle,
                            std::vector<bool>& skipped);
// Reads one job's stack (lint reads each while it lints, so only the stacks being linted
// are in memory).
Stack read(const SourceJob& job, const std::vector<Input>& inputs, const LintOptions& options);

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

// The element of a policy a JSON pointer stands in ("Action", "Resource" ...), for the
// messages of the template readers; "" when none.
std::string element_of(const std::string& pointer);

}  // namespace ddbguard::sources
