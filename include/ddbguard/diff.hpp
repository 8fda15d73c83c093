#pragma once
// Change control: what a new version of a policy set allows that the old one did not,
// each kind of new access shown by a witness request that NEW allows and OLD denies.
//
// The witnesses come from a search, not a proof: candidate requests are built from both
// versions' constants (actions and their wildcard expansions over the compiled-in
// catalog, resource ARNs with wildcards and variables instantiated plus their boundary
// variants, condition values and values just outside them, principals) and from the
// isolation analyzer's adversarial requests; every printed witness is re-evaluated on
// both versions. "No new access found" means none of those requests found one.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/evaluate.hpp"
#include "ddbguard/finding.hpp"
#include "ddbguard/location.hpp"
#include "ddbguard/policy.hpp"

namespace ddbguard {

// --- loading ----------------------------------------------------------------------

// One principal's (or one loose document's) policies on one side of a change.
struct PolicySet {
    // What matches a set of OLD with one of NEW: a loose file's path (relative to the
    // directory it was found under), or "bundle" for --bundle. Template readers will
    // add "template#principal" keys.
    std::string key;
    std::string label;                  // shown to people: a path, "REV:path", or the bundle's files
    std::vector<ParseResult> policies;  // each with its path ("REV:path" when read from git)
};

struct LoadOptions {
    bool bundle = false;       // all paths together are one principal's set (key "bundle")
    std::string revision;      // read the paths at this git revision instead of the working tree
    bool missing_ok = false;   // a path that does not exist is skipped (listed in LoadResult::missing)
    bool unusable_ok = false;  // a document that is not a usable policy is kept (usable=false), not an error
    ParseLimits limits;
    std::optional<PolicyKind> kind;
};

struct LoadResult {
    std::string error;                 // non-empty: the input is bad (the message names the path)
    std::vector<PolicySet> sets;       // in path order, directories' files sorted
    std::vector<std::string> missing;  // with missing_ok: the paths that did not exist
};

// Policy files and directories (*.json, recursive), from the working tree or, with
// `revision`, from git (`git cat-file` and `git ls-tree`, no checkout; run in the
// current directory). The one place where inputs become policy sets: template readers
// plug in here. Never throws for bad input.
LoadResult load_policy_sets(const std::vector<std::string>& paths, const LoadOptions& options = {});

// The two sides of a change: OLD and NEW paths (a file and a file, or a directory and a
// directory), or with `base` the same paths at that git revision (OLD) and in the
// working tree (NEW). A path that exists on one side only compares against nothing.
struct ChangeInput {
    std::vector<std::string> old_paths, new_paths;
    std::string base;
    bool bundle = false;
    ParseLimits limits;
    std::optional<PolicyKind> kind;
};

struct LoadedChange {
    std::string error;  // usage error or bad input: a revision that does not exist, a missing path ...
    std::vector<PolicySet> old_sets, new_sets;
};
LoadedChange load_change(const ChangeInput& input);

// --- comparison -------------------------------------------------------------------

// Kinds of new access, from the narrowest to the widest (the order --fail-on uses).
enum class AccessKind {
    condition,  // an Allow's other condition loosened (network, tags, TLS on an Allow ...)
    action,     // an action OLD did not allow (on that resource)
    resource,   // a table, index, stream, backup, another account's or region's resource
    deny,       // a Deny removed or narrowed
    columns,    // attributes outside OLD's allowed list newly reachable
    rows,       // another user's or partition's items newly reachable
    principal,  // a principal or account that OLD did not trust (trust and resource policies)
};
std::string_view to_string(AccessKind kind);
std::optional<AccessKind> access_kind_from_string(std::string_view text);
// "new-rows", "deny-removed" ...; for removed access "removed-rows", "deny-added" ...
std::string access_id(AccessKind kind, bool removed);

// A request and both versions' decisions: NEW allows and OLD denies it (for removed
// access the other way round).
struct Witness {
    Request request;
    std::string reaches;  // what it reaches, when that is more than the request shows (rows, columns)
    Decision new_decision, old_decision;
};

struct AccessChange {
    AccessKind kind = AccessKind::action;
    bool removed = false;
    Severity severity = Severity::warning;  // new: rows/columns/principal error, others warning; removed: info
    std::string message;
    std::string path;   // where it is granted: NEW's allowing statement (removed: OLD's)
    Location location;
    std::vector<RelatedLocation> related;  // e.g. the OLD Deny that no longer applies
    Witness witness;
    std::vector<std::string> more;  // other requests of this kind through the same statement ("A on R")
};

struct SetChange {
    std::string key;
    std::string old_label, new_label;  // empty: the set does not exist on that side
    std::vector<AccessChange> added, removed;
    std::vector<std::string> notes;    // e.g. an OLD document that was not a usable policy
    std::size_t requests = 0;          // candidate requests tried
    bool truncated = false;            // the search stopped at DiffOptions::max_requests
};

// Known new access (`ddbguard diff --allow FILE`): matched on the witness's kind, the
// set's NEW path (exact or trailing, like lint suppressions), action (IAM pattern),
// resource (ARN pattern) and principal (pattern); empty fields match anything.
struct AllowEntry {
    AccessKind kind = AccessKind::action;
    std::string path, action, resource, principal, reason;
    Location location;  // in the allow file
};
// {"allow": [{"kind", "path", "action", "resource", "principal", "reason"}]}; an unknown
// key, kind or a missing "kind" is an error. Returns "" or the problem with its line and column.
std::string read_allow_file(std::string_view json, std::vector<AllowEntry>& out);

struct DiffOptions {
    std::vector<AllowEntry> allow;
    std::size_t max_requests = 400000;  // per pair of sets
};

struct DiffResult {
    std::vector<SetChange> sets;        // NEW's order, then sets only OLD has
    std::size_t accepted = 0;           // new access accepted by allow entries (per kind and statement)
    std::vector<std::size_t> unused_allow;  // indexes of allow entries that matched nothing
};

// Matches the sets by key and compares each pair. Never throws for bad input.
DiffResult diff_policy_sets(const std::vector<PolicySet>& old_sets, const std::vector<PolicySet>& new_sets,
                            const DiffOptions& options = {});

// True when some new access is of `fail_on` or a wider kind.
bool has_new_access(const DiffResult& result, AccessKind fail_on = AccessKind::condition);

}  // namespace ddbguard
