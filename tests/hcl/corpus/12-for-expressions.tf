locals {
  upper_names = [for n in var.names : upper(n)]
  with_index  = [for i, n in var.names : "${i}:${n}"]
  filtered    = [for n in var.names : n if n != ""]
  to_object   = { for n in var.names : n => length(n) }
  kv          = { for k, v in var.tags : lower(k) => v }
  grouped     = { for u in var.users : u.role => u.name... }
  grouped_if  = { for u in var.users : u.role => u.name... if u.active }
  nested_for  = [for t in var.tables : [for i in t.indexes : "${t.name}/index/${i}"]]
  flattened   = flatten([for t in var.tables : [for i in t.indexes : i]])
  arns        = [for name in var.tables : "arn:aws:dynamodb:${var.region}:${var.account}:table/${name}"]
  multi_line  = {
    for name, table in var.tables :
    name => {
      arn     = table.arn
      indexes = [for i in table.indexes : "${table.arn}/index/${i}"]
    }
    if table.enabled
  }
  tuple_in_obj = { items = [for x in var.list : x * 2] }
}
