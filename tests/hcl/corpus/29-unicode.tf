# Ünïcödé comments: 日本語 🎉
locals {
  café     = "identifier with an accent"
  名前     = "a name in Japanese"
  greeting = "héllo wörld ${local.café}"
  emoji    = "🎉🎉 ${local.名前} 🎉"
  tabbed	=	"tabs around the equals sign"
}

resource "aws_dynamodb_table" "ünïcode" {
  name = "tablé"
}
