resource "aws_iam_role" "app" {
  name = "app"

resource "aws_iam_role" "other" {
  name = "other"
}
