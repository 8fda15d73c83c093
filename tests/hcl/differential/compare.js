// Compares our rendering of each .tf file (hcl_to_json) with @cdktf/hcl2json's.
// usage: node compare.js HCL_TO_JSON NODE_PREFIX --agree FILE... [--reject FILE...]
//   --agree:  both parsers must accept the file and produce the same structure;
//   --reject: both parsers must reject the file.
// Normalization (presentational only): object keys are compared in sorted order (Go's
// encoder sorts map keys, ours keeps insertion order), and numbers are compared as the
// JavaScript numbers JSON.parse makes of both outputs (hcl2json prints cty's
// arbitrary-precision numbers, we print doubles: 1.50 and 1.5 are the same value).
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const [tool, prefix, ...rest] = process.argv.slice(2);
const { parse } = require(path.resolve(prefix, "node_modules", "@cdktf", "hcl2json"));

function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = canonical(v[k]);
    return out;
  }
  return v;
}

function ours(file) {
  try {
    const out = execFileSync(tool, [file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { ok: true, value: JSON.parse(out) };
  } catch (e) {
    return { ok: false, error: String(e.stderr || e.message).trim() };
  }
}

async function theirs(file) {
  try {
    return { ok: true, value: await parse(path.basename(file), fs.readFileSync(file, "utf8")) };
  } catch (e) {
    return { ok: false, error: String(e.message || e).trim() };
  }
}

function firstDifference(a, b, where) {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null))
    return `${where || "/"}: ours ${JSON.stringify(a)} vs hcl2json ${JSON.stringify(b)}`;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return `${where || "/"}: ours has ${a.length} elements, hcl2json ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${where}/${i}`);
      if (d) return d;
    }
    return null;
  }
  if (a && typeof a === "object") {
    const ka = Object.keys(a), kb = Object.keys(b);
    for (const k of ka) if (!(k in b)) return `${where}/${k}: only in ours`;
    for (const k of kb) if (!(k in a)) return `${where}/${k}: only in hcl2json`;
    for (const k of ka) {
      const d = firstDifference(a[k], b[k], `${where}/${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${where || "/"}: ours ${JSON.stringify(a)} vs hcl2json ${JSON.stringify(b)}`;
}

(async () => {
  let mode = "--agree";
  let failures = 0, checked = 0;
  for (const arg of rest) {
    if (arg === "--agree" || arg === "--reject") { mode = arg; continue; }
    checked++;
    const a = ours(arg), b = await theirs(arg);
    if (mode === "--agree") {
      if (!a.ok || !b.ok) {
        failures++;
        console.log(`FAIL ${arg}: ours ${a.ok ? "accepts" : "rejects (" + a.error + ")"}, hcl2json ${b.ok ? "accepts" : "rejects (" + b.error + ")"}`);
        continue;
      }
      const d = firstDifference(canonical(a.value), canonical(b.value), "");
      if (d) { failures++; console.log(`FAIL ${arg}: ${d}`); }
    } else if (a.ok || b.ok) {
      failures++;
      console.log(`FAIL ${arg}: expected both to reject; ours ${a.ok ? "accepts" : "rejects"}, hcl2json ${b.ok ? "accepts" : "rejects (" + b.error + ")"}`);
    }
  }
  console.log(`${checked - failures}/${checked} files agree with @cdktf/hcl2json`);
  process.exit(failures ? 1 : 0);
})();
