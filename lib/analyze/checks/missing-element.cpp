// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& missing_element() {
    static const ParserDiagnostic check({
        "missing-element", Severity::error,
        R"txt(A required element is missing.)txt",
        R"txt(Reports a policy without Statement, and a statement without Effect, without Action/NotAction, or without Resource/NotResource (trust policies need no Resource).)txt",
        R"txt(IAM rejects the policy; the intent of the statement cannot be judged.)txt",
        R"json({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem"}]})json",
        R"json({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"}]})json",
        R"txt(Severity: error: IAM rejects a statement or policy without it.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
