resource "aws_iam_policy" "p" {
  name   = "p"
  name   = "q"
  policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}
