locals {
  path = "C:\temp\policy.json"
}
