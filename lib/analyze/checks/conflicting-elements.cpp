// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& conflicting_elements() {
    static const ParserDiagnostic check({
        "conflicting-elements", Severity::error,
        R"txt(A statement has both Action and NotAction (or Resource/NotResource, Principal/NotPrincipal).)txt",
        R"txt(Reports mutually exclusive element pairs in one statement.)txt",
        R"txt(IAM rejects the statement; readers cannot tell which of the two was meant.)txt",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem", "NotAction": "dynamodb:Scan", "Resource": "*"})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"})json",
        R"txt(Severity: error: IAM rejects the combination.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
