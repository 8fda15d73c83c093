locals {
  obj_for_keys   = { for k in ["a", "b"] : "${k}-key" => k }
  cond_key       = { (var.flag ? "x" : "y") = 1 }
  tuple_of_calls = [max(1, 2), min(3, 4), abs(-5)]
  idx_of_for     = [for x in [1, 2, 3] : x * x][2]
  splat_of_for   = [for x in var.items : { id = x }][*].id
  paren_traverse = (var.a.b).c
  index_template = var.map["${var.key}-suffix"]
  not_call       = !contains(var.list, "x")
  neg_call       = -abs(var.n)
  compare_strs   = "a" == "a"
  nested_objs    = { a = { b = { c = { d = "deep" } } } }
  ternary_chain  = var.n > 10 ? "big" : var.n > 5 ? "medium" : var.n > 0 ? "small" : "none"
  long_and       = var.a && var.b && var.c && var.d
  long_or        = var.a || var.b || var.c
  mixed_logic    = var.a && (var.b || var.c) && !var.d
}
