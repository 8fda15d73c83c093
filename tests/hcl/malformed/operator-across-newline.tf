locals {
  total = var.a +
    var.b
}
