locals {
  action = 'dynamodb:Scan'
}
