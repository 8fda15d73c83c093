// Source diagnostic: the finding is made by lib/sources/terraform; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& invalid_hcl() {
    static const ParserDiagnostic check({
        "invalid-hcl", Severity::error,
        R"txt(A Terraform .tf file does not parse.)txt",
        R"txt(Reports the first syntax error of a .tf file (HCL native syntax: an unclosed brace or quote, a missing '=', an invalid template sequence, a repeated argument), at its line and column. The other files of the module are still read; nothing of this file is judged.)txt",
        R"txt(Terraform refuses a module with a file that does not parse; and a linter that cannot read the file can say nothing about the policies in it.)txt",
        R"json(resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17" )json",
        R"json(resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [] })
})json",
        R"txt(Severity: error: the file cannot be read, so nothing in it was judged.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
