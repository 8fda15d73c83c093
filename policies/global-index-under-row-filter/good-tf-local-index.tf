# A local secondary index shares the table's partition key: the row filter holds on it.
resource "aws_dynamodb_table" "tasks" {
  name      = "Tasks"
  hash_key  = "owner"
  range_key = "taskId"

  attribute {
    name = "owner"
    type = "S"
  }
  attribute {
    name = "taskId"
    type = "S"
  }
  attribute {
    name = "due"
    type = "S"
  }

  local_secondary_index {
    name            = "ByDue"
    range_key       = "due"
    projection_type = "ALL"
  }
}

data "aws_iam_policy_document" "own_tasks" {
  statement {
    actions   = ["dynamodb:GetItem", "dynamodb:Query"]
    resources = [aws_dynamodb_table.tasks.arn, "${aws_dynamodb_table.tasks.arn}/index/*"]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "dynamodb:LeadingKeys"
      values   = ["&{aws:PrincipalTag/userId}"]
    }
  }
}

resource "aws_iam_policy" "own_tasks" {
  name   = "own-tasks"
  policy = data.aws_iam_policy_document.own_tasks.json
}
