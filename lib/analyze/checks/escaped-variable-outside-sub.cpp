// Source diagnostic: the finding is made by lib/sources/cloudformation; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& escaped_variable_outside_sub() {
    static const ParserDiagnostic check({
        "escaped-variable-outside-sub", Severity::error,
        R"txt(A "${!...}" escape in a policy string outside Fn::Sub: IAM receives a broken variable.)txt",
        R"txt(Reports each policy string of a template that contains "${!" but is not the template string of an Fn::Sub. The policy is judged as written: with the literal text "${!name}", which is no policy variable.)txt",
        R"txt(Only Fn::Sub turns "${!name}" into "${name}"; everywhere else CloudFormation passes strings through unchanged (docs/iac.md section 2). A row filter on "${!cognito-identity.amazonaws.com:sub}" compares the partition key with that literal text, so every caller is refused, or, in a Deny, the guard never matches.)txt",
        R"json(dynamodb:LeadingKeys: ["${!cognito-identity.amazonaws.com:sub}"])json",
        R"json(dynamodb:LeadingKeys: ["${cognito-identity.amazonaws.com:sub}"])json",
        R"txt(Severity: error: IAM receives the broken variable ${!...}, so the policy does not do what it says.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
