// Compares ddbguard's decisions with iam-simulate's. A disagreement passes only when
// the case carries a tag listed in known-differences.json (each entry gives the AWS
// documentation reason why ddbguard is right); any other disagreement fails the test.
//
// usage: node compare.js CASES.jsonl OURS.jsonl THEIRS.jsonl KNOWN.json
'use strict';
const fs = require('fs');
const [casesFile, oursFile, theirsFile, knownFile] = process.argv.slice(2);
const lines = (f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const cases = lines(casesFile);
const ours = new Map(lines(oursFile).map((d) => [String(d.id), d.decision]));
const theirs = new Map(lines(theirsFile).map((d) => [String(d.id), d.decision]));
const known = JSON.parse(fs.readFileSync(knownFile, 'utf8')).differences;
const knownTags = new Set(known.map((k) => k.tag));

let failures = 0, agreed = 0;
const accepted = {};
const decisions = {};
for (const c of cases) {
  const id = String(c.id);
  const a = ours.get(id), b = theirs.get(id);
  decisions[a] = (decisions[a] || 0) + 1;
  if (a === undefined || b === undefined || !['allow', 'implicit-deny', 'explicit-deny'].includes(a) ||
      !['allow', 'implicit-deny', 'explicit-deny'].includes(b)) {
    failures++;
    console.error(`case ${id}: missing or invalid decision (ddbguard ${a}, iam-simulate ${b})`);
    continue;
  }
  if (a === b) { agreed++; continue; }
  const tag = (c.tags || []).find((t) => knownTags.has(t));
  if (tag) { accepted[tag] = (accepted[tag] || 0) + 1; continue; }
  failures++;
  if (failures <= 20)
    console.error(`case ${id}: ddbguard ${a}, iam-simulate ${b}, tags [${(c.tags || []).join(', ')}]\n  ${JSON.stringify({ policies: c.policies, request: c.request })}`);
}
console.log(`${cases.length} cases, ${agreed} agree; decisions: ${JSON.stringify(decisions)}`);
for (const k of known) console.log(`  known difference ${k.tag}: ${accepted[k.tag] || 0} case(s)`);
if (failures) {
  console.error(`${failures} unexplained disagreement(s): fix ddbguard, or document the AWS reason in known-differences.json`);
  process.exit(1);
}
