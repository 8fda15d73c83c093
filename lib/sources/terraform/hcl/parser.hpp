#pragma once
// Reads HCL native syntax (.tf files) into the located tree of ast.hpp. Never throws and
// never recurses deeper than the depth limit: malformed input gives a located diagnostic.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/hcl/ast.hpp"

namespace ddbguard::hcl {

struct ParseOptions {
    std::size_t max_bytes = 1u << 20;  // 1 MiB, like the JSON policy reader
    unsigned max_depth = 64;           // nested blocks, brackets, parentheses, templates, operators
};

struct ParseResult {
    File file;
    std::vector<Diagnostic> diagnostics;  // errors; the first syntax error ends the parse
    bool complete = false;  // false: a syntax error stopped the parse and `file.body` is empty

    bool ok() const { return complete && diagnostics.empty(); }
};

ParseResult parse(std::string_view source, std::string path = "<input>", const ParseOptions& options = {});

// A standalone template such as a templatefile() file: literal text with ${...} and
// %{...} sequences, no surrounding quotes. The expression's ranges point into `source`,
// which the caller keeps alive as long as the expression.
struct TemplateParseResult {
    ExprPtr expr;  // a TemplateExpr, or null when `diagnostics` has the syntax error
    std::vector<Diagnostic> diagnostics;
};
TemplateParseResult parse_template(std::string_view source, const ParseOptions& options = {});

}  // namespace ddbguard::hcl
