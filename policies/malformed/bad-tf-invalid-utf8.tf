resource "aws_iam_policy" "p" {
  name = "ÿþ"
}
