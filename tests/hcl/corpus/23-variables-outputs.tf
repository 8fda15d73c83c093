variable "region" {
  type        = string
  description = "AWS region"
  default     = "us-east-1"
}

variable "table_names" {
  type    = list(string)
  default = ["orders", "customers"]
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "settings" {
  type = object({
    read_only = bool
    actions   = list(string)
    limits    = optional(map(number), {})
  })
  default = {
    read_only = true
    actions   = ["dynamodb:GetItem"]
  }
}

variable "kms_key_arn" {
  type      = string
  default   = null
  sensitive = true
  nullable  = true

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws:kms:", var.kms_key_arn))
    error_message = "The kms_key_arn must be a KMS key ARN."
  }
}

variable "any_value" {
  type = any
}

output "region" {
  value       = var.region
  description = "The region"
}

output "secret" {
  value     = var.kms_key_arn
  sensitive = true
  depends_on = [
    aws_kms_key.orders,
  ]
}
