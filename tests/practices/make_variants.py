#!/usr/bin/env python3
"""Writes the practice fixtures: examples/templates/complete-stack.yaml and
examples/terraform/complete-stack/main.tf (a stack that meets the twelve DynamoDB security
practices, in each format) with one thing broken at a time, as
policies/<check>/bad-complete-stack-<what>.yaml and
policies/<check>/bad-tf-complete-stack-<what>/main.tf. The fixture test then holds each to its
.expect file (one finding of its check). Run from the repository root after editing the
complete stack, then refresh the .expect files (DDBGUARD_UPDATE_EXPECT=1, see README)."""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BASE = (ROOT / "examples/templates/complete-stack.yaml").read_text()
TF_BASE = (ROOT / "examples/terraform/complete-stack/main.tf").read_text()


def replace(old, new):
    def edit(text):
        if old not in text:
            sys.exit(f"make_variants: the complete stack no longer contains {old!r}")
        return text.replace(old, new, 1)
    return edit


GUEST_ROLE = """  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: {cognito-identity.amazonaws.com:aud: !Ref IdentityPool}
              ForAnyValue:StringLike: {cognito-identity.amazonaws.com:amr: unauthenticated}
      Policies:
        - PolicyName: GuestNotes
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [dynamodb:GetItem, dynamodb:PutItem]
                Resource: !GetAtt Notes.Arn
                Condition:
                  ForAllValues:StringEquals:
                    dynamodb:LeadingKeys: ["${cognito-identity.amazonaws.com:sub}"]
  RoleAttachment:"""

IAM_USER = """  ReportingUser:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: ReadNotes
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [dynamodb:GetItem, dynamodb:Query]
                Resource: !GetAtt Notes.Arn
              - Sid: DenyWithoutTls
                Effect: Deny
                Action: dynamodb:*
                Resource: "*"
                Condition: {Bool: {aws:SecureTransport: "false"}}
  ReportingUserKey:
    Type: AWS::IAM::AccessKey
    Properties: {UserName: !Ref ReportingUser}
  Vpc:"""

VARIANTS = {
    ("table-sse-owned-key", "owned-key"): [
        replace("      SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref TableKey}\n", "")],
    ("table-pitr-disabled", "pitr-off"): [
        replace("PointInTimeRecoveryEnabled: true", "PointInTimeRecoveryEnabled: false")],
    ("table-deletion-protection-disabled", "deletion-protection-off"): [
        replace("DeletionProtectionEnabled: true", "DeletionProtectionEnabled: false")],
    ("table-without-stream", "no-stream"): [
        replace("      StreamSpecification: {StreamViewType: KEYS_ONLY}\n", "")],
    ("table-missing-tags", "no-environment-tag"): [
        replace("        - {Key: Environment, Value: production}\n", "")],
    ("stream-images-row-scoped", "stream-images-read"): [
        replace("StreamViewType: KEYS_ONLY", "StreamViewType: NEW_AND_OLD_IMAGES"),
        replace("""                Action: [dynamodb:GetItem, dynamodb:Query]
                Resource: !GetAtt Notes.Arn
""", """                Action: [dynamodb:GetItem, dynamodb:Query]
                Resource: !GetAtt Notes.Arn
              - Effect: Allow
                Action: [dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator]
                Resource: !GetAtt Notes.StreamArn
""")],
    ("iam-user-data-access", "iam-user"): [replace("  Vpc:", IAM_USER)],
    ("unscoped-end-user-access", "no-row-filter"): [
        replace("""                Resource: !GetAtt Notes.Arn
                Condition:
                  ForAllValues:StringEquals:
                    dynamodb:LeadingKeys: ["${cognito-identity.amazonaws.com:sub}"]
""", """                Resource: !GetAtt Notes.Arn
""")],
    ("identity-pool-guest-writes", "guest-writes"): [
        replace("AllowUnauthenticatedIdentities: false", "AllowUnauthenticatedIdentities: true"),
        replace("  RoleAttachment:", GUEST_ROLE),
        replace("        authenticated: !GetAtt UserRole.Arn\n",
                "        authenticated: !GetAtt UserRole.Arn\n        unauthenticated: !GetAtt GuestRole.Arn\n")],
    ("identity-pool-classic-flow", "classic-flow"): [
        replace("AllowClassicFlow: false", "AllowClassicFlow: true"),
        replace("              ForAnyValue:StringLike: {cognito-identity.amazonaws.com:amr: authenticated}\n", "")],
    ("kms-key-account-wide", "key-without-via-service"): [
        replace("""              StringLike: {kms:ViaService: "dynamodb.*.amazonaws.com"}\n""", "")],
    ("kms-grant-without-via-service", "open-key-grant"): [
        replace("""                Resource: !GetAtt TableKey.Arn
                Condition:
                  StringEquals: {kms:EncryptionContext:aws-crypto-table-name: notes}
""", """                Resource: !GetAtt TableKey.Arn
""")],
    ("vpc-without-dynamodb-endpoint", "no-endpoint"): [
        replace("""  DynamoDBEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub "com.amazonaws.${AWS::Region}.dynamodb"
      VpcEndpointType: Gateway
      RouteTableIds: [!Ref PrivateRoutes]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: [dynamodb:GetItem, dynamodb:Query, dynamodb:PutItem]
            Resource: !GetAtt Notes.Arn
""", ""),
        replace("aws:SourceVpce: !Ref DynamoDBEndpoint", "aws:SourceVpc: !Ref Vpc")],
    ("vpc-endpoint-policy-open", "open-endpoint-policy"): [
        replace("""            Action: [dynamodb:GetItem, dynamodb:Query, dynamodb:PutItem]
            Resource: !GetAtt Notes.Arn
""", """            Action: "*"
            Resource: "*"
""")],
    ("trail-without-dynamodb-data-events", "trail-without-data-events"): [
        replace("""          DataResources:
            - Type: AWS::DynamoDB::Table
              Values: [!GetAtt Notes.Arn]
""", "")],
    ("config-without-dynamodb-rules", "config-without-dynamodb-rules"): [
        replace("SourceIdentifier: DYNAMODB_PITR_ENABLED", "SourceIdentifier: S3_BUCKET_VERSIONING_ENABLED"),
        replace("SourceIdentifier: DYNAMODB_TABLE_ENCRYPTED_KMS", "SourceIdentifier: CLOUDTRAIL_ENABLED")],
    ("monitoring-tamper", "tamper-with-trail"): [
        replace("""                Action: [dynamodb:GetItem, dynamodb:Query]
                Resource: !GetAtt Notes.Arn
""", """                Action: [dynamodb:GetItem, dynamodb:Query]
                Resource: !GetAtt Notes.Arn
              - Effect: Allow
                Action: [cloudtrail:StopLogging, cloudtrail:DescribeTrails]
                Resource: "*"
""")],
}


