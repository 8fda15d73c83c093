// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& internal_error() {
    static const ParserDiagnostic check({
        "internal-error", Severity::error,
        R"txt(A check failed on this input (a bug in ddbguard).)txt",
        R"txt(Reports that a check stopped with an error, so the policy was not fully analyzed.)txt",
        R"txt(Passing silently would claim a verdict that was never reached.)txt",
        R"json((any input that triggers the bug))json",
        R"json((report the input to the ddbguard maintainers))json",
        R"txt(Severity: error: the input was not fully analyzed; a silent pass would be worse.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
