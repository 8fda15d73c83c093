locals {
  add        = 1 + 2
  precedence = 1 + 2 * 3 - 4 / 2 % 3
  grouped    = (1 + 2) * 3
  left_assoc = 10 - 4 - 3
  compare    = 1 < 2 && 3 >= 3 || 4 != 5
  equality   = var.a == var.b
  mixed      = !var.enabled && var.count > 0 || var.force
  negate     = -var.offset + 1
  double_neg = - -1
  not_not    = !!var.flag
  string_eq  = var.env != "prod"
  chained    = var.a < var.b == var.c > var.d
  in_tuple   = [1 + 1, 2 * 2, -3]
  multi_line = (
    var.a +
    var.b
  )
  no_spaces  = var.a*var.b+var.c
}
