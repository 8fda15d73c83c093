// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& unknown_element() {
    static const ParserDiagnostic check({
        "unknown-element", Severity::error,
        R"txt(An element name the IAM grammar does not know.)txt",
        R"txt(Reports unknown top-level elements (known: Version, Id, Statement), statement elements (Sid, Effect, Action, NotAction, Resource, NotResource, Principal, NotPrincipal, Condition) and principal types (AWS, Service, Federated, CanonicalUser), with the closest real name. Element names are matched exactly as AWS documents them.)txt",
        R"txt(IAM rejects the policy; and a misspelled "Conditions" would otherwise look like a scoped grant to a reader.)txt",
        R"json({"Effect": "Allow", "Actions": "dynamodb:GetItem", "Resource": "*"})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"})json",
        R"txt(Severity: error: IAM rejects a policy with an element it does not know.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
