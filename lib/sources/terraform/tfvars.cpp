// .tfvars files for --var-file.
#include "sources/terraform/tfvars.hpp"

#include "sources/terraform/hcl/eval.hpp"
#include "sources/terraform/hcl/parser.hpp"

namespace ddbguard::sources {

std::string read_tfvars(std::string_view text, std::map<std::string, std::string>& out) {
    hcl::ParseResult parsed = hcl::parse(text, "tfvars");
    if (!parsed.diagnostics.empty()) {
        const hcl::Diagnostic& d = parsed.diagnostics.front();
        return std::to_string(d.range.begin.line) + ":" + std::to_string(d.range.begin.column) + ": " + d.message;
    }
    if (!parsed.file.body.blocks.empty()) {
        const hcl::Block& b = parsed.file.body.blocks.front();
        return std::to_string(b.range.begin.line) + ":" + std::to_string(b.range.begin.column) +
               ": a variable file holds NAME = VALUE lines, not blocks";
    }
    hcl::NullScope none;
    for (const hcl::Attribute& a : parsed.file.body.attributes) {
        hcl::Evaluator evaluator(none);
        const hcl::Value v = evaluator.evaluate(*a.expr);
        out[a.name] = v.is_string() ? v.as_string() : std::string(parsed.file.text(a.expr->range));
    }
    return {};
}

}  // namespace ddbguard::sources
