variable "tables" {
  type = map(object({
    hash_key  = string
    range_key = optional(string)
  }))
  default = {
    orders = { hash_key = "CustomerId", range_key = "OrderId" }
    carts  = { hash_key = "CustomerId" }
  }
}

resource "aws_dynamodb_table" "this" {
  for_each = var.tables

  name      = each.key
  hash_key  = each.value.hash_key
  range_key = each.value.range_key

  attribute {
    name = each.value.hash_key
    type = "S"
  }
}

resource "aws_iam_policy" "per_table" {
  for_each = toset(["orders", "carts"])
  name     = "read-${each.key}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "dynamodb:GetItem"
      Resource = aws_dynamodb_table.this[each.key].arn
    }]
  })
}

resource "aws_iam_role" "workers" {
  count = var.worker_count
  name  = "worker-${count.index}"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "workers" {
  count      = length(aws_iam_role.workers)
  role       = aws_iam_role.workers[count.index].name
  policy_arn = aws_iam_policy.per_table["orders"].arn
}

output "table_arns" {
  value = { for name, t in aws_dynamodb_table.this : name => t.arn }
}

output "worker_roles" {
  value = aws_iam_role.workers[*].arn
}
