resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id       = "vpc-0123456789abcdef0"
  service_name = "com.amazonaws.us-east-1.dynamodb"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyTable"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan"]
      Resource  = "*"
    }]
  })
}
