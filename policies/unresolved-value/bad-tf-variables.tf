variable "table_name" {
  type    = string
  default = "Orders"
}

variable "actions" {
  type = list(string)
}

variable "policy_json" {
  type = string
}

resource "aws_iam_policy" "orders" {
  name = "orders"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.actions
      Resource = "arn:aws:dynamodb:us-east-1:111122223333:table/${var.table_name}"
    }]
  })
}

resource "aws_iam_policy" "passed_in" {
  name   = "passed-in"
  policy = var.policy_json
}
