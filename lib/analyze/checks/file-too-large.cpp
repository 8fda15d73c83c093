// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& file_too_large() {
    static const ParserDiagnostic check({
        "file-too-large", Severity::error,
        R"txt(The file is larger than the configured limit.)txt",
        R"txt(Refuses files over the size limit (default 1 MiB) without reading them whole.)txt",
        R"txt(No IAM policy is over 20 KB (a DynamoDB resource-based policy's quota); a larger file is not a policy, and reading it would only cost time and memory.)txt",
        R"json((a 50 MB JSON file passed to ddbguard lint))json",
        R"json((lint the policy documents themselves))json",
        R"txt(Severity: error: the file was not linted, so nothing in it was judged.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
