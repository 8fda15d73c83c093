// Deterministic generator of random DynamoDB-focused IAM cases for the differential
// test: every condition operator family, qualifiers, IfExists, missing and empty keys,
// policy variables (defaults, escapes, absent), the three Version forms, Deny,
// NotAction/NotResource and wildcards. Each case carries `tags` naming the features
// on which ddbguard and iam-simulate are known to differ (known-differences.json).
//
// usage: node gen_cases.js COUNT SEED > cases.jsonl
'use strict';

const count = Number(process.argv[2] || 12000);
let seed = Number(process.argv[3] || 20240501) >>> 0;

function rand() {  // mulberry32
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const some = (xs, min, max) => {
  const n = min + Math.floor(rand() * (max - min + 1));
  const out = [];
  for (let i = 0; i < n; i++) out.push(pick(xs));
  return out;
};

const ACCT = '123456789012';
const T = `arn:aws:dynamodb:us-east-1:${ACCT}:table`;
const SUBS = ['us-east-1:aaaa', 'us-east-1:bbbb'];

const ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PutItem', 'dynamodb:UpdateItem',
  'dynamodb:DeleteItem', 'dynamodb:BatchGetItem', 'dynamodb:GetRecords', 'dynamodb:DescribeTable'];
const ACTION_PATTERNS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:*', 'dynamodb:Get*', 'dynamodb:*Item',
  '*', 'dynamodb:?etItem', 'dynamodb:Scan', 'dynamodb:PutItem', 'DynamoDB:getitem', 'dynamodb:Batch*',
  'dynamodb:*Records', 'dynamodb:Describe*'];
const RESOURCES = [`${T}/Users`, `${T}/Users2`, `${T}/Users/index/ByEmail`,
  `${T}/Users/stream/2024-01-01T00:00:00.000`, `${T}/alice`, `${T}/Other`,
  `arn:aws:dynamodb:eu-west-1:${ACCT}:table/Users`];
const RESOURCE_PATTERNS = ['*', `${T}/Users`, `${T}/Users*`, `${T}/Users/index/*`, `arn:aws:dynamodb:*:*:table/Users`,
  `${T}/\${aws:username}`, `${T}/Other`, `${T}/Users/stream/*`, `arn:aws:dynamodb:*:${ACCT}:table/*`,
  `${T}/Use?s`, `${T}/\${aws:username, 'alice'}`];

// key -> [type, multivalued, request values, policy values]
const KEYS = {
  'dynamodb:LeadingKeys': ['string', true, [...SUBS, 'alice', 'bob', 'other'],
    [...SUBS, 'alice', '${cognito-identity.amazonaws.com:sub}', '${aws:username}', 'us-east-1:*', '${aws:nosuchkey}']],
  'dynamodb:Attributes': ['string', true, ['id', 'name', 'email', 'salary'], ['id', 'name', 'email', 'na*', '?d']],
  'dynamodb:Select': ['string', false, ['ALL_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT', 'count'],
    ['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_*']],
  'dynamodb:ReturnValues': ['string', false, ['NONE', 'ALL_OLD', 'ALL_NEW', 'UPDATED_NEW'], ['NONE', 'UPDATED_*', 'ALL_NEW']],
  'aws:username': ['string', false, ['alice', 'bob', 'Alice'], ['alice', 'bob', '${aws:PrincipalTag/team}', 'a*']],
  'aws:PrincipalTag/team': ['string', false, ['red', 'blue', 'alice'], ['red', 'blue', '${aws:username}', 'r?d']],
  'aws:RequestedRegion': ['string', false, ['us-east-1', 'eu-west-1'], ['us-east-1', 'eu-*', 'US-EAST-1']],
  'aws:MultiFactorAuthAge': ['numeric', false, ['0', '100', '3600', '7200'], ['0', '3600', '100.5', '7200']],
  'aws:CurrentTime': ['date', false, ['2024-03-01T12:00:00Z', '2024-06-01T00:00:00Z', '1704067200', '2025-01-01T00:00:00Z'],
    ['2024-01-01T00:00:00Z', '2024-06-01T00:00:00Z', '1717200000', '2024-12-31T23:59:59Z']],
  'aws:SecureTransport': ['bool', false, ['true', 'false'], ['true', 'false']],
  'aws:MultiFactorAuthPresent': ['bool', false, ['true', 'false'], ['true', 'false']],
  'aws:SourceIp': ['ip', false, ['10.1.2.3', '192.168.1.77', '192.168.2.1', '2001:db8::1', '2001:db9::1', '203.0.113.5'],
    ['10.0.0.0/8', '192.168.1.0/24', '2001:db8::/32', '203.0.113.5', '203.0.113.0/24']],
  'aws:PrincipalArn': ['arn', false, [`arn:aws:iam::${ACCT}:role/app`, `arn:aws:iam::${ACCT}:role/admin`,
    'arn:aws:iam::111122223333:role/admin'],
    [`arn:aws:iam::${ACCT}:role/app`, `arn:aws:iam::${ACCT}:role/*`, 'arn:aws:iam::*:role/admin',
      `arn:aws:iam::${ACCT}:role/\${aws:username}`]],
};
const VARIABLES = { 'aws:username': ['alice', 'bob'], 'cognito-identity.amazonaws.com:sub': SUBS, 'aws:PrincipalTag/team': ['red', 'alice'] };

const OPS = {
  string: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'],
  numeric: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
  date: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
  bool: ['Bool'],
  ip: ['IpAddress', 'NotIpAddress'],
  arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
};
const isNegated = (op) => /Not/.test(op);

