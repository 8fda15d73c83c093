// Source diagnostic: the finding is made by lib/sources/terraform; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& terraform_unescaped_variable() {
    static const ParserDiagnostic check({
        "terraform-unescaped-variable", Severity::error,
        R"txt(An IAM policy variable written as a bare "${...}" in a .tf file, where Terraform reads it as an interpolation.)txt",
        R"txt(Reports each "${name}" in a Terraform string whose content is not a valid HCL expression because it is an IAM policy variable ("${aws:username}", "${cognito-identity.amazonaws.com:sub}"). The rest of the file is still read, and the policy is judged as if the variable were escaped, since that is what was meant.)txt",
        R"txt(In HCL strings "${...}" is Terraform interpolation: `terraform validate` and `terraform plan` fail on "${aws:username}" (docs/iac.md section 3). Terraform writes a literal "${" only when it is escaped as "$${"; inside an aws_iam_policy_document data source "&{...}" also works (the provider turns "&{" into "${").)txt",
        R"json(policy = jsonencode({
  Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem",
    Resource = "arn:aws:dynamodb:*:*:table/Users",
    Condition = { "ForAllValues:StringEquals" = { "dynamodb:LeadingKeys" = ["${cognito-identity.amazonaws.com:sub}"] } } }]
}))json",
        R"json(    Condition = { "ForAllValues:StringEquals" = { "dynamodb:LeadingKeys" = ["$${cognito-identity.amazonaws.com:sub}"] } } }]
# or, in data "aws_iam_policy_document": values = ["&{cognito-identity.amazonaws.com:sub}"])json",
        R"txt(Severity: error: Terraform refuses the file; the module does not plan.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