TF_TLS_DENY = """  statement {
    sid       = "DenyWithoutTls"
    effect    = "Deny"
    actions   = ["dynamodb:*"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
"""

TF_GUEST_ROLE = """data "aws_iam_policy_document" "guest_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [aws_cognito_identity_pool.notes.id]
    }
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["unauthenticated"]
    }
  }
}

resource "aws_iam_role" "guest" {
  name               = "notes-guest"
  assume_role_policy = data.aws_iam_policy_document.guest_trust.json
}

data "aws_iam_policy_document" "guest_notes" {
  statement {
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
    resources = [aws_dynamodb_table.notes.arn]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "dynamodb:LeadingKeys"
      values   = ["&{cognito-identity.amazonaws.com:sub}"]
    }
  }
""" + TF_TLS_DENY + """}

resource "aws_iam_role_policy" "guest_notes" {
  name   = "guest-notes"
  role   = aws_iam_role.guest.id
  policy = data.aws_iam_policy_document.guest_notes.json
}

resource "aws_cognito_identity_pool_roles_attachment" "notes" {"""

TF_IAM_USER = """resource "aws_iam_user" "reporting" {
  name = "reporting"
}

resource "aws_iam_user_policy" "reporting" {
  name = "read-notes"
  user = aws_iam_user.reporting.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem", "dynamodb:Query"]
        Resource = aws_dynamodb_table.notes.arn
      },
      {
        Sid       = "DenyWithoutTls"
        Effect    = "Deny"
        Action    = "dynamodb:*"
        Resource  = "*"
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

resource "aws_iam_access_key" "reporting" {
  user = aws_iam_user.reporting.name
}

resource "aws_vpc" "main" {"""

TF_EXPORT_READ = """        Action   = ["dynamodb:GetItem", "dynamodb:Query"]
        Resource = aws_dynamodb_table.notes.arn
      },
"""

TF_ENDPOINT = """resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.dynamodb"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"]
      Resource  = aws_dynamodb_table.notes.arn
    }]
  })
}

"""

