# A row filter on the table's partition key (owner) also granted on a global secondary
# index keyed on another attribute (assignee): on the index, LeadingKeys is the assignee.
resource "aws_dynamodb_table" "tasks" {
  name         = "Tasks"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "owner"
  range_key    = "taskId"

  attribute {
    name = "owner"
    type = "S"
  }
  attribute {
    name = "taskId"
    type = "S"
  }
  attribute {
    name = "assignee"
    type = "S"
  }

  global_secondary_index {
    name            = "ByAssignee"
    hash_key        = "assignee"
    projection_type = "ALL"
  }
}

resource "aws_iam_role" "user" {
  name = "tasks-user"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "own_tasks" {
  name = "OwnTasks"
  role = aws_iam_role.user.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = ["dynamodb:GetItem", "dynamodb:Query"]
      Resource = [
        aws_dynamodb_table.tasks.arn,
        "${aws_dynamodb_table.tasks.arn}/index/*",
      ]
      Condition = {
        "ForAllValues:StringEquals" = { "dynamodb:LeadingKeys" = ["$${aws:PrincipalTag/userId}"] }
      }
    }]
  })
}
