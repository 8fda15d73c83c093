// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& invalid_version() {
    static const ParserDiagnostic check({
        "invalid-version", Severity::error,
        R"txt(Version is not a policy language version.)txt",
        R"txt(Checks that Version is "2012-10-17" or "2008-10-17", the only two versions of the policy language.)txt",
        R"txt(IAM rejects other values; people often write the date they wrote the policy.)txt",
        R"json({"Version": "2024-01-01", "Statement": []})json",
        R"json({"Version": "2012-10-17", "Statement": []})json",
        R"txt(Severity: error: IAM rejects any Version other than 2012-10-17 and 2008-10-17.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
