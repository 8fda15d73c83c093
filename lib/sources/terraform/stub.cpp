// Placeholder until the Terraform plan reader lands: says so instead of passing silently.
#include "sources/sources.hpp"

namespace ddbguard::sources {

Stack read_terraform_plan(const Input& input, const LintOptions&) {
    Stack stack;
    stack.path = input.path;
    stack.format = SourceFormat::terraform_plan;
    stack.files.push_back(input.path);
    stack.diagnostics.push_back(source_finding("unknown-input-format", input.path, {1, 1, ""},
                                               "reading Terraform plans is not supported yet",
                                               "lint the module's .tf files instead"));
    return stack;
}

}  // namespace ddbguard::sources
