locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition

  table_arn_prefix = "arn:${local.partition}:dynamodb:${local.region}:${local.account_id}:table"

  tables = {
    for name in var.table_names :
    name => {
      arn       = "${local.table_arn_prefix}/${name}"
      index_arn = "${local.table_arn_prefix}/${name}/index/*"
      stream    = "${local.table_arn_prefix}/${name}/stream/*"
    }
  }

  all_arns = flatten([
    for name, t in local.tables : [t.arn, t.index_arn]
  ])

  read_actions  = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"]
  write_actions = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]
  actions       = var.settings.read_only ? local.read_actions : concat(local.read_actions, local.write_actions)

  merged_tags = merge(
    { ManagedBy = "terraform" },
    var.tags,
    length(var.tags) > 0 ? {} : { Default = "true" },
  )

  role_names = distinct(compact([for r in var.roles : try(r.name, "")]))
  by_env     = lookup({ prod = 3, stage = 2 }, var.env, 1)
  first_two  = slice(var.table_names, 0, min(2, length(var.table_names)))
  formatted  = format("%s/%s:%d", local.region, local.account_id, 42)
  ranged     = [for i in range(3) : "replica-${i}"]
  zipped     = zipmap(var.table_names, local.all_arns)
}
