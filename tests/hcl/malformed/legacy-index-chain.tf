output "id" {
  value = aws_instance.web.0.1
}
