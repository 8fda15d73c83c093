#pragma once
// The generator's spec model and its three stages: read (spec_reader.cpp), build
// (policy_builder.cpp), verify (self_check.cpp). generate.cpp chains them.
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/finding.hpp"
#include "ddbguard/location.hpp"

namespace ddbguard::generate {

// A spec value with where it stands in the spec file.
struct Located {
    std::string text;
    Location loc;
};

enum class IdentityType { cognito, web_identity, iam_user, principal_tag };

struct Identity {
    IdentityType type = IdentityType::cognito;
    Location loc;
    Located identity_pool_id;   // cognito
    bool guest = false;         // cognito role: guest (amr = unauthenticated)
    Located provider;           // web-identity: amazon | google | facebook
    Located app_id;             // web-identity
    Located tag;                // principal-tag
};

enum class Operation { read, query, write, update, del, batch };

struct Index {
    Located name;
    Located partition_key;
};

struct Table {
    Location loc;
    Located name;
    Located partition_key;      // the attribute that holds the caller's identity
    Located sort_key;           // optional (empty text)
    std::vector<Operation> operations;
    std::vector<Location> operation_locs;
    bool has_read_attributes = false, has_write_attributes = false;
    std::vector<Located> read_attributes, write_attributes;
    Location read_attributes_loc, write_attributes_loc;
    std::vector<Index> indexes;
    bool partiql = false;
    Location partiql_loc;

    bool has(Operation op) const;
    Location where(Operation op) const;  // the operation's entry in the spec
};

struct Options {
    bool require_tls = false;
    std::vector<Located> vpc_endpoints;
    Located kms_key_arn;
    bool client_side_encryption = false;
    Location client_side_loc;
};

struct Spec {
    std::string path;
    Identity identity;
    Located account, region;
    std::string partition = "aws";
    std::vector<Table> tables;
    Options options;
};

// Reads and validates the spec; problems go to `problems` (check ids spec-invalid and
// spec-unsafe). Returns false when any problem was found. Never throws.
bool read_spec(std::string_view text, const std::string& path, Spec& spec, std::vector<Finding>& problems);

struct Built {
    std::string role_policy, trust_policy, kms_key_policy;  // pretty JSON, "" when absent
    std::vector<std::string> notes;
};
Built build_policies(const Spec& spec);

// The policy variable that names the caller ("${cognito-identity.amazonaws.com:sub}")
// and the request context key behind it ("cognito-identity.amazonaws.com:sub").
std::string identity_variable(const Identity& identity);
std::string identity_context_key(const Identity& identity);
std::string table_arn(const Spec& spec, const Table& table);
std::string index_arn(const Spec& spec, const Table& table, const Index& index);

// The policy test file (YAML) for role-policy.json: own items allowed, other users' items
// denied, and never assertions for other partitions, hidden attributes, Scan and streams.
std::string build_tests(const Spec& spec);

// Lints the built policies and runs adversarial requests against the role policy; every
// failure is a "generator-self-check" finding. Returns true when all passed.
bool self_check(const Spec& spec, const Built& built, std::vector<Finding>& problems);

}  // namespace ddbguard::generate
