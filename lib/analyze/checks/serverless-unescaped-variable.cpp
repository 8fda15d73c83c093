// Source diagnostic: the finding is made by lib/sources/serverless; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& serverless_unescaped_variable() {
    static const ParserDiagnostic check({
        "serverless-unescaped-variable", Severity::error,
        R"txt(An IAM policy variable in serverless.yml that the Serverless Framework tries to resolve as its own.)txt",
        R"txt(Reports each "${name}" in serverless.yml whose name is an IAM policy variable (aws:username, cognito-identity.amazonaws.com:sub ...) and that is not escaped as "\${name}". The policy is judged as if the escape were there, since that is what was meant.)txt",
        R"txt(The Serverless Framework resolves every "${...}" with its own variable sources before CloudFormation sees the template, and "aws:" is one of its sources: the deployment fails on an unknown variable, or, in older versions, the variable is replaced by nothing (serverless issues 2601 and 3693). Since its new variable resolver, "\${...}" is written out literally (serverless 3565).)txt",
        R"json(Condition:
  ForAllValues:StringEquals:
    dynamodb:LeadingKeys: ["${cognito-identity.amazonaws.com:sub}"])json",
        R"json(    dynamodb:LeadingKeys: ["\${cognito-identity.amazonaws.com:sub}"])json",
        R"txt(Severity: error: the Framework tries to resolve the IAM variable itself and the deployment fails or writes the wrong text.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
