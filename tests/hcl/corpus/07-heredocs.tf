locals {
  plain = <<EOF
first line
  indented line
last line with $${escaped} and %%{escaped}
EOF

  flush = <<-EOT
    four spaces
      six spaces

    after a blank line
    EOT

  flush_tabs = <<-EOT
		two tabs
			three tabs
		EOT

  interpolated = <<EOF
table ${var.table}
account ${data.aws_caller_identity.current.account_id}
EOF

  flush_interpolated = <<-EOF
      name: ${var.name}
    region: ${var.region}
  EOF

  starts_with_interp = <<-EOF
    ${var.first}
      second
    EOF

  empty = <<EOF
EOF

  marker_indented = <<EOF
content
      EOF

  in_call = trimspace(<<EOF
  padded text
EOF
  )

  in_tuple = [<<EOF
one
EOF
  , "two"]

  other_marker = <<POLICY
{"Version": "2012-10-17"}
POLICY

  marker_with_dash = <<END-OF-TEXT
END is not the marker
END-OF-TEXT
}
