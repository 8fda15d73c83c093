terraform {
  required_version = ">= 1.5.0"
}

resource "aws_dynamodb_table" "orders" {
  name = "orders"
}

resource "aws_dynamodb_table" "customers" {
  name = "customers"
}

resource aws_s3_bucket logs {
  bucket = "logs"
}

data "aws_caller_identity" "current" {}

data "aws_region" "current" {
}

locals { one_line = "single-line block" }

settings "a" "b" "c" { deep = true }

empty {}
empty {}

outer {
  inner {
    innermost {
      value = 1
    }
  }
  inner {
    value = 2
  }
  sibling "x" {
    value = 3
  }
  sibling "y" {
    value = 4
  }
}

