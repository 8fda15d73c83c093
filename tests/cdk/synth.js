// Synthesizes small AWS CDK apps with plain node (no cdk CLI): new App({outdir}), app.synth().
// usage: node synth.js NODE_MODULES_PREFIX OUTDIR
"use strict";
const path = require("path");
const prefix = path.resolve(process.argv[2]);
const outdir = path.resolve(process.argv[3]);
const load = (name) => require(path.join(prefix, "node_modules", name));
const cdk = load("aws-cdk-lib");
const dynamodb = load("aws-cdk-lib/aws-dynamodb");
const iam = load("aws-cdk-lib/aws-iam");
const cognito = load("aws-cdk-lib/aws-cognito");

// An identity pool and the role it hands to authenticated users.
function identityPoolRole(stack) {
  const pool = new cognito.CfnIdentityPool(stack, "Pool", { allowUnauthenticatedIdentities: false });
  const role = new iam.Role(stack, "AuthenticatedRole", {
    assumedBy: new iam.FederatedPrincipal(
      "cognito-identity.amazonaws.com",
      {
        StringEquals: { "cognito-identity.amazonaws.com:aud": pool.ref },
        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
      },
      "sts:AssumeRoleWithWebIdentity",
    ),
  });
  new cognito.CfnIdentityPoolRoleAttachment(stack, "RoleAttachment", {
    identityPoolId: pool.ref,
    roles: { authenticated: role.roleArn },
  });
  return role;
}

const rowFilter = {
  "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"] },
};

// The cdk CLI turns on path metadata (Metadata aws:cdk:path on each resource) by default.
const app = new cdk.App({ outdir, context: { "aws:cdk:enable-path-metadata": true } });

// 1. table.grantReadWriteData(identityPoolAuthenticatedRole): every user reads every row.
{
  const stack = new cdk.Stack(app, "GrantStack");
  const table = new dynamodb.Table(stack, "Notes", {
    partitionKey: { name: "userId", type: dynamodb.AttributeType.STRING },
  });
  table.grantReadWriteData(identityPoolRole(stack));
}

// 2. A row-scoped statement: each user reaches only the partition of their identity id.
{
  const stack = new cdk.Stack(app, "RowScopedStack");
  const table = new dynamodb.Table(stack, "Notes", {
    partitionKey: { name: "userId", type: dynamodb.AttributeType.STRING },
    sortKey: { name: "noteId", type: dynamodb.AttributeType.STRING },
  });
  identityPoolRole(stack).addToPolicy(
    new iam.PolicyStatement({
      actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      resources: [table.tableArn],
      conditions: rowFilter,
    }),
  );
}

// 3. A global secondary index keyed on another attribute, granted under the row filter.
{
  const stack = new cdk.Stack(app, "IndexStack");
  const table = new dynamodb.Table(stack, "Tasks", {
    partitionKey: { name: "owner", type: dynamodb.AttributeType.STRING },
    sortKey: { name: "taskId", type: dynamodb.AttributeType.STRING },
  });
  table.addGlobalSecondaryIndex({
    indexName: "ByAssignee",
    partitionKey: { name: "assignee", type: dynamodb.AttributeType.STRING },
  });
  identityPoolRole(stack).addToPolicy(
    new iam.PolicyStatement({
      actions: ["dynamodb:GetItem", "dynamodb:Query"],
      resources: [table.tableArn, `${table.tableArn}/index/*`],
      conditions: rowFilter,
    }),
  );
}

app.synth();
