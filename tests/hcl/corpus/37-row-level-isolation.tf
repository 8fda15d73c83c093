# A per-user policy done right: the authenticated role of an identity pool reaches only
# the items whose partition key is the caller's identity id.
resource "aws_cognito_identity_pool" "notes" {
  identity_pool_name               = "notes"
  allow_unauthenticated_identities = false
}

data "aws_iam_policy_document" "notes_trust" {
  statement {
    effect  = "Allow"
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

resource "aws_iam_role" "notes_user" {
  name               = "notes-user"
  assume_role_policy = data.aws_iam_policy_document.notes_trust.json
}

data "aws_iam_policy_document" "notes_rows" {
  statement {
    sid = "OwnNotesOnly"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:Query",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
    ]
    resources = [aws_dynamodb_table.notes.arn]

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "dynamodb:LeadingKeys"
      values   = ["$${cognito-identity.amazonaws.com:sub}"]
    }
  }
}

resource "aws_iam_role_policy" "notes_rows" {
  name   = "own-notes"
  role   = aws_iam_role.notes_user.id
  policy = data.aws_iam_policy_document.notes_rows.json
}

resource "aws_cognito_identity_pool_roles_attachment" "notes" {
  identity_pool_id = aws_cognito_identity_pool.notes.id
  roles = {
    authenticated = aws_iam_role.notes_user.arn
  }
}

resource "aws_dynamodb_table" "notes" {
  name         = "notes"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "UserId"
  range_key    = "NoteId"

  attribute {
    name = "UserId"
    type = "S"
  }

  attribute {
    name = "NoteId"
    type = "S"
  }
}