function condition(tags, state) {
  const cond = {};
  const n = 1 + Math.floor(rand() * 2);
  for (let i = 0; i < n; i++) {
    const key = pick(Object.keys(KEYS));
    const [type, multi, , policyValues] = KEYS[key];
    if (chance(0.1)) {
      cond.Null = Object.assign(cond.Null || {}, { [key]: pick(['true', 'false']) });
      continue;
    }
    let base = pick(OPS[type]);
    let qualifier = '';
    const q = rand();
    if (multi) qualifier = q < 0.45 ? 'ForAllValues:' : q < 0.85 ? 'ForAnyValue:' : '';
    else qualifier = q < 0.08 ? 'ForAllValues:' : q < 0.16 ? 'ForAnyValue:' : '';
    const ifExists = chance(0.2) ? 'IfExists' : '';
    let values = some(policyValues, 1, 3);
    if (type === 'string' && base.includes('Like') && chance(0.05)) values.push(pick(['a${*}', '${?}lice', '${$}x']));
    if (type === 'string' && chance(0.05)) values.push("${aws:username, 'alice'}");
    const op = qualifier + base + ifExists;
    cond[op] = Object.assign(cond[op] || {}, { [key]: values.length === 1 && chance(0.5) ? values[0] : values });
    if (multi && !qualifier) tags.add('multivalued-unqualified');
    if (qualifier && ifExists) tags.add('ifexists-with-qualifier');
    state.conditions.push({ op, base, key, values, negated: isNegated(base), multi });
  }
  return cond;
}

function statement(tags, state) {
  const s = { Effect: chance(0.25) ? 'Deny' : 'Allow' };
  const actions = some(ACTION_PATTERNS, 1, 2);
  s[chance(0.1) ? 'NotAction' : 'Action'] = actions.length === 1 ? actions[0] : actions;
  const resources = some(RESOURCE_PATTERNS, 1, 2);
  const notResource = chance(0.1);
  s[notResource ? 'NotResource' : 'Resource'] = resources.length === 1 ? resources[0] : resources;
  state.resources.push(...resources);
  if (notResource) state.notResources.push(...resources);
  if (chance(0.75)) s.Condition = condition(tags, state);
  return s;
}

function variablesIn(text) {
  const out = [];
  const re = /\$\{([^}]*)\}/g;
  let m;
  while ((m = re.exec(text))) {
    const inner = m[1];
    if (inner === '*' || inner === '?' || inner === '$') { out.push({ escape: true }); continue; }
    const comma = inner.indexOf(',');
    out.push({ key: (comma < 0 ? inner : inner.slice(0, comma)).trim(), hasDefault: comma >= 0 });
  }
  return out;
}

const lines = [];
for (let id = 1; id <= count; id++) {
  const tags = new Set();
  const policies = [];
  const npol = chance(0.2) ? 2 : 1;
  const states = [];
  for (let p = 0; p < npol; p++) {
    const r = rand();
    const version = r < 0.75 ? '2012-10-17' : r < 0.88 ? '2008-10-17' : undefined;
    const state = { version, conditions: [], resources: [], notResources: [] };
    const statements = [];
    const ns = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < ns; i++) statements.push(statement(tags, state));
    const policy = version ? { Version: version, Statement: statements } : { Statement: statements };
    if (version !== '2012-10-17' && JSON.stringify(policy).includes('${')) tags.add('no-substitution-version');
    policies.push(policy);
    states.push(state);
  }
  // The request.
  const context = {};
  for (const [key, [, multi, values]] of Object.entries(KEYS)) {
    if (key in VARIABLES) continue;
    if (chance(0.45)) continue;
    if (multi) context[key] = chance(0.1) ? [] : [...new Set(some(values, 1, 3))];
    else context[key] = pick(values);
  }
  for (const [key, values] of Object.entries(VARIABLES)) if (chance(0.7)) context[key] = pick(values);
  const present = (k) => Object.keys(context).some((c) => c.toLowerCase() === k.toLowerCase());
  for (const [key, value] of Object.entries(context)) if (Array.isArray(value) && value.length === 0) tags.add('empty-set');
  for (const state of states) {
    if (state.version !== '2012-10-17') continue;
    for (const c of state.conditions) {
      for (const v of c.values) {
        for (const variable of variablesIn(v)) {
          if (variable.escape) tags.add('variable-escape');
          else if (!variable.hasDefault && !present(variable.key)) tags.add(c.negated ? 'negated-unresolved-variable' : 'unresolved-variable');
          else if (variable.hasDefault) tags.add('variable-default');
        }
      }
    }
    for (const r of state.resources) for (const variable of variablesIn(r)) if (variable.hasDefault) tags.add('variable-default');
    for (const r of state.notResources)
      for (const variable of variablesIn(r))
        if (!variable.escape && !variable.hasDefault && !present(variable.key)) tags.add('notresource-unresolved-variable');
  }
  const epoch = (v) => /^[0-9]+$/.test(v);
  const v6 = (v) => v.includes(':');
  for (const state of states) {
    for (const c of state.conditions) {
      const requestValue = context[c.key];
      if (requestValue === undefined) continue;
      if (c.base.startsWith('Date') && (c.values.some(epoch) || epoch(requestValue))) tags.add('date-epoch');
      if (/IpAddress$/.test(c.base) && c.values.some((v) => !v.includes('/') && v6(v) !== v6(requestValue)))
        tags.add('ip-address-without-prefix-other-family');
    }
  }
  const request = { action: pick(ACTIONS), resource: pick(RESOURCES), context };
  lines.push(JSON.stringify({ id, tags: [...tags].sort(), policies, request }));
}
process.stdout.write(lines.join('\n') + '\n');
