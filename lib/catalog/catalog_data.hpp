#pragma once
// Internal layout of the compiled-in catalog. The arrays are defined in the
// generated catalog_data.cpp (tools/catalog/gen_catalog.py) and in the
// hand-curated global_keys.cpp; only lib/catalog/catalog.cpp reads them.
#include <cstdint>
#include <span>
#include <string_view>

#include "ddbguard/catalog.hpp"

namespace ddbguard::catalog::data {

// A name in the generated character pool: offset and size instead of a pointer, so that
// the tables need no relocation at start (gen_catalog.py's TextPool).
extern const char* const text;
struct Text {
    std::uint32_t offset;
    std::uint32_t size;
    operator std::string_view() const noexcept { return {text + offset, size}; }
    std::string_view view() const noexcept { return *this; }
};

struct Action {
    Text name;  // "service:Name", canonical spelling
    AccessLevel access;
    std::uint16_t shape;    // index into shapes
};

// Resource types and condition keys of an action: shape_refs[first, first+resources)
// are resource-type names, the following `keys` entries are condition-key names
// (all indexes into names).
struct Shape {
    std::uint32_t first;
    std::uint16_t resources;
    std::uint16_t keys;
};

struct Service {
    Text prefix;  // canonical spelling
    std::uint32_t first;      // slice of actions
    std::uint32_t count;
};

struct Key {
    std::string_view name;  // canonical spelling; templates contain "${...}"
    KeyType type;
    bool multivalued;
};

struct ResourceArn {
    std::string_view type;
    std::string_view arn;
};

// Generated (catalog_data.cpp). Sorted by lower-case name, compared byte-wise.
extern const std::span<const Action> actions;
extern const std::span<const Service> services;
// Hash slots over actions and services (see catalog.cpp's slot_find): index + 1, 0 = empty.
extern const std::span<const std::uint16_t> action_slots;
extern const std::span<const std::uint16_t> service_slots;
extern const std::span<const Shape> shapes;
extern const std::span<const std::uint16_t> shape_refs;
extern const std::span<const Text> names;
extern const std::span<const Key> keys;                    // every service's keys
extern const std::span<const std::uint16_t> key_templates;  // indexes into keys
extern const std::span<const ResourceArn> dynamodb_arns;
extern const std::string_view source_package;
extern const std::string_view source_version;
extern const std::string_view source_date;

// Hand-curated (global_keys.cpp).
extern const std::span<const Key> global_keys;  // sorted by lower-case name; may contain templates
struct ApiAlias {
    std::string_view api;  // "dynamodb:TransactWriteItems"
    std::span<const std::string_view> actions;
};
extern const std::span<const ApiAlias> api_aliases;  // sorted by lower-case api

}  // namespace ddbguard::catalog::data
