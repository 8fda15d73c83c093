#pragma once
// The practice summary of a stack from its content and its findings (include/ddbguard/practices.hpp).
#include <vector>

#include "ddbguard/analyze.hpp"
#include "ddbguard/practices.hpp"
#include "ddbguard/stack.hpp"

namespace ddbguard::analyze {

// `findings`: every finding of the stack, info included (before --show-info hides any).
PracticeSummary summarize_practices(const Stack& stack, const std::vector<Finding>& findings,
                                    const LintOptions& options);

}  // namespace ddbguard::analyze
