locals {
  actions = [
    "dynamodb:GetItem"
    "dynamodb:Query"
  ]
}
