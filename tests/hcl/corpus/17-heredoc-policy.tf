resource "aws_iam_role_policy" "per_user" {
  name = "per-user-items"
  role = aws_iam_role.app.id

  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
      "Resource": "${aws_dynamodb_table.users.arn}",
      "Condition": {
        "ForAllValues:StringEquals": {
          "dynamodb:LeadingKeys": ["$${aws:username}"]
        }
      }
    }
  ]
}
EOF
}

resource "aws_iam_user_policy" "flush" {
  name = "flush"
  user = aws_iam_user.ops.name

  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "dynamodb:Scan",
          "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/${var.table}"
        }
      ]
    }
  POLICY
}

resource "aws_iam_group_policy" "wrong_escape" {
  name  = "wrong-escape"
  group = aws_iam_group.devs.name
  # &{...} is only understood by aws_iam_policy_document: here it reaches IAM as text.
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "dynamodb:Query",
    "Resource": "*",
    "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["&{aws:username}"]}}
  }]
}
EOF
}
