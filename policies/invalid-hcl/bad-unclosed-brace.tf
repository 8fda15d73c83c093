resource "aws_iam_policy" "own_items" {
  name = "own-items"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = "*" }
  })
}
