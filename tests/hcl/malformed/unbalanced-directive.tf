locals {
  list = "%{ for t in var.tables }${t},"
}
