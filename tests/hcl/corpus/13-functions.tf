locals {
  no_args     = timestamp()
  one_arg     = upper("x")
  two_args    = join(",", ["a", "b"])
  nested      = jsonencode(merge(local.a, { b = lower(var.c) }))
  expand      = concat(var.lists...)
  expand_more = format("%s-%s", var.parts...)
  trailing    = coalesce(
    var.first,
    var.second,
  )
  multi_line  = lookup(
    var.map,
    "key",
    "default"
  )
  provider_fn = provider::aws::arn_parse("arn:aws:iam::123456789012:role/app")
  call_attr   = data.aws_iam_policy_document.p.json
  result_attr = tomap(var.m).key
  result_idx  = split(",", var.csv)[0]
  chained     = element(split(",", var.csv), 1)
  template_fn = templatefile("${path.module}/policy.json.tpl", { table = var.table })
  file_fn     = file("${path.module}/policy.json")
  try_fn      = try(var.settings.timeout, 30)
  can_fn      = can(regex("^arn:", var.arn))
}
