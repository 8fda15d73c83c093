resource "aws_dynamodb_table" "t" {
  name = "orders", hash_key = "id"
}
