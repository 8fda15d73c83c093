#pragma once
// The parsed policy: a located JSON tree plus a typed view of the IAM grammar.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/finding.hpp"
#include "ddbguard/location.hpp"

namespace ddbguard {

// A JSON value with its position. Object members keep source order.
struct Node {
    enum class Kind { null, boolean, number, string, array, object };
    Kind kind = Kind::null;
    std::string text;  // string value, number literal as written, "true"/"false"/"null"
    Location loc;
    std::vector<Node> items;           // array elements, or object member values
    std::vector<std::string> keys;     // object member names (parallel to items)
    std::vector<Location> key_locs;    // where each member name stands

    const Node* member(std::string_view key) const;  // exact-case lookup, nullptr if absent
};

// A scalar taken from the policy, with where it stands. Numbers and booleans in
// condition values keep their literal text; `kind` says which JSON type it was.
struct Value {
    std::string text;
    Location loc;
    Node::Kind kind = Node::Kind::string;
};

enum class Effect { allow, deny, invalid };

struct ConditionEntry {
    std::string op;        // as written, e.g. "ForAllValues:StringEquals"
    Location op_loc;
    std::string key;       // as written, e.g. "dynamodb:LeadingKeys"
    Location key_loc;
    std::vector<Value> values;
    bool values_is_array = false;
};

// Principal / NotPrincipal: "*" or {"AWS": ..., "Service": ..., "Federated": ..., "CanonicalUser": ...}.
struct PrincipalSet {
    bool present = false;
    bool wildcard = false;  // the string "*"
    Location loc;
    std::vector<std::pair<std::string, std::vector<Value>>> by_type;
};

struct Statement {
    std::size_t index = 0;  // position in the Statement array (0 when it is a single object)
    Location loc;
    std::optional<Value> sid;
    Effect effect = Effect::invalid;
    Location effect_loc;
    bool has_action = false, not_action = false;
    std::vector<Value> actions;
    Location action_loc;
    bool has_resource = false, not_resource = false;
    std::vector<Value> resources;
    Location resource_loc;
    PrincipalSet principal;
    bool not_principal = false;
    std::vector<ConditionEntry> conditions;
    Location condition_loc;
    bool has_condition = false;
};

enum class PolicyKind { unknown, identity, trust, resource, kms_key, vpc_endpoint };
std::string_view to_string(PolicyKind);
std::optional<PolicyKind> policy_kind_from_string(std::string_view);

struct Policy {
    std::string path;               // as given by the caller ("-" for stdin)
    Node root;
    std::optional<Value> version;   // absent: 2008-10-17 behaviour
    std::optional<Value> id;
    Location statement_loc;
    std::vector<Statement> statements;
    PolicyKind kind = PolicyKind::unknown;  // detected from content unless overridden
    // An upper bound of the policy's length in characters: the bytes it was read from
    // (parse_policy sets it; a reader that builds the tree otherwise leaves it unbounded).
    std::size_t source_bytes = static_cast<std::size_t>(-1);
    // Its characters without white space outside strings, counted from the source when
    // parse_policy read it from more bytes than the smallest policy quota (2,048); 0 when
    // not counted (policy-size then counts them from the tree).
    std::size_t compact_chars = 0;

    // True when policy variables are substituted (Version 2012-10-17).
    bool substitutes_variables() const { return version && version->text == "2012-10-17"; }
};

struct ParseLimits {
    std::size_t max_bytes = 1u << 20;  // 1 MiB
    unsigned max_depth = 64;
};

struct ParseResult {
    Policy policy;
    std::vector<Finding> diagnostics;  // structural findings (invalid-json, duplicate-key, ...)
    bool usable = false;               // false: no policy could be read (invalid JSON, not an object, too large)
};

// Never throws for any input bytes.
ParseResult parse_policy(std::string_view bytes, std::string path = "<input>", ParseLimits limits = {},
                         std::optional<PolicyKind> kind = std::nullopt);

// Reads the file first; an unreadable file gives usable=false and an "unreadable-file" finding.
ParseResult parse_policy_file(const std::string& path, ParseLimits limits = {},
                              std::optional<PolicyKind> kind = std::nullopt);

}  // namespace ddbguard
