module "orders_table" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "~> 4.0"

  name      = "orders"
  hash_key  = "id"
  attributes = [
    { name = "id", type = "S" },
  ]

  providers = {
    aws = aws.replica
  }

  depends_on = [aws_kms_key.orders]
}

module "iam_for_app" {
  source = "./modules/iam"
  count  = var.create ? 1 : 0

  table_arns = [module.orders_table.dynamodb_table_arn]
  role_name  = "app-${var.env}"
}

module "per_region" {
  for_each = toset(var.regions)
  source   = "../region"
  region   = each.value
}

output "module_output" {
  value = module.iam_for_app[0].role_arn
}
