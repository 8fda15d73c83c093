// The HCL reader on arbitrary bytes: parsing never crashes or hangs, a failed parse is
// always a located diagnostic, and evaluating every attribute with a scope that knows
// nothing never crashes either (no file is read: the evaluator has no module directory).
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "sources/terraform/hcl/eval.hpp"
#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/hcl/to_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace hcl = ddbguard::hcl;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    hcl::ParseResult r = hcl::parse(bytes, "fuzz.tf");
    if (!r.complete && r.diagnostics.empty()) std::abort();  // a silent failure
    for (const hcl::Diagnostic& d : r.diagnostics)
        if (d.range.begin.line == 0 || d.message.empty()) std::abort();  // every diagnostic is located
    if (!r.complete) return 0;
    std::string error;
    (void)hcl::to_hcl2json(r.file, error);
    hcl::NullScope scope;
    hcl::EvalOptions options;
    options.source = r.file.source;
    options.max_steps = 20000;
    hcl::Evaluator evaluator(scope, options);
    std::vector<const hcl::Body*> bodies{&r.file.body};
    while (!bodies.empty()) {
        const hcl::Body* body = bodies.back();
        bodies.pop_back();
        for (const hcl::Attribute& a : body->attributes) {
            hcl::Value v = evaluator.evaluate(*a.expr);
            if (v.is_string())
                for (const hcl::Placeholder& p : v.placeholders())
                    if (p.offset + p.length > v.as_string().size()) std::abort();  // placeholders inside the text
        }
        for (const hcl::Block& b : body->blocks) bodies.push_back(&b.body);
    }
    return 0;
}
