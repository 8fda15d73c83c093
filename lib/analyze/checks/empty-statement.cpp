// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& empty_statement() {
    static const ParserDiagnostic check({
        "empty-statement", Severity::error,
        R"txt(Statement is an empty array.)txt",
        R"txt(Reports a policy whose Statement array has no statement.)txt",
        R"txt(The policy grants and denies nothing; it is almost always a template that was never filled in.)txt",
        R"json({"Version": "2012-10-17", "Statement": []})json",
        R"json({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"}]})json",
        R"txt(Severity: error: IAM rejects a policy without statements.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
