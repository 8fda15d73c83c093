// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& empty_value() {
    static const ParserDiagnostic check({
        "empty-value", Severity::error,
        R"txt(An element that must name something is empty.)txt",
        R"txt(Reports empty arrays for Action, Resource and principal values, and empty Principal, Condition and operator objects.)txt",
        R"txt(An empty Action or Resource matches nothing, an empty Condition constrains nothing; IAM Access Analyzer reports them as errors, and the intent cannot be read.)txt",
        R"json({"Effect": "Allow", "Action": [], "Resource": "*"})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"})json",
        R"txt(Severity: error: IAM rejects an empty element, and an empty one would grant or deny nothing.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