TF_VARIANTS = {
    ("table-sse-owned-key", "owned-key"): [
        replace("""  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.table.arn
  }

""", "")],
    ("table-pitr-disabled", "pitr-off"): [
        replace("""  point_in_time_recovery {
    enabled = true
  }""", """  point_in_time_recovery {
    enabled = false
  }""")],
    ("table-deletion-protection-disabled", "deletion-protection-off"): [
        replace("deletion_protection_enabled = true", "deletion_protection_enabled = false")],
    ("table-without-stream", "no-stream"): [
        replace("""  stream_enabled              = true
  stream_view_type            = "KEYS_ONLY"
""", "")],
    ("table-missing-tags", "no-environment-tag"): [replace("""    Environment = "production"
""", "")],
    ("stream-images-row-scoped", "stream-images-read"): [
        replace('stream_view_type            = "KEYS_ONLY"', 'stream_view_type            = "NEW_AND_OLD_IMAGES"'),
        replace(TF_EXPORT_READ, TF_EXPORT_READ + """      {
        Effect   = "Allow"
        Action   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]
        Resource = aws_dynamodb_table.notes.stream_arn
      },
""")],
    ("iam-user-data-access", "iam-user"): [replace('resource "aws_vpc" "main" {', TF_IAM_USER)],
    ("unscoped-end-user-access", "no-row-filter"): [
        replace("""    resources = [aws_dynamodb_table.notes.arn]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "dynamodb:LeadingKeys"
      values   = ["&{cognito-identity.amazonaws.com:sub}"]
    }
""", """    resources = [aws_dynamodb_table.notes.arn]
""")],
    ("identity-pool-guest-writes", "guest-writes"): [
        replace("allow_unauthenticated_identities = false", "allow_unauthenticated_identities = true"),
        replace('resource "aws_cognito_identity_pool_roles_attachment" "notes" {', TF_GUEST_ROLE),
        replace("""    authenticated = aws_iam_role.user.arn
""", """    authenticated   = aws_iam_role.user.arn
    unauthenticated = aws_iam_role.guest.arn
""")],
    ("identity-pool-classic-flow", "classic-flow"): [
        replace("allow_classic_flow               = false", "allow_classic_flow               = true"),
        replace("""    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["authenticated"]
    }
""", "")],
    ("kms-key-account-wide", "key-without-via-service"): [
        replace("""    condition {
      test     = "StringLike"
      variable = "kms:ViaService"
      values   = ["dynamodb.*.amazonaws.com"]
    }
""", "")],
    ("kms-grant-without-via-service", "open-key-grant"): [
        replace("""    resources = [aws_kms_key.table.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws-crypto-table-name"
      values   = ["notes"]
    }
""", """    resources = [aws_kms_key.table.arn]
""")],
    ("vpc-without-dynamodb-endpoint", "no-endpoint"): [
        replace(TF_ENDPOINT, ""),
        replace('{ "aws:SourceVpce" = aws_vpc_endpoint.dynamodb.id }', '{ "aws:SourceVpc" = aws_vpc.main.id }')],
    ("vpc-endpoint-policy-open", "open-endpoint-policy"): [
        replace("""      Action    = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"]
      Resource  = aws_dynamodb_table.notes.arn
""", """      Action    = "*"
      Resource  = "*"
""")],
    ("trail-without-dynamodb-data-events", "trail-without-data-events"): [
        replace("""
    data_resource {
      type   = "AWS::DynamoDB::Table"
      values = [aws_dynamodb_table.notes.arn]
    }
""", "")],
    ("config-without-dynamodb-rules", "config-without-dynamodb-rules"): [
        replace('source_identifier = "DYNAMODB_PITR_ENABLED"', 'source_identifier = "S3_BUCKET_VERSIONING_ENABLED"'),
        replace('source_identifier = "DYNAMODB_TABLE_ENCRYPTED_KMS"', 'source_identifier = "CLOUDTRAIL_ENABLED"')],
    ("monitoring-tamper", "tamper-with-trail"): [
        replace(TF_EXPORT_READ, TF_EXPORT_READ + """      {
        Effect   = "Allow"
        Action   = ["cloudtrail:StopLogging", "cloudtrail:DescribeTrails"]
        Resource = "*"
      },
""")],
}


def write_variants(base, variants, source, place):
    """Applies each variant's edits to `base` and writes the result where `place` says."""
    for (check, what), edits in variants.items():
        text = base
        for edit in edits:
            text = edit(text)
        header = (f"# {source} with one practice broken: {what}.\n"
                  "# Written by tests/practices/make_variants.py; edit that script, not this file.\n")
        body = "\n".join(l for l in text.splitlines() if not l.startswith("# ")).lstrip("\n") + "\n"
        out = ROOT / "policies" / check / place(what)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(header + body)
        print(out.relative_to(ROOT))


def main():
    write_variants(BASE, VARIANTS, "The complete stack (examples/templates/complete-stack.yaml)",
                   lambda what: f"bad-complete-stack-{what}.yaml")
    write_variants(TF_BASE, TF_VARIANTS, "The complete module (examples/terraform/complete-stack)",
                   lambda what: f"bad-tf-complete-stack-{what}/main.tf")


if __name__ == "__main__":
    main()
