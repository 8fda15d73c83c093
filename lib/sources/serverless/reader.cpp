#include "sources/sources.hpp"

namespace ddbguard::sources {
Stack read_serverless(const Input& input, const LintOptions&) {
    Stack s;
    s.path = input.path;
    s.format = SourceFormat::serverless;
    s.files.push_back(input.path);
    return s;
}
}  // namespace ddbguard::sources
