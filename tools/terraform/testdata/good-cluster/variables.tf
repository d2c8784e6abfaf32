variable "region" {
  type        = string
  description = "AWS region."
  default     = "eu-west-1"
}

variable "subnet_ids" {
  type = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "At least two subnets."
  }
}

variable "vpc_id" {
  type = string
}

variable "readers" {
  type    = number
  default = 2
}

variable "ingress_cidrs" {
  type    = map(string)
  default = {}
}
