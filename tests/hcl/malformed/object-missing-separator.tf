locals {
  tags = { Name = "orders" Env = "prod" }
}
