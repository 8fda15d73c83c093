#pragma once
// Values of HCL expressions as ddbguard needs them: every value remembers where it was
// written, and what only apply time knows is an explicit unknown that says why and which
// reference produced it. Values are immutable; copies share their elements.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/hcl/ast.hpp"

namespace ddbguard::hcl {

// A place in a source file. `file` is the caller's number for the file (see
// EvalOptions::file); range.begin.line == 0 means no position.
struct Origin {
    std::uint32_t file = 0;
    Range range;
};

// Where a run of a string's characters was written. In a verbatim segment the string's
// bytes are the file's bytes, so a position inside the run can be computed exactly;
// otherwise (an escape sequence, an interpolated number, a placeholder) the whole run
// maps to `origin`.
struct StringSegment {
    std::size_t offset = 0;  // in the string
    std::size_t length = 0;
    Origin origin;           // where the run starts
    bool verbatim = true;
};

// An unknown part of a string, written as "<REF>" at [offset, offset + length).
struct Placeholder {
    std::size_t offset = 0;
    std::size_t length = 0;
    std::string reference;  // e.g. aws_dynamodb_table.orders.arn
    std::string reason;
};

// "<REF>" for a reference: colons (which separate ARN fields), angle brackets and line
// breaks are dropped so the placeholder stays one opaque ARN segment.
std::string placeholder_text(std::string_view reference);

class Value {
public:
    enum class Kind { unknown, null, boolean, number, string, tuple, object };

    Value() = default;

    // What only apply time knows. `reference` is the expression that produced it
    // (aws_iam_role.app.arn), `reason` says why it is not known.
    static Value unknown(std::string reason, std::string reference = {}, Origin origin = {});
    // A value that depends on a condition known only at apply time: either alternative may be deployed.
    static Value unknown_choice(std::vector<Value> alternatives, std::string reason, std::string reference,
                                Origin origin);
    // An expression that is wrong (a missing attribute, a type error): unknown too, and is_error().
    static Value error(std::string reason, Origin origin = {});
    static Value null(Origin origin = {});
    static Value boolean(bool b, Origin origin = {});
    static Value number(double n, Origin origin = {});
    static Value string(std::string s, Origin origin = {});
    static Value string(std::string s, Origin origin, std::vector<StringSegment> segments,
                        std::vector<Placeholder> placeholders);
    static Value tuple(std::vector<Value> elements, Origin origin = {});
    // Object members are kept sorted by key (HCL iterates objects in lexical key order);
    // of repeated keys the last one wins.
    static Value object(std::vector<std::pair<std::string, Value>> members, Origin origin = {},
                        std::vector<Origin> key_origins = {});

    Kind kind() const { return kind_; }
    bool is_known() const { return kind_ != Kind::unknown; }
    bool is_error() const;
    bool is_null() const { return kind_ == Kind::null; }
    bool is_string() const { return kind_ == Kind::string; }
    bool is_tuple() const { return kind_ == Kind::tuple; }
    bool is_object() const { return kind_ == Kind::object; }
    bool is_collection() const { return kind_ == Kind::tuple || kind_ == Kind::object; }

    bool as_bool() const { return bool_; }
    double as_number() const { return number_; }
    const std::string& as_string() const { return text_; }

    // Tuple elements, or object member values in key order.
    const std::vector<Value>& elements() const;
    const std::vector<std::string>& keys() const;  // object member names, sorted
    Origin key_origin(std::size_t i) const;        // where an object member's name was written
    const Value* member(std::string_view key) const;
    std::size_t size() const;  // elements of a collection, bytes of a string

    const Origin& origin() const { return origin_; }
    Value with_origin(Origin origin) const;

    // Strings.
    const std::vector<StringSegment>& segments() const;
    const std::vector<Placeholder>& placeholders() const;
    bool has_placeholders() const { return !placeholders().empty(); }
    // Where the character at byte `offset` of the string was written (origin() when unknown).
    Origin locate(std::size_t offset) const;
    // jsonencode(): the value this string is the JSON text of, with its own origins.
    const Value* encoded() const;
    Value with_encoded(Value source) const;

    // Unknown values.
    const std::string& reason() const;
    const std::string& reference() const;
    const std::vector<Value>& alternatives() const;
    Value with_reference(std::string reference) const;

    // Nesting depth (1 for a scalar) and a bound on the nodes below, for budgets.
    unsigned depth() const;
    std::size_t weight() const;
    // True when the value or anything inside it is unknown.
    bool contains_unknown() const;

private:
    struct Collection;
    struct StringExtra;
    struct UnknownInfo;

    Kind kind_ = Kind::null;
    bool bool_ = false;
    double number_ = 0;
    std::string text_;
    Origin origin_;
    std::shared_ptr<const Collection> collection_;
    std::shared_ptr<const StringExtra> string_;
    std::shared_ptr<const UnknownInfo> unknown_;
};

std::string_view to_string(Value::Kind kind);  // "string", "tuple", ...
// How HCL writes a number in a string: plain decimal, no exponent, no trailing zeros.
std::string number_to_string(double n);
// Equality as HCL's == on known values (false for different types). Values that
// contain unknowns compare as unknown: `known` is set false and the result is false.
bool values_equal(const Value& a, const Value& b, bool& known);

}  // namespace ddbguard::hcl
