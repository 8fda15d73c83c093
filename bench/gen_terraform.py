#!/usr/bin/env python3
"""Writes a Terraform module (one main.tf) of about SIZE bytes (default 1,000,000) to stdout,
shaped like bench/gen_template.py's CloudFormation. Each unit is a DynamoDB table with an
index, a Lambda role with a jsonencode inline policy on the table, and the Lambda function,
log group and alarm that use them; every fifth unit adds a Cognito role with a row-scoped
policy (an aws_iam_policy_document, an aws_iam_policy and its attachment); locals and a variable with a default feed the
names. --dense leaves out everything but the tables and the IAM resources (the worst case).
usage: gen_terraform.py [SIZE] [--dense] > main.tf"""
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
size = int(args[0]) if args else 1_000_000
dense = "--dense" in sys.argv
out = ['variable "stage" {\n  default = "prod"\n}\n\nlocals {\n  prefix = "bench-${var.stage}"\n}\n\n']
total = len(out[0])
i = 0
while total < size:
    unit = f'''resource "aws_dynamodb_table" "t{i}" {{
  name      = "${{local.prefix}}-t{i}"
  hash_key  = "userId"
  range_key = "itemId"
  attribute {{
    name = "userId"
    type = "S"
  }}
  attribute {{
    name = "itemId"
    type = "S"
  }}
  global_secondary_index {{
    name            = "ByItem"
    hash_key        = "itemId"
    projection_type = "KEYS_ONLY"
  }}
  point_in_time_recovery {{
    enabled = true
  }}
}}

resource "aws_iam_role" "r{i}" {{
  name = "${{local.prefix}}-r{i}"
  assume_role_policy = jsonencode({{
    Version   = "2012-10-17"
    Statement = [{{ Effect = "Allow", Principal = {{ Service = "lambda.amazonaws.com" }}, Action = "sts:AssumeRole" }}]
  }})
  inline_policy {{
    name = "table"
    policy = jsonencode({{
      Version = "2012-10-17"
      Statement = [{{
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]
        Resource = [aws_dynamodb_table.t{i}.arn, "${{aws_dynamodb_table.t{i}.arn}}/index/*"]
      }}]
    }})
  }}
}}

'''
    if i % 5 == 0:
        unit += f'''resource "aws_iam_role" "u{i}" {{
  name = "${{local.prefix}}-u{i}"
  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect    = "Allow"
      Principal = {{ Federated = "cognito-identity.amazonaws.com" }}
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {{
        StringEquals             = {{ "cognito-identity.amazonaws.com:aud" = "us-east-1:11111111-2222-3333-4444-555555555555" }}
        "ForAnyValue:StringLike" = {{ "cognito-identity.amazonaws.com:amr" = "authenticated" }}
      }}
    }}]
  }})
}}

data "aws_iam_policy_document" "own{i}" {{
  statement {{
    actions   = ["dynamodb:GetItem", "dynamodb:Query"]
    resources = [aws_dynamodb_table.t{i}.arn]
    condition {{
      test     = "ForAllValues:StringEquals"
      variable = "dynamodb:LeadingKeys"
      values   = ["&{{cognito-identity.amazonaws.com:sub}}"]
    }}
  }}
}}

resource "aws_iam_policy" "own{i}" {{
  name   = "${{local.prefix}}-own{i}"
  policy = data.aws_iam_policy_document.own{i}.json
}}

resource "aws_iam_role_policy_attachment" "own{i}" {{
  role       = aws_iam_role.u{i}.name
  policy_arn = aws_iam_policy.own{i}.arn
}}

'''
    if not dense:
        unit += f'''resource "aws_lambda_function" "f{i}" {{
  function_name = "${{local.prefix}}-f{i}"
  role          = aws_iam_role.r{i}.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "build/f{i}.zip"
  timeout       = 10
  memory_size   = 256
  environment {{
    variables = {{
      TABLE_NAME = aws_dynamodb_table.t{i}.name
      STAGE      = var.stage
      LOG_LEVEL  = "info"
    }}
  }}
  tags = {{
    Service     = "bench"
    Environment = var.stage
  }}
}}

resource "aws_cloudwatch_log_group" "f{i}" {{
  name              = "/aws/lambda/${{aws_lambda_function.f{i}.function_name}}"
  retention_in_days = 30
}}

resource "aws_cloudwatch_metric_alarm" "f{i}_errors" {{
  alarm_name          = "${{local.prefix}}-f{i}-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 5
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  dimensions = {{
    FunctionName = aws_lambda_function.f{i}.function_name
  }}
}}

'''
    out.append(unit)
    total += len(unit)
    i += 1
sys.stdout.write("".join(out))
