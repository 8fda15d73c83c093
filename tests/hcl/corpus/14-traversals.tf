locals {
  attr         = var.settings.timeout
  deep         = module.network.vpc.subnets.private
  index_number = var.list[0]
  index_string = var.map["key"]
  index_expr   = var.list[count.index]
  index_math   = var.list[length(var.list) - 1]
  index_neg    = var.list[-1]
  legacy_index = aws_instance.web.0.id
  mixed        = aws_dynamodb_table.orders.global_secondary_index[0].name
  full_splat   = aws_iam_role.app[*].arn
  splat_deep   = var.tables[*].indexes[0].name
  attr_splat   = aws_instance.web.*.id
  attr_splat2  = var.things.*.a.b
  splat_index  = aws_instance.web.*.id[0]
  each_value   = each.value.name
  each_key     = each.key
  count_index  = count.index
  path_module  = path.module
  self_ref     = self.arn
  relative     = (var.obj).field
  tuple_index  = [1, 2, 3][1]
  object_attr  = { a = { b = 1 } }.a.b
  after_call   = jsondecode(var.doc).Statement[0].Action
  spaced       = var . spaced . access
  double_index = var.matrix[0][1]
  splat_only   = var.list[*]
  attr_splat_only = var.list.*
}
