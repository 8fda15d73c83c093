# The complete module (examples/terraform/complete-stack) with one practice broken: key-without-via-service.
# Written by tests/practices/make_variants.py; edit that script, not this file.
data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "table_key" {
  statement {
    sid = "KeyAdministration"
    actions = [
      "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
      "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
      "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
    ]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    sid       = "UseThroughDynamoDB"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_kms_key" "table" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.table_key.json
}

resource "aws_dynamodb_table" "notes" {
  name                        = "notes"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "userId"
  range_key                   = "noteId"
  deletion_protection_enabled = true
  stream_enabled              = true
  stream_view_type            = "KEYS_ONLY"

  attribute {
    name = "userId"
    type = "S"
  }
  attribute {
    name = "noteId"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.table.arn
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = {
    Security    = "user-data"
    Environment = "production"
  }
}

resource "aws_cognito_identity_pool" "notes" {
  identity_pool_name               = "notes"
  allow_unauthenticated_identities = false
  allow_classic_flow               = false
}

data "aws_iam_policy_document" "user_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [aws_cognito_identity_pool.notes.id]
    }
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["authenticated"]
    }
  }
}

resource "aws_iam_role" "user" {
  name               = "notes-user"
  assume_role_policy = data.aws_iam_policy_document.user_trust.json
}

data "aws_iam_policy_document" "own_notes" {
  statement {
    actions   = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"]
    resources = [aws_dynamodb_table.notes.arn]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "dynamodb:LeadingKeys"
      values   = ["&{cognito-identity.amazonaws.com:sub}"]
    }
  }
  statement {
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.table.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws-crypto-table-name"
      values   = ["notes"]
    }
  }
  statement {
    sid       = "DenyWithoutTls"
    effect    = "Deny"
    actions   = ["dynamodb:*"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_iam_role_policy" "own_notes" {
  name   = "own-notes"
  role   = aws_iam_role.user.id
  policy = data.aws_iam_policy_document.own_notes.json
}

resource "aws_cognito_identity_pool_roles_attachment" "notes" {
  identity_pool_id = aws_cognito_identity_pool.notes.id
  roles = {
    authenticated = aws_iam_role.user.arn
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.dynamodb"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"]
      Resource  = aws_dynamodb_table.notes.arn
    }]
  })
}

resource "aws_iam_role" "export" {
  name = "notes-export"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "export" {
  name = "read-notes"
  role = aws_iam_role.export.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem", "dynamodb:Query"]
        Resource = aws_dynamodb_table.notes.arn
      },
      {
        Sid       = "DenyWithoutTls"
        Effect    = "Deny"
        Action    = "dynamodb:*"
        Resource  = "*"
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "DenyOutsideTheVpc"
        Effect    = "Deny"
        Action    = "dynamodb:*"
        Resource  = "*"
        Condition = { StringNotEquals = { "aws:SourceVpce" = aws_vpc_endpoint.dynamodb.id } }
      },
    ]
  })
}

resource "aws_lambda_function" "export" {
  function_name = "notes-export"
  role          = aws_iam_role.export.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "export.zip"

  vpc_config {
    subnet_ids         = [aws_subnet.private.id]
    security_group_ids = []
  }
}

resource "aws_cloudtrail" "data" {
  name           = "notes-data-events"
  s3_bucket_name = "audit-logs-111122223333"

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::DynamoDB::Table"
      values = [aws_dynamodb_table.notes.arn]
    }
  }
}

resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
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
