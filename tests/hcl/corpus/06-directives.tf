locals {
  if_only    = "%{if var.enabled}enabled%{endif}"
  if_else    = "%{if var.enabled}on%{else}off%{endif}"
  if_spaces  = "%{ if var.enabled }on%{ else }off%{ endif }"
  if_strip   = "%{ if var.enabled ~} yes %{~ else ~} no %{~ endif }"
  if_interp  = "%{if var.name != ""}name=${var.name}%{endif}"
  if_empty   = "%{if var.enabled}%{endif}"
  for_value  = "%{for t in var.tables}${t},%{endfor}"
  for_kv     = "%{for k, v in var.tags}${k}=${v};%{endfor}"
  for_strip  = "[%{ for t in var.tables ~} ${t} %{~ endfor }]"
  for_nested = "%{for t in var.tables}%{if t != "skip"}${t}%{endif}%{endfor}"
  for_call   = "%{for i, t in sort(var.tables)}${i}:${upper(t)} %{endfor}"
  escaped    = "%%{if not a directive}"

  rendered = <<-EOT
    %{ for name in var.tables ~}
    table: ${name}
    %{ endfor ~}
    %{ if var.enabled }
    enabled
    %{ else }
    disabled
    %{ endif }
  EOT

  arns = <<EOT
%{for t in var.tables~}
arn:aws:dynamodb:*:*:table/${t}
%{endfor~}
EOT
}
