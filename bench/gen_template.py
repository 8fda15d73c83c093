#!/usr/bin/env python3
"""Writes a CloudFormation template of about SIZE bytes (default 1,000,000) in the shape of AWS
CDK output, to stdout. Each unit is a DynamoDB table with an index, a Lambda function with its
service role and the DefaultPolicy that CDK's grantReadWriteData writes, an API Gateway resource
and method with the Lambda permission, a log group and an alarm; every fifth unit adds a Cognito
role with a row-scoped policy. Values use Fn::GetAtt, Fn::Join, Fn::Sub and Ref; every resource
has aws:cdk:path metadata. --dense leaves out everything but the tables and the IAM resources
(the worst case for ddbguard: about four times as many policies per megabyte).
usage: gen_template.py [SIZE] [--dense] > template.json"""
import json
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
size = int(args[0]) if args else 1_000_000
dense = "--dense" in sys.argv
resources = {
    "Pool": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": False}},
    "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "bench"}},
}
cognito_roles = []


def meta(path):
    return {"aws:cdk:path": "BenchStack/" + path}


def document(statements):
    return {"Version": "2012-10-17", "Statement": statements}


def unit(i):
    t, fn = f"Table{i:04d}", f"Fn{i:04d}"
    role = fn + "ServiceRole"
    out = {
        t: {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {
                "TableName": {"Fn::Sub": "bench-${AWS::StackName}-" + t.lower()},
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                "AttributeDefinitions": [{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "gsi1")],
                "GlobalSecondaryIndexes": [{"IndexName": "ByGsi1",
                                            "KeySchema": [{"AttributeName": "gsi1", "KeyType": "HASH"}],
                                            "Projection": {"ProjectionType": "ALL"}}],
                "BillingMode": "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            },
            "UpdateReplacePolicy": "Retain",
            "DeletionPolicy": "Retain",
            "Metadata": meta(t + "/Resource"),
        },
        role: {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": document([{"Action": "sts:AssumeRole", "Effect": "Allow",
                                                       "Principal": {"Service": "lambda.amazonaws.com"}}]),
                "ManagedPolicyArns": [{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"},
                                                         ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]]}],
            },
            "Metadata": meta(f"{fn}/ServiceRole/Resource"),
        },
        role + "DefaultPolicy": {
            "Type": "AWS::IAM::Policy",
            "Properties": {
                "PolicyName": role + "DefaultPolicy",
                "Roles": [{"Ref": role}],
                "PolicyDocument": document([{
                    "Action": ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
                               "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem",
                               "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem"],
                    "Effect": "Allow",
                    "Resource": [{"Fn::GetAtt": [t, "Arn"]},
                                 {"Fn::Join": ["", [{"Fn::GetAtt": [t, "Arn"]}, "/index/*"]]}],
                }]),
            },
            "Metadata": meta(f"{fn}/ServiceRole/DefaultPolicy/Resource"),
        },
    }
    if not dense:
        out[fn] = {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "Code": {"S3Bucket": {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"},
                         "S3Key": f"{i:064x}.zip"},
                "Role": {"Fn::GetAtt": [role, "Arn"]},
                "Environment": {"Variables": {"TABLE_NAME": {"Ref": t}, "POWERTOOLS_SERVICE_NAME": fn,
                                              "LOG_LEVEL": "INFO"}},
                "Handler": "index.handler", "Runtime": "nodejs20.x", "MemorySize": 512, "Timeout": 10,
                "TracingConfig": {"Mode": "Active"},
            },
            "DependsOn": [role + "DefaultPolicy", role],
            "Metadata": {**meta(f"{fn}/Resource"), "aws:asset:path": f"asset.{i:064x}",
                         "aws:asset:is-bundled": False, "aws:asset:property": "Code"},
        }
        out[fn + "Resource"] = {
            "Type": "AWS::ApiGateway::Resource",
            "Properties": {"ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "PathPart": f"items{i}",
                           "RestApiId": {"Ref": "Api"}},
            "Metadata": meta(f"Api/Default/items{i}/Resource"),
        }
        out[fn + "Method"] = {
            "Type": "AWS::ApiGateway::Method",
            "Properties": {
                "HttpMethod": "ANY", "ResourceId": {"Ref": fn + "Resource"}, "RestApiId": {"Ref": "Api"},
                "AuthorizationType": "AWS_IAM",
                "Integration": {"IntegrationHttpMethod": "POST", "Type": "AWS_PROXY",
                                "Uri": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":apigateway:",
                                                          {"Ref": "AWS::Region"}, ":lambda:path/2015-03-31/functions/",
                                                          {"Fn::GetAtt": [fn, "Arn"]}, "/invocations"]]}},
            },
            "Metadata": meta(f"Api/Default/items{i}/ANY/Resource"),
        }
        out[fn + "Permission"] = {
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "Action": "lambda:InvokeFunction", "FunctionName": {"Fn::GetAtt": [fn, "Arn"]},
                "Principal": "apigateway.amazonaws.com",
                "SourceArn": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":execute-api:",
                                                {"Ref": "AWS::Region"}, ":", {"Ref": "AWS::AccountId"}, ":",
                                                {"Ref": "Api"}, f"/*/*/items{i}"]]},
            },
            "Metadata": meta(f"Api/Default/items{i}/ANY/ApiPermission"),
        }
        out[fn + "Logs"] = {
            "Type": "AWS::Logs::LogGroup",
            "Properties": {"LogGroupName": {"Fn::Join": ["", ["/aws/lambda/", {"Ref": fn}]]}, "RetentionInDays": 30},
            "UpdateReplacePolicy": "Delete", "DeletionPolicy": "Delete",
            "Metadata": meta(f"{fn}/LogRetention/Resource"),
        }
        out[fn + "Errors"] = {
            "Type": "AWS::CloudWatch::Alarm",
            "Properties": {
                "ComparisonOperator": "GreaterThanOrEqualToThreshold", "EvaluationPeriods": 1, "Threshold": 1,
                "MetricName": "Errors", "Namespace": "AWS/Lambda", "Period": 300, "Statistic": "Sum",
                "Dimensions": [{"Name": "FunctionName", "Value": {"Ref": fn}}],
            },
            "Metadata": meta(f"{fn}/Errors/Resource"),
        }
    if i % 5 == 0:
        user = f"User{i:04d}Role"
        cognito_roles.append(user)
        out[user] = {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": document([{
                    "Action": "sts:AssumeRoleWithWebIdentity", "Effect": "Allow",
                    "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                    "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": "Pool"}},
                                  "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]),
                "Policies": [{"PolicyName": "own-rows", "PolicyDocument": document([{
                    "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"],
                    "Effect": "Allow",
                    "Resource": {"Fn::GetAtt": [t, "Arn"]},
                    "Condition": {"ForAllValues:StringEquals": {
                        "dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}}])}],
            },
            "Metadata": meta(f"User{i:04d}/Role/Resource"),
        }
    return out


i = 0
while True:
    resources.update(unit(i))
    i += 1
    if i % 8 == 0 and len(json.dumps({"Resources": resources}, indent=1)) >= size:
        break
if cognito_roles:
    resources["PoolRoles"] = {
        "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
        "Properties": {"IdentityPoolId": {"Ref": "Pool"},
                       "Roles": {"authenticated": {"Fn::GetAtt": [cognito_roles[0], "Arn"]}}},
    }
json.dump({"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}, sys.stdout, indent=1)
sys.stdout.write("\n")
