# IAM policy variables must be escaped in HCL strings: $${aws:username}.
resource "aws_iam_policy" "per_user" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "dynamodb:GetItem"
      Resource = "arn:aws:dynamodb:*:*:table/users"
      Condition = {
        "ForAllValues:StringEquals" = { "dynamodb:LeadingKeys" = ["${aws:username}"] }
      }
    }]
  })
}
