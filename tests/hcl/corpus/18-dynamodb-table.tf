resource "aws_dynamodb_table" "orders" {
  name             = "${var.prefix}-orders"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "CustomerId"
  range_key        = "OrderId"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  deletion_protection_enabled = var.env == "prod"

  attribute {
    name = "CustomerId"
    type = "S"
  }

  attribute {
    name = "OrderId"
    type = "S"
  }

  attribute {
    name = "Status"
    type = "S"
  }

  attribute {
    name = "CreatedAt"
    type = "N"
  }

  global_secondary_index {
    name               = "by-status"
    hash_key           = "Status"
    range_key          = "CreatedAt"
    projection_type    = "INCLUDE"
    non_key_attributes = ["CustomerId", "Total"]
  }

  local_secondary_index {
    name            = "by-created"
    range_key       = "CreatedAt"
    projection_type = "KEYS_ONLY"
  }

  ttl {
    attribute_name = "ExpiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.orders.arn
  }

  replica {
    region_name = "eu-west-1"
  }

  tags = {
    Name        = "orders"
    Environment = var.env
    "cost:center" = "42"
  }

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [read_capacity, write_capacity]
  }
}

resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  billing_mode = "PROVISIONED"
  read_capacity  = 5
  write_capacity = 5
  hash_key     = "SessionId"

  attribute {
    name = "SessionId"
    type = "S"
  }
}

resource "aws_appautoscaling_target" "sessions_read" {
  max_capacity       = 100
  min_capacity       = 5
  resource_id        = "table/${aws_dynamodb_table.sessions.name}"
  scalable_dimension = "dynamodb:table:ReadCapacityUnits"
  service_namespace  = "dynamodb"
}
