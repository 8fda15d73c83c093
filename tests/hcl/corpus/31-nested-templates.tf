locals {
  nested_quotes = "a-${join("-", [for s in var.parts : "${s}-${upper("x${s}")}"])}-z"
  heredoc_in_interp = "${trimspace(<<EOT
  inside
EOT
  )}"
  directive_in_interp = "${"%{if var.on}yes%{else}no%{endif}"}"
  interp_in_heredoc = <<EOT
${jsonencode({ a = "b", c = [1, 2] })}
${"nested ${"deeper ${var.x}"}"}
EOT
  for_in_heredoc = <<-EOT
    %{~ for k, v in var.tags ~}
    ${k} = "${v}"
    %{~ endfor ~}
  EOT
}
