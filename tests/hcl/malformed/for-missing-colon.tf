locals {
  arns = [for t in var.tables "arn:aws:dynamodb:*:*:table/${t}"]
}
