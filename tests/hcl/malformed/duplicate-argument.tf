resource "aws_iam_role_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.a.json
  policy = data.aws_iam_policy_document.b.json
}
