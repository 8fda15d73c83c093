locals {
  a = "windows line endings"
  b = [
    1,
    2,
  ]
  c = <<EOF
heredoc with CRLF
EOF
  d = <<-EOF
    flush
      more
    EOF
}
# comment
