locals {
  policy = "{
    \"Version\": \"2012-10-17\"
  }"
}
