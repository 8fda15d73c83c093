// Source diagnostic: the finding is made by lib/sources/terraform; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& terraform_ampersand_variable() {
    static const ParserDiagnostic check({
        "terraform-ampersand-variable", Severity::error,
        R"txt(An IAM policy variable written "&{...}" outside an aws_iam_policy_document data source, where it reaches IAM literally.)txt",
        R"txt(Reports each "&{" in a policy built with jsonencode, a heredoc or file(). Only the aws_iam_policy_document data source turns "&{" into "${"; everywhere else the text reaches IAM as it is written.)txt",
        R"txt(IAM sees the literal text "&{aws:username}", which is no policy variable: a row filter such as dynamodb:LeadingKeys = "&{cognito-identity.amazonaws.com:sub}" then matches no real user and the policy silently denies what it meant to allow, or, in a Deny or a resource ARN, protects nothing.)txt",
        R"json(policy = jsonencode({
  Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem",
    Resource = "arn:aws:dynamodb:*:*:table/Users",
    Condition = { "ForAllValues:StringEquals" = { "dynamodb:LeadingKeys" = ["&{cognito-identity.amazonaws.com:sub}"] } } }]
}))json",
        R"json(    Condition = { "ForAllValues:StringEquals" = { "dynamodb:LeadingKeys" = ["$${cognito-identity.amazonaws.com:sub}"] } } }])json",
        R"txt(Severity: error: the policy does not do what it says: the variable is never substituted.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
