// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& duplicate_key() {
    static const ParserDiagnostic check({
        "duplicate-key", Severity::error,
        R"txt(The same JSON key appears twice in one object.)txt",
        R"txt(Reports every repeated member name in any object, with the position of both copies.)txt",
        R"txt(The policy grammar forbids duplicates and what IAM does with them is undocumented: a reviewer reads one copy while AWS may enforce the other. Two Condition blocks with the same operator silently lose one of them.)txt",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem", "Action": "dynamodb:Scan", "Resource": "*"})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Scan"], "Resource": "*"})json",
        R"txt(Severity: error: which copy AWS keeps is not documented, so the policy does not reliably say what it means.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
