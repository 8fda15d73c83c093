locals {
  x = 1
}
y = <<EOF
text
EOF