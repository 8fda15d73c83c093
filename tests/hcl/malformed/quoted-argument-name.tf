locals {
  "name" = "x"
}
