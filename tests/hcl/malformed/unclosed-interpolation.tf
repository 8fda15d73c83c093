locals {
  arn = "arn:aws:dynamodb:${var.region:table/orders"
}
