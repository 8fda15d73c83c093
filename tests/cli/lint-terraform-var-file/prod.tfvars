# The values of an apply: the policy's actions and the document passed in.
actions = ["dynamodb:GetItem", "dynamodb:Query"]
policy_json = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"dynamodb:PutItem\", \"Resource\": \"arn:aws:dynamodb:us-east-1:111122223333:table/Orders\"}]}"
