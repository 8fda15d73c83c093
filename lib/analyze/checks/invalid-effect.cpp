// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& invalid_effect() {
    static const ParserDiagnostic check({
        "invalid-effect", Severity::error,
        R"txt(Effect is neither "Allow" nor "Deny".)txt",
        R"txt(Checks the Effect value exactly; the value is case-sensitive.)txt",
        R"txt(IAM rejects the policy. A Deny written as "deny" that some tool accepts would be a guard that AWS never applies.)txt",
        R"json({"Effect": "allow", "Action": "dynamodb:GetItem", "Resource": "*"})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"})json",
        R"txt(Severity: error: IAM rejects any Effect other than "Allow" or "Deny" (the values are case-sensitive).)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
