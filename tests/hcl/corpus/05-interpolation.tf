variable "env" {
  default = "prod"
}

locals {
  simple       = "${var.env}"
  prefixed     = "app-${var.env}"
  two          = "${var.env}-${local.region}"
  arn          = "arn:aws:dynamodb:${local.region}:${data.aws_caller_identity.current.account_id}:table/${aws_dynamodb_table.orders.name}"
  index_arn    = "${aws_dynamodb_table.orders.arn}/index/*"
  number       = "${42}"
  in_text      = "count=${1.5}"
  boolean      = "${true}"
  bool_in_text = "flag=${false}"
  spaced       = "${ var.env }"
  nested       = "outer-${"inner-${var.env}"}"
  nested_plain = "a${"b"}c"
  wrapped_list = "${[1, 2, 3]}"
  wrapped_obj  = "${{ a = 1 }}"
  function     = "${upper(var.env)}-${length(local.list)}"
  conditional  = "${var.env == "prod" ? "p" : "np"}"
  cond_in_text = "tier-${var.env == "prod" ? "gold" : "silver"}"
  cond_no_else = "x${var.enabled ? "-on" : ""}"
  strip_both   = "a ${~ var.env ~} b"
  strip_left   = "a   ${~var.env} b"
  strip_right  = "a ${var.env~}   b"
  escaped_and  = "$${literal} ${var.env} %%{literal}"
  math         = "${1 + 2 * 3}"
  index        = "${local.list[0]}"
  splat        = "${join(",", aws_iam_role.app[*].arn)}"
  multi_line_interp = "${join(",", [
    "a",
    "b",
  ])}"
}
