// Decides each case of a JSON-lines file with @cloud-copilot/iam-simulate (AGPL-3.0,
// installed into the build folder by install_oracle.sh, used by tests only).
//
// Its public runSimulation() drops every context key that its data does not list for
// the action (cognito-identity.amazonaws.com:sub among them), so this calls the
// internal authorize() of core_engine/CoreSimulatorEngine.js with the unfiltered
// context, the way runSimulation() itself calls it after filtering.
//
// usage: node oracle.js NODE_PREFIX CASES.jsonl > decisions.jsonl
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');

const prefix = process.argv[2];
const casesFile = process.argv[3];
const modules = path.join(prefix, 'node_modules', '@cloud-copilot');
const cjs = path.join(modules, 'iam-simulate', 'dist', 'cjs');
const { authorize } = require(path.join(cjs, 'core_engine', 'CoreSimulatorEngine.js'));
const { AwsRequestImpl } = require(path.join(cjs, 'request', 'request.js'));
const { RequestContextImpl } = require(path.join(cjs, 'requestContext.js'));
const { DiscoveryContextKeyConstraints } = require(path.join(cjs, 'context_keys', 'discoveryContextKeyConstraints.js'));
const { loadPolicy } = require('module').createRequire(path.join(cjs, 'index.js'))('@cloud-copilot/iam-policy');

const PRINCIPAL = 'arn:aws:iam::123456789012:role/app';
const ACCOUNT = '123456789012';
const DECISION = { Allowed: 'allow', ImplicitlyDenied: 'implicit-deny', ExplicitlyDenied: 'explicit-deny' };

function decide(c) {
  const identityPolicies = c.policies.map((p, i) => loadPolicy(p, { name: `policy${i}` }));
  const request = new AwsRequestImpl(
    c.request.principal || PRINCIPAL,
    { resource: c.request.resource, accountId: ACCOUNT },
    c.request.action,
    new RequestContextImpl(c.request.context || {}),
    false
  );
  const result = authorize({
    request,
    sessionPolicy: undefined,
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: undefined,
    permissionBoundaries: undefined,
    vpcEndpointPolicies: [],
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: {}
  });
  return DECISION[result.result] || `unexpected:${result.result}`;
}

async function main() {
  const rl = readline.createInterface({ input: fs.createReadStream(casesFile), crlfDelay: Infinity });
  const out = [];
  for await (const line of rl) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    let decision;
    try {
      decision = decide(c);
    } catch (e) {
      decision = `error:${e.message}`;
    }
    out.push(JSON.stringify({ id: c.id, decision }));
  }
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
