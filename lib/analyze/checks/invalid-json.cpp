// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& invalid_json() {
    static const ParserDiagnostic check({
        "invalid-json", Severity::error,
        R"txt(The file is not valid JSON.)txt",
        R"txt(Reports where the JSON syntax breaks (a missing comma, an unclosed string, a trailing comma, comments, invalid UTF-8) with the line and column of the offending byte.)txt",
        R"txt(IAM rejects the document, and no other check can judge a policy it cannot read; a linter that skips such files passes them silently.)txt",
        R"json({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",}]})json",
        R"json({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"}]})json",
        R"txt(Severity: error: AWS rejects a document that is not JSON, and nothing in it can be judged.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
