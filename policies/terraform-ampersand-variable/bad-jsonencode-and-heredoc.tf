resource "aws_iam_policy" "own_items" {
  name = "own-items"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem", "dynamodb:Query"]
      Resource = "arn:aws:dynamodb:us-east-1:111122223333:table/Items"
      Condition = {
        "ForAllValues:StringEquals" = { "dynamodb:LeadingKeys" = ["&{cognito-identity.amazonaws.com:sub}"] }
      }
    }]
  })
}

resource "aws_iam_policy" "home" {
  name   = "home"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "dynamodb:GetItem",
    "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Home",
    "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["&{aws:username}"]}}
  }]
}
EOF
}
