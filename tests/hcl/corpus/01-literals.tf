# Literal values of every kind.
locals {
  zero          = 0
  integer       = 42
  leading_zeros = 007
  fraction      = 1.50
  exponent      = 1e3
  exponent_neg  = 2.5E-2
  exponent_pos  = 1.5e+2
  big           = 12345678901234567890
  negative      = -17
  negative_frac = - 0.25
  yes           = true
  no            = false
  nothing       = null
  not_true      = !true
  empty         = ""
  text          = "hello"
  with_dashes-and_underscores = "names may contain dashes"
}
