locals {
  simple   = var.enabled ? "yes" : "no"
  nested   = var.a ? "a" : var.b ? "b" : "c"
  in_then  = var.a ? (var.b ? 1 : 2) : 3
  compare  = var.count > 0 ? var.count : 1
  objects  = var.public ? { Principal = "*" } : { Principal = { AWS = var.account } }
  lists    = length(var.tables) > 0 ? var.tables : ["default"]
  multi    = (
    var.env == "prod"
    ? "production"
    : "non-production"
  )
  null_alt = var.kms_key_arn != null ? var.kms_key_arn : null
}
