data "aws_iam_policy_document" "own_items" {
  statement {
    actions   = ["dynamodb:GetItem", "dynamodb:Query"]
    resources = ["arn:aws:dynamodb:us-east-1:111122223333:table/Items"]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "dynamodb:LeadingKeys"
      values   = ["&{cognito-identity.amazonaws.com:sub}"]
    }
  }
}

resource "aws_iam_policy" "own_items" {
  name   = "own-items"
  policy = data.aws_iam_policy_document.own_items.json
}
