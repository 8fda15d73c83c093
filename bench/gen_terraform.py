#!/usr/bin/env python3
"""Writes a Terraform module (one main.tf) of about SIZE bytes (default 1,000,000) to stdout.
Each unit is a DynamoDB table with an index, a Lambda role with a jsonencode inline policy on
the table, an aws_iam_policy_document data source with a row filter, an aws_iam_policy from it
and its attachment; locals and a variable with a default feed the names.
usage: gen_terraform.py [SIZE] > main.tf"""
import sys

size = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
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

data "aws_iam_policy_document" "own{i}" {{
  statement {{
    actions   = ["dynamodb:GetItem", "dynamodb:Query"]
    resources = [aws_dynamodb_table.t{i}.arn]
    condition {{
      test     = "ForAllValues:StringEquals"
      variable = "dynamodb:LeadingKeys"
      values   = ["&{{aws:PrincipalTag/userId}}"]
    }}
  }}
}}

resource "aws_iam_policy" "own{i}" {{
  name   = "${{local.prefix}}-own{i}"
  policy = data.aws_iam_policy_document.own{i}.json
}}

resource "aws_iam_role_policy_attachment" "own{i}" {{
  role       = aws_iam_role.r{i}.name
  policy_arn = aws_iam_policy.own{i}.arn
}}

'''
    out.append(unit)
    total += len(unit)
    i += 1
sys.stdout.write("".join(out))
