# A table with the provider's defaults: no point-in-time recovery.
resource "aws_dynamodb_table" "orders" {
  name     = "Orders"
  hash_key = "orderId"
  attribute {
    name = "orderId"
    type = "S"
  }
  point_in_time_recovery {
    enabled = false
  }
}
