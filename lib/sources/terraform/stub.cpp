// Placeholder until the Terraform readers land: says so instead of passing silently.
#include "sources/sources.hpp"

namespace ddbguard::sources {

namespace {
Stack unsupported(const Input& input, std::string_view what) {
    Stack stack;
    stack.path = input.path;
    stack.files.push_back(input.path);
    stack.diagnostics.push_back(source_finding("unknown-input-format", input.path, {1, 1, ""},
                                               "reading " + std::string(what) + " is not supported yet"));
    return stack;
}
}  // namespace

Stack read_terraform(const std::vector<const Input*>& files, const LintOptions&) {
    Stack s = unsupported(*files.front(), "Terraform files");
    s.format = SourceFormat::terraform;
    for (std::size_t i = 1; i < files.size(); ++i) s.files.push_back(files[i]->path);
    return s;
}
Stack read_terraform_plan(const Input& input, const LintOptions&) {
    Stack s = unsupported(input, "Terraform plans");
    s.format = SourceFormat::terraform_plan;
    return s;
}

}  // namespace ddbguard::sources
