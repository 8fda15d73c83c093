# A group policy reaches its user through the membership; an attached customer policy
# through aws_iam_policy_attachment.
resource "aws_iam_user" "app" {
  name = "app"
}

resource "aws_iam_group" "apps" {
  name = "apps"
}

resource "aws_iam_user_group_membership" "app" {
  user   = aws_iam_user.app.name
  groups = [aws_iam_group.apps.name]
}

resource "aws_iam_group_policy" "tables" {
  name  = "tables"
  group = aws_iam_group.apps.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "AppTables"
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "scan" {
  name   = "scan"
  policy = file("${path.module}/scan.json")
}

resource "aws_iam_policy_attachment" "scan" {
  name       = "scan"
  users      = [aws_iam_user.app.name]
  policy_arn = aws_iam_policy.scan.arn
}
