resource "aws_dynamodb_table" "t" {
  attribute { name = "id", type = "S" }
}
