locals {
  statements = [
    { sid = "Read", actions = ["dynamodb:GetItem", "dynamodb:Query"], tables = ["orders"] },
    { sid = "Write", actions = ["dynamodb:PutItem"], tables = ["orders", "carts"] },
  ]
}

data "aws_iam_policy_document" "dynamic" {
  dynamic "statement" {
    for_each = local.statements
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = [for t in statement.value.tables : "arn:aws:dynamodb:*:*:table/${t}"]

      dynamic "condition" {
        for_each = var.restrict_keys ? [1] : []
        content {
          test     = "ForAllValues:StringEquals"
          variable = "dynamodb:LeadingKeys"
          values   = ["$${aws:userid}"]
        }
      }
    }
  }

  dynamic "statement" {
    for_each = var.extra_statements
    iterator = extra
    content {
      actions   = extra.value.actions
      resources = extra.value.resources
    }
  }
}

resource "aws_dynamodb_table" "dyn" {
  name     = "dyn"
  hash_key = "pk"

  dynamic "attribute" {
    for_each = { pk = "S", sk = "S", gsi1 = "N" }
    content {
      name = attribute.key
      type = attribute.value
    }
  }

  dynamic "global_secondary_index" {
    for_each = var.indexes
    content {
      name            = global_secondary_index.value.name
      hash_key        = global_secondary_index.value.hash_key
      projection_type = lookup(global_secondary_index.value, "projection", "ALL")
    }
  }
}
