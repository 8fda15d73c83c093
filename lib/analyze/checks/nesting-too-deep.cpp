// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& nesting_too_deep() {
    static const ParserDiagnostic check({
        "nesting-too-deep", Severity::error,
        R"txt(JSON nesting is deeper than the configured limit.)txt",
        R"txt(Stops reading at the configured depth (default 64 levels) and reports where.)txt",
        R"txt(A policy is at most five levels deep; deeper input is not a policy and could exhaust resources of tools that recurse.)txt",
        R"json([[[[[[[[ ... 10000 levels ... ]]]]]]]])json",
        R"json({"Version": "2012-10-17", "Statement": [...]})json",
        R"txt(Severity: error: the file was not linted, so nothing in it was judged.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
