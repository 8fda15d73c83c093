resource "aws_iam_policy" "from_template" {
  name = "from-template"
  policy = templatefile("${path.module}/templates/dynamodb-policy.json.tpl", {
    table_arn  = aws_dynamodb_table.orders.arn
    actions    = ["dynamodb:GetItem", "dynamodb:Query"]
    account_id = data.aws_caller_identity.current.account_id
  })
}

resource "aws_iam_policy" "from_file" {
  name   = "from-file"
  policy = file("${path.module}/policies/read-only.json")
}

resource "aws_iam_policy" "from_file_relative" {
  name   = "from-file-relative"
  policy = file("policies/read-only.json")
}

locals {
  rendered = templatefile("templates/user.tpl", { names = ["a", "b"] })
}
