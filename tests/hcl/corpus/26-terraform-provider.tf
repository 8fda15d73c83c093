terraform {
  required_version = ">= 1.3"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 6.0"
    }
  }

  backend "s3" {
    bucket         = "state-bucket"
    key            = "dynamodb/terraform.tfstate"
    region         = "us-east-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}

provider "aws" {
  region = var.region

  assume_role {
    role_arn     = "arn:aws:iam::${var.account_id}:role/deploy"
    session_name = "terraform"
  }

  default_tags {
    tags = {
      Project = "ddbguard-example"
    }
  }
}

provider "aws" {
  alias  = "replica"
  region = "eu-west-1"
}
