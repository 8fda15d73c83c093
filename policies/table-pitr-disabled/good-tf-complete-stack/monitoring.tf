resource "aws_cloudtrail" "data" {
  name           = "orders-data-events"
  s3_bucket_name = "audit-logs-111122223333"

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::DynamoDB::Table"
      values = [aws_dynamodb_table.orders.arn]
    }
  }
}

resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_config_rule" "pitr" {
  name = "dynamodb-pitr-enabled"
  source {
    owner             = "AWS"
    source_identifier = "DYNAMODB_PITR_ENABLED"
  }
}

resource "aws_config_config_rule" "kms" {
  name = "dynamodb-table-encrypted-kms"
  source {
    owner             = "AWS"
    source_identifier = "DYNAMODB_TABLE_ENCRYPTED_KMS"
  }
}
