# aws_dynamodb_resource_policy with a public principal, built by a policy document data source.
resource "aws_dynamodb_table" "orders" {
  name     = "Orders"
  hash_key = "orderId"
  attribute {
    name = "orderId"
    type = "S"
  }
}

data "aws_iam_policy_document" "public" {
  statement {
    sid       = "AnyoneReads"
    actions   = ["dynamodb:GetItem", "dynamodb:Query"]
    resources = [aws_dynamodb_table.orders.arn]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_dynamodb_resource_policy" "orders" {
  resource_arn = aws_dynamodb_table.orders.arn
  policy       = data.aws_iam_policy_document.public.json
}
