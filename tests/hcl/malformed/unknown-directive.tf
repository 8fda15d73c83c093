locals {
  x = "%{ elif var.a }a%{ endif }"
}
