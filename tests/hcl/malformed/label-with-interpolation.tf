resource "aws_iam_role" "${var.name}" {
  name = "x"
}
