# Guests of an identity pool that lets anyone in get a role that writes the table.
resource "aws_dynamodb_table" "scores" {
  name     = "Scores"
  hash_key = "userId"
  attribute {
    name = "userId"
    type = "S"
  }
}

resource "aws_cognito_identity_pool" "game" {
  identity_pool_name               = "game"
  allow_unauthenticated_identities = true
}

data "aws_iam_policy_document" "guest_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = ["us-east-1:11111111-2222-3333-4444-555555555555"]
    }
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["unauthenticated"]
    }
  }
}

resource "aws_iam_role" "guest" {
  name               = "game-guest"
  assume_role_policy = data.aws_iam_policy_document.guest_trust.json

  inline_policy {
    name = "own-scores"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem", "dynamodb:PutItem"]
        Resource = aws_dynamodb_table.scores.arn
        Condition = {
          "ForAllValues:StringEquals" = { "dynamodb:LeadingKeys" = ["$${cognito-identity.amazonaws.com:sub}"] }
        }
      }]
    })
  }
}

resource "aws_cognito_identity_pool_roles_attachment" "game" {
  identity_pool_id = aws_cognito_identity_pool.game.id
  roles = {
    unauthenticated = aws_iam_role.guest.arn
  }
}
