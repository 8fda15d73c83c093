#!/usr/bin/env python3
"""Writes the practice fixtures: examples/templates/complete-stack.yaml (a stack that meets
the twelve DynamoDB security practices) with one thing broken at a time, as
policies/<check>/bad-complete-stack-<what>.yaml. The fixture test then holds each to its
.expect file (one finding of its check). Run from the repository root after editing the
complete stack, then refresh the .expect files (DDBGUARD_UPDATE_EXPECT=1, see README)."""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BASE = (ROOT / "examples/templates/complete-stack.yaml").read_text()


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


def main():
    for (check, what), edits in VARIANTS.items():
        text = BASE
        for edit in edits:
            text = edit(text)
        header = (f"# The complete stack (examples/templates/complete-stack.yaml) with one practice broken: {what}.\n"
                  "# Written by tests/practices/make_variants.py; edit that script, not this file.\n")
        body = "\n".join(l for l in text.splitlines() if not l.startswith("# ")) + "\n"
        out = ROOT / "policies" / check / f"bad-complete-stack-{what}.yaml"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(header + body)
        print(out.relative_to(ROOT))


if __name__ == "__main__":
    main()
