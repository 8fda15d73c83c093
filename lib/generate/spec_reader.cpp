// Reads a generator spec (YAML, or JSON, which yaml-cpp reads as YAML flow style) into
// the Spec model and validates it. Every problem is a finding located in the spec.
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <functional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "generate/spec.hpp"
#include "util/text.hpp"

namespace ddbguard::generate {

bool Table::has(Operation op) const { return std::find(operations.begin(), operations.end(), op) != operations.end(); }

Location Table::where(Operation op) const {
    for (std::size_t i = 0; i < operations.size(); ++i)
        if (operations[i] == op) return operation_locs[i];
    return loc;
}

namespace {

constexpr std::size_t kMaxSpecBytes = 1u << 20;

const RE2& account_re() { static const RE2 re("^[0-9]{12}$"); return re; }
const RE2& region_re() { static const RE2 re("^[a-z]{2}(-[a-z]+)+-[0-9]+$"); return re; }
// An identity pool id is "<region>:<uuid>" (Amazon Cognito API reference, IdentityPoolId).
const RE2& pool_re() {
    static const RE2 re("^[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    return re;
}
// Table and index names: 3-255 of [a-zA-Z0-9_.-] (DynamoDB naming rules).
const RE2& table_name_re() { static const RE2 re("^[a-zA-Z0-9_.-]{3,255}$"); return re; }
const RE2& vpce_re() { static const RE2 re("^vpce-[0-9a-f]{8,17}$"); return re; }
const RE2& kms_key_re() {
    static const RE2 re("^arn:(aws|aws-cn|aws-us-gov):kms:([a-z]{2}(-[a-z]+)+-[0-9]+):([0-9]{12}):key/"
                        "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$");
    return re;
}
// Characters that would turn a literal into a pattern or a policy variable.
bool has_pattern_chars(const std::string& s) { return s.find_first_of("*?$") != std::string::npos; }

std::string describe(const YAML::Node& n) {
    switch (n.Type()) {
        case YAML::NodeType::Map: return "a map";
        case YAML::NodeType::Sequence: return "a list";
        case YAML::NodeType::Scalar: return "a scalar \"" + n.Scalar() + "\"";
        case YAML::NodeType::Null: return "nothing (null)";
        default: return "nothing";
    }
}

class Reader {
public:
    Reader(const std::string& path, std::vector<Finding>& problems) : path_(path), problems_(problems) {}

    Location at(const YAML::Node& n, const std::string& pointer) const {
        Location l;
        const YAML::Mark m = n.Mark();
        if (m.line >= 0 && m.column >= 0) {
            l.line = static_cast<std::uint32_t>(m.line) + 1;
            l.column = static_cast<std::uint32_t>(m.column) + 1;
        }
        l.pointer = pointer;
        return l;
    }

    void error(const Location& loc, std::string message, std::string fix = {}, const char* id = "spec-invalid") {
        Finding f;
        f.check_id = id;
        f.severity = Severity::error;
        f.message = std::move(message);
        f.fix = std::move(fix);
        f.path = path_;
        f.location = loc;
        problems_.push_back(std::move(f));
    }
    void unsafe(const Location& loc, std::string message, std::string fix) {
        error(loc, std::move(message), std::move(fix), "spec-unsafe");
    }

    // Walks a map's members: unknown and duplicate fields are reported here.
    using MemberFn = std::function<void(const std::string& key, const YAML::Node& value, const std::string& ptr)>;
    bool members(const YAML::Node& n, const std::string& ptr, const char* what,
                 const std::vector<std::string_view>& allowed, const MemberFn& fn) {
        if (!n.IsMap()) {
            error(at(n, ptr), std::string(what) + " must be a map, but it is " + describe(n));
            return false;
        }
        std::set<std::string> seen;
        for (auto it = n.begin(); it != n.end(); ++it) {
            const YAML::Node key = it->first;
            if (!key.IsScalar()) {
                error(at(key, ptr), std::string("a field name in ") + what + " must be a plain name");
                continue;
            }
            const std::string name = key.Scalar();
            const std::string child = ptr + "/" + name;
            if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
                std::string message = "unknown field \"" + name + "\" in " + what;
                if (auto near = util::did_you_mean(name, allowed)) message += "; did you mean \"" + std::string(*near) + "\"?";
                std::string fix = "the fields of " + std::string(what) + " are:";
                for (auto a : allowed) fix += " " + std::string(a);
                error(at(key, child), message, fix);
                continue;
            }
            if (!seen.insert(name).second) {
                error(at(key, child), "field \"" + name + "\" appears twice in " + what, "keep one of them");
                continue;
            }
            fn(name, it->second, child);
        }
        return true;
    }

    bool string(const YAML::Node& n, const std::string& ptr, const std::string& field, Located& out) {
        out.loc = at(n, ptr);
        if (!n.IsScalar()) {
            error(out.loc, "\"" + field + "\" must be a string, but it is " + describe(n));
            return false;
        }
        out.text = n.Scalar();
        if (out.text.empty()) {
            error(out.loc, "\"" + field + "\" is empty");
            return false;
        }
        return true;
    }

    bool boolean(const YAML::Node& n, const std::string& ptr, const std::string& field, bool& out) {
        if (n.IsScalar()) {
            const std::string v = util::to_lower(n.Scalar());
            if (v == "true" || v == "false") {
                out = v == "true";
                return true;
            }
        }
        error(at(n, ptr), "\"" + field + "\" must be true or false, but it is " + describe(n));
        return false;
    }

    // A list of strings; a single string is not accepted (lists are lists in the spec).
    bool strings(const YAML::Node& n, const std::string& ptr, const std::string& field, std::vector<Located>& out) {
        if (!n.IsSequence()) {
            error(at(n, ptr), "\"" + field + "\" must be a list of strings, but it is " + describe(n));
            return false;
        }
        bool ok = true;
        for (std::size_t i = 0; i < n.size(); ++i) {
            Located v;
            if (string(n[i], ptr + "/" + std::to_string(i), field + "[" + std::to_string(i) + "]", v))
                out.push_back(std::move(v));
            else
                ok = false;
        }
        return ok;
    }

    void read(const YAML::Node& root, Spec& spec);

private:
    void read_identity(const YAML::Node& n, const std::string& ptr, Spec& spec);
    void read_table(const YAML::Node& n, const std::string& ptr, Table& t);
    void read_options(const YAML::Node& n, const std::string& ptr, Options& o);
    void validate(Spec& spec, const Location& root_loc, const Location& identity_loc, bool has_identity);
    void validate_table(const Spec& spec, const Table& t);

    const std::string& path_;
    std::vector<Finding>& problems_;
};

void Reader::read(const YAML::Node& root, Spec& spec) {
    bool has_identity = false, has_tables = false;
    Location identity_loc;
    const Location root_loc = at(root, "");
    Located partition;
    bool ok = members(root, "", "the spec", {"identity", "account", "region", "partition", "tables", "options"},
                      [&](const std::string& key, const YAML::Node& v, const std::string& ptr) {
                          if (key == "identity") {
                              has_identity = true;
                              identity_loc = at(v, ptr);
                              read_identity(v, ptr, spec);
                          } else if (key == "account") {
                              if (string(v, ptr, key, spec.account) && !RE2::FullMatch(spec.account.text, account_re()))
                                  error(spec.account.loc, "account \"" + spec.account.text + "\" is not a 12-digit AWS account id",
                                        "write the account id as 12 digits, quoted if it starts with 0: account: \"012345678901\"");
                          } else if (key == "region") {
                              if (string(v, ptr, key, spec.region) && !RE2::FullMatch(spec.region.text, region_re()))
                                  error(spec.region.loc, "region \"" + spec.region.text + "\" is not an AWS Region code",
                                        "write a Region code such as us-east-1");
                          } else if (key == "partition") {
                              if (string(v, ptr, key, partition)) {
                                  if (partition.text != "aws" && partition.text != "aws-cn" && partition.text != "aws-us-gov")
                                      error(partition.loc, "partition \"" + partition.text + "\" is not aws, aws-cn or aws-us-gov");
                                  else
                                      spec.partition = partition.text;
                              }
                          } else if (key == "tables") {
                              has_tables = true;
                              if (!v.IsSequence() || v.size() == 0) {
                                  error(at(v, ptr), "\"tables\" must be a non-empty list of tables, but it is " + describe(v),
                                        "tables: [{name: ..., partition_key: ..., operations: [...]}]");
                                  return;
                              }
                              for (std::size_t i = 0; i < v.size(); ++i) {
                                  Table t;
                                  read_table(v[i], ptr + "/" + std::to_string(i), t);
                                  spec.tables.push_back(std::move(t));
                              }
                          } else if (key == "options") {
                              read_options(v, ptr, spec.options);
                          }
                      });
    if (!ok) return;
    if (spec.account.text.empty() && spec.account.loc.line == 0)
        error(root_loc, "the spec has no \"account\"", "add account: \"<12-digit account id>\"");
    if (spec.region.text.empty() && spec.region.loc.line == 0)
        error(root_loc, "the spec has no \"region\"", "add region: <Region code, e.g. us-east-1>");
    if (!has_tables) error(root_loc, "the spec has no \"tables\"", "add tables: [{name: ..., partition_key: ..., operations: [...]}]");
    // The partition follows from the Region unless written; a written one must agree.
    if (RE2::FullMatch(spec.region.text, region_re())) {
        std::string implied = spec.region.text.rfind("cn-", 0) == 0       ? "aws-cn"
                              : spec.region.text.rfind("us-gov-", 0) == 0 ? "aws-us-gov"
                                                                          : "aws";
        if (partition.text.empty())
            spec.partition = implied;
        else if (partition.text != implied)
            error(partition.loc, "partition \"" + partition.text + "\" does not contain region " + spec.region.text,
                  "write partition: " + implied + " (or leave it out: it follows from the region)");
    }
    validate(spec, root_loc, identity_loc, has_identity);
}

void Reader::read_identity(const YAML::Node& n, const std::string& ptr, Spec& spec) {
    Identity& id = spec.identity;
    id.loc = at(n, ptr);
    Located type, role;
    bool has_type = false;
    members(n, ptr, "identity", {"type", "identity_pool_id", "role", "provider", "app_id", "tag"},
            [&](const std::string& key, const YAML::Node& v, const std::string& p) {
                if (key == "type") has_type = string(v, p, key, type);
                else if (key == "identity_pool_id") string(v, p, key, id.identity_pool_id);
                else if (key == "role") string(v, p, key, role);
                else if (key == "provider") string(v, p, key, id.provider);
                else if (key == "app_id") string(v, p, key, id.app_id);
                else if (key == "tag") string(v, p, key, id.tag);
            });
    if (!n.IsMap()) return;
    if (!has_type) {
        if (type.loc.line == 0)
            error(id.loc, "identity has no \"type\"", "add type: cognito | web-identity | iam-user | principal-tag");
        return;
    }
    const std::vector<std::string_view> types{"cognito", "web-identity", "iam-user", "principal-tag"};
    // Fields that belong to the other identity types are mistakes, not extras.
    auto only = [&](std::initializer_list<std::pair<const char*, const Located*>> allowed_here) {
        const std::pair<const char*, const Located*> all[] = {
            {"identity_pool_id", &id.identity_pool_id}, {"role", &role}, {"provider", &id.provider},
            {"app_id", &id.app_id}, {"tag", &id.tag}};
        for (const auto& [name, field] : all) {
            if (field->text.empty()) continue;
            bool ok = false;
            for (const auto& a : allowed_here) ok = ok || std::string_view(a.first) == name;
            if (!ok) error(field->loc, "\"" + std::string(name) + "\" does not apply to identity type " + type.text);
        }
    };
    auto require = [&](const Located& field, const char* name, const char* example) {
        if (!field.text.empty() || field.loc.line != 0) return field.text.empty() ? false : true;
        error(id.loc, "identity type " + type.text + " needs \"" + name + "\"", std::string("add ") + example);
        return false;
    };
    if (type.text == "cognito") {
        id.type = IdentityType::cognito;
        only({{"identity_pool_id", nullptr}, {"role", nullptr}});
        if (require(id.identity_pool_id, "identity_pool_id", "identity_pool_id: us-east-1:<uuid>") &&
            !RE2::FullMatch(id.identity_pool_id.text, pool_re()))
            error(id.identity_pool_id.loc,
                  "identity_pool_id \"" + id.identity_pool_id.text + "\" is not an identity pool id (<region>:<uuid>)",
                  "copy the id from the identity pool, e.g. us-east-1:0a1b2c3d-1111-2222-3333-444455556666");
        if (require(role, "role", "role: authenticated | guest")) {
            if (role.text == "guest" || role.text == "unauthenticated")
                id.guest = true;
            else if (role.text != "authenticated")
                error(role.loc, "role \"" + role.text + "\" is not authenticated or guest",
                      "role: authenticated (signed-in users) or role: guest (unauthenticated identities)");
        }
    } else if (type.text == "web-identity") {
        id.type = IdentityType::web_identity;
        only({{"provider", nullptr}, {"app_id", nullptr}});
        if (require(id.provider, "provider", "provider: amazon | google | facebook") && id.provider.text != "amazon" &&
            id.provider.text != "google" && id.provider.text != "facebook") {
            std::string m = "provider \"" + id.provider.text + "\" is not amazon, google or facebook";
            if (auto near = util::did_you_mean(id.provider.text, {"amazon", "google", "facebook"}))
                m += "; did you mean \"" + std::string(*near) + "\"?";
            error(id.provider.loc, m, "for any other OpenID Connect provider, use Amazon Cognito identity pools (type: cognito)");
        }
        if (require(id.app_id, "app_id", "app_id: <the application id the provider gave your app>") &&
            has_pattern_chars(id.app_id.text))
            error(id.app_id.loc, "app_id must be the literal application id, without *, ? or $");
    } else if (type.text == "iam-user") {
        id.type = IdentityType::iam_user;
        only({});
    } else if (type.text == "principal-tag") {
        id.type = IdentityType::principal_tag;
        only({{"tag", nullptr}});
        if (require(id.tag, "tag", "tag: <the principal tag key that holds the user id>") &&
            (has_pattern_chars(id.tag.text) || id.tag.text.find_first_of("/ ") != std::string::npos || id.tag.text.size() > 128))
            error(id.tag.loc, "tag \"" + id.tag.text + "\" is not a tag key usable in ${aws:PrincipalTag/...}",
                  "write the tag key alone, without *, ?, $, / or spaces");
    } else {
        std::string m = "identity type \"" + type.text + "\" is unknown";
        if (auto near = util::did_you_mean(type.text, types)) m += "; did you mean \"" + std::string(*near) + "\"?";
        error(type.loc, m, "type: cognito | web-identity | iam-user | principal-tag");
    }
}

void Reader::read_table(const YAML::Node& n, const std::string& ptr, Table& t) {
    t.loc = at(n, ptr);
    members(n, ptr, "a table",
            {"name", "partition_key", "sort_key", "operations", "read_attributes", "write_attributes", "indexes", "partiql"},
            [&](const std::string& key, const YAML::Node& v, const std::string& p) {
                if (key == "name") string(v, p, key, t.name);
                else if (key == "partition_key") string(v, p, key, t.partition_key);
                else if (key == "sort_key") string(v, p, key, t.sort_key);
                else if (key == "read_attributes") {
                    t.has_read_attributes = true;
                    t.read_attributes_loc = at(v, p);
                    strings(v, p, key, t.read_attributes);
                } else if (key == "write_attributes") {
                    t.has_write_attributes = true;
                    t.write_attributes_loc = at(v, p);
                    strings(v, p, key, t.write_attributes);
                } else if (key == "partiql") {
                    t.partiql_loc = at(v, p);
                    boolean(v, p, key, t.partiql);
                } else if (key == "operations") {
                    std::vector<Located> ops;
                    strings(v, p, key, ops);
                    if (v.IsSequence() && v.size() == 0)
                        error(at(v, p), "\"operations\" is empty", "list what the caller does: read, query, write, update, delete, batch");
                    const std::vector<std::string_view> names{"read", "query", "write", "update", "delete", "batch"};
                    for (const Located& op : ops) {
                        const std::string lower = util::to_lower(op.text);
                        Operation o;
                        if (lower == "read") o = Operation::read;
                        else if (lower == "query") o = Operation::query;
                        else if (lower == "write") o = Operation::write;
                        else if (lower == "update") o = Operation::update;
                        else if (lower == "delete") o = Operation::del;
                        else if (lower == "batch") o = Operation::batch;
                        else if (lower == "scan") {
                            unsafe(op.loc,
                                   "scan cannot be row-scoped: a Scan names no partition key, so dynamodb:LeadingKeys is "
                                   "absent and ForAllValues:StringEquals on it is vacuously true: the caller would read "
                                   "every user's items",
                                   "use query (the caller's own partition) instead of scan");
                            continue;
                        } else if (lower == "stream" || lower == "streams") {
                            unsafe(op.loc,
                                   "streams cannot be row-scoped: GetRecords returns the changes of every partition and "
                                   "DynamoDB Streams actions carry no fine-grained condition keys",
                                   "read the stream from a trusted service (for example a Lambda trigger) that writes "
                                   "per-user results, and give users query on those");
                            continue;
                        } else {
                            std::string m = "unknown operation \"" + op.text + "\"";
                            if (auto near = util::did_you_mean(lower, names)) m += "; did you mean \"" + std::string(*near) + "\"?";
                            error(op.loc, m, "operations are: read, query, write, update, delete, batch");
                            continue;
                        }
                        if (!t.has(o)) {
                            t.operations.push_back(o);
                            t.operation_locs.push_back(op.loc);
                        }
                    }
                } else if (key == "indexes") {
                    if (!v.IsSequence()) {
                        error(at(v, p), "\"indexes\" must be a list of {name, partition_key}, but it is " + describe(v));
                        return;
                    }
                    for (std::size_t i = 0; i < v.size(); ++i) {
                        Index ix;
                        const std::string ip = p + "/" + std::to_string(i);
                        const Location iloc = at(v[i], ip);
                        members(v[i], ip, "an index", {"name", "partition_key"},
                                [&](const std::string& k, const YAML::Node& iv, const std::string& pp) {
                                    if (k == "name") string(iv, pp, k, ix.name);
                                    else string(iv, pp, k, ix.partition_key);
                                });
                        if (!v[i].IsMap()) continue;
                        if (ix.name.text.empty() && ix.name.loc.line == 0)
                            error(iloc, "an index has no \"name\"", "add name: <index name>");
                        if (ix.partition_key.text.empty() && ix.partition_key.loc.line == 0)
                            error(iloc, "index has no \"partition_key\"",
                                  "add partition_key: <the index's partition key attribute>");
                        if (!ix.name.text.empty() && !RE2::FullMatch(ix.name.text, table_name_re()))
                            error(ix.name.loc, "index name \"" + ix.name.text + "\" is not a DynamoDB index name (3-255 of a-z A-Z 0-9 _ . -)");
                        t.indexes.push_back(std::move(ix));
                    }
                }
            });
}

void Reader::read_options(const YAML::Node& n, const std::string& ptr, Options& o) {
    members(n, ptr, "options", {"require_tls", "vpc_endpoints", "kms_key_arn", "client_side_encryption"},
            [&](const std::string& key, const YAML::Node& v, const std::string& p) {
                if (key == "require_tls") boolean(v, p, key, o.require_tls);
                else if (key == "vpc_endpoints") {
                    strings(v, p, key, o.vpc_endpoints);
                    if (v.IsSequence() && v.size() == 0) error(at(v, p), "\"vpc_endpoints\" is empty", "list the endpoint ids, or leave the option out");
                    for (const Located& e : o.vpc_endpoints)
                        if (!RE2::FullMatch(e.text, vpce_re()))
                            error(e.loc, "\"" + e.text + "\" is not a VPC endpoint id", "write the id as shown by the VPC console: vpce-0123456789abcdef0");
                } else if (key == "kms_key_arn") {
                    if (string(v, p, key, o.kms_key_arn) && !RE2::FullMatch(o.kms_key_arn.text, kms_key_re()))
                        error(o.kms_key_arn.loc, "kms_key_arn \"" + o.kms_key_arn.text + "\" is not a KMS key ARN",
                              "write the key's ARN (arn:aws:kms:<region>:<account>:key/<key id>); an alias ARN cannot be "
                              "the Resource of kms:Decrypt");
                } else if (key == "client_side_encryption") {
                    o.client_side_loc = at(v, p);
                    boolean(v, p, key, o.client_side_encryption);
                }
            });
}

void Reader::validate(Spec& spec, const Location& root_loc, const Location& identity_loc, bool has_identity) {
    (void)identity_loc;
    if (!has_identity)
        error(root_loc, "the spec has no \"identity\"",
              "add identity: {type: cognito, identity_pool_id: ..., role: authenticated} (or web-identity, iam-user, principal-tag)");
    std::set<std::string> names;
    for (const Table& t : spec.tables) {
        if (!t.name.text.empty() && !names.insert(t.name.text).second)
            error(t.name.loc, "table \"" + t.name.text + "\" appears twice", "list each table once, with all its operations");
        validate_table(spec, t);
    }
    const Options& o = spec.options;
    if (o.client_side_encryption && o.kms_key_arn.text.empty())
        error(o.client_side_loc, "client_side_encryption needs kms_key_arn (the wrapping key of the AWS Database Encryption SDK)",
              "add kms_key_arn: arn:" + spec.partition + ":kms:<region>:<account>:key/<key id>");
    std::string key_partition;
    if (!o.kms_key_arn.text.empty() && RE2::PartialMatch(o.kms_key_arn.text, "^arn:([a-z-]+):", &key_partition) &&
        key_partition != spec.partition)
        error(o.kms_key_arn.loc, "kms_key_arn is in partition " + key_partition + ", the tables in " + spec.partition);
    if (o.client_side_encryption)
        for (const Table& t : spec.tables)
            if (t.partiql)
                unsafe(t.partiql_loc,
                       "table " + t.name.text + " turns on PartiQL with client_side_encryption: the AWS Database "
                       "Encryption SDK does not support PartiQL, so PartiQL writes would store plaintext",
                       "set partiql: false and use the item API through the encryption client");
}

void Reader::validate_table(const Spec& spec, const Table& t) {
    (void)spec;
    if (t.name.text.empty()) {
        if (t.name.loc.line == 0) error(t.loc, "a table has no \"name\"", "add name: <table name>");
    } else if (!RE2::FullMatch(t.name.text, table_name_re())) {
        error(t.name.loc, "table name \"" + t.name.text + "\" is not a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -)");
    }
    if (t.partition_key.text.empty() && t.partition_key.loc.line == 0)
        error(t.loc, "table " + t.name.text + " has no \"partition_key\"",
              "add partition_key: <the attribute that holds the caller's identity>");
    if (t.operations.empty() && t.operation_locs.empty()) {
        bool reported = false;
        for (const Finding& f : problems_) reported = reported || f.location.pointer.str().starts_with(t.loc.pointer.str() + "/operations");
        if (!reported)
            error(t.loc, "table " + t.name.text + " has no \"operations\"",
                  "add operations: [read, query, write, update, delete, batch] (those the caller needs)");
    }
    if (t.has(Operation::batch) && !t.has(Operation::read) && !t.has(Operation::write) && !t.has(Operation::del))
        error(t.where(Operation::batch), "batch only batches read, write or delete, and this table lists none of them",
              "add read (BatchGetItem) or write/delete (BatchWriteItem), or drop batch");

    // Attribute lists must name the key attributes: every request names them, so a list
    // without them would refuse every request (dynamodb:Attributes includes key attributes).
    auto check_keys = [&](const std::vector<Located>& attrs, const Location& loc, const char* field) {
        std::vector<std::string> missing;
        for (const Located* k : {&t.partition_key, &t.sort_key}) {
            if (k->text.empty()) continue;
            bool found = false;
            for (const Located& a : attrs) found = found || a.text == k->text;
            if (!found) missing.push_back(k->text);
        }
        if (missing.empty()) return;
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        error(loc, std::string(field) + " omits the key attribute" + (missing.size() > 1 ? "s " : " ") + list +
                       ": every request names the key attributes, so dynamodb:Attributes must allow them",
              "add " + list + " to " + field);
    };
    if (t.has_read_attributes) {
        if (t.read_attributes.empty() && t.read_attributes_loc.line != 0)
            error(t.read_attributes_loc, "read_attributes is empty", "list the attributes the caller may read, key attributes included");
        else
            check_keys(t.read_attributes, t.read_attributes_loc, "read_attributes");
        if (!t.has(Operation::read) && !t.has(Operation::query))
            error(t.read_attributes_loc, "read_attributes limits reads, but the table lists neither read nor query",
                  "add read or query, or drop read_attributes");
    }
    if (t.has_write_attributes) {
        if (t.write_attributes.empty() && t.write_attributes_loc.line != 0)
            error(t.write_attributes_loc, "write_attributes is empty", "list the attributes the caller may change, key attributes included");
        else
            check_keys(t.write_attributes, t.write_attributes_loc, "write_attributes");
        if (!t.has(Operation::update))
            error(t.write_attributes_loc, "write_attributes limits update, but the table does not list update",
                  "add update, or drop write_attributes");
    }
    const bool columns = t.has_read_attributes || t.has_write_attributes;
    if (columns) {
        for (Operation op : {Operation::write, Operation::del})
            if (t.has(op))
                unsafe(t.where(op),
                       std::string(op == Operation::write ? "write (PutItem)" : "delete (DeleteItem)") +
                           " on a column-restricted table: it replaces or removes whole items, attributes the caller "
                           "may not see or change included, and its ReturnValues ALL_OLD returns them",
                       "use update with write_attributes to change only the allowed attributes; let a trusted "
                       "backend create and delete items");
        if (t.has(Operation::update) && !t.has_write_attributes)
            unsafe(t.where(Operation::update),
                   "update on a table with read_attributes but no write_attributes: the caller could change hidden "
                   "attributes and read their old values back with ReturnValues UPDATED_OLD",
                   "add write_attributes listing what the caller may change (key attributes included)");
        if (t.partiql)
            unsafe(t.partiql_loc,
                   "partiql on a column-restricted table: which attribute names a PartiQL statement puts in "
                   "dynamodb:Attributes is not documented, so the column list cannot be shown to hold",
                   "set partiql: false and use GetItem/Query/UpdateItem, which the column conditions cover");
    }
    if (t.has_read_attributes && t.has_write_attributes) {
        // UPDATED_NEW/UPDATED_OLD return the updated attributes: those must be readable too.
        for (const Located& w : t.write_attributes) {
            bool readable = false;
            for (const Located& r : t.read_attributes) readable = readable || r.text == w.text;
            if (!readable)
                unsafe(w.loc,
                       "write attribute " + w.text + " is not in read_attributes: update's ReturnValues UPDATED_OLD "
                       "would return its hidden value",
                       "add " + w.text + " to read_attributes, or remove it from write_attributes");
        }
    }
    for (const Index& ix : t.indexes) {
        if (!t.has(Operation::query)) {
            error(ix.name.loc.line ? ix.name.loc : t.loc, "index " + ix.name.text + " is listed but the table does not list query",
                  "add query (only Query reads an index), or drop the index");
            break;
        }
    }
    for (const Index& ix : t.indexes)
        if (!ix.partition_key.text.empty() && !t.partition_key.text.empty() && ix.partition_key.text != t.partition_key.text)
            unsafe(ix.partition_key.loc,
                   "index " + ix.name.text + " is keyed on " + ix.partition_key.text + ", not on " + t.partition_key.text +
                       " (the identity): on a Query of the index dynamodb:LeadingKeys is the index's partition key "
                       "value, so the row filter would not keep the caller to their own items",
                   "drop the index from the spec, or key it on " + t.partition_key.text +
                       " (the index's partition key must hold the caller's identity)");
    if (!t.partition_key.text.empty() && t.partition_key.text == t.sort_key.text)
        error(t.sort_key.loc, "sort_key is the same attribute as partition_key");
}

}  // namespace

bool read_spec(std::string_view text, const std::string& path, Spec& spec, std::vector<Finding>& problems) {
    spec.path = path;
    const std::size_t before = problems.size();
    Reader reader(path, problems);
    if (text.size() > kMaxSpecBytes) {
        reader.error(Location{1, 1, ""}, "the spec is larger than 1 MiB", "a spec is a short file: split it per role");
        return false;
    }
    try {
        YAML::Node root = YAML::Load(std::string(text));
        if (!root.IsDefined() || root.IsNull()) {
            reader.error(Location{1, 1, ""}, "the spec is empty",
                         "start from a file in examples/specs/ (identity, account, region, tables)");
            return false;
        }
        reader.read(root, spec);
    } catch (const YAML::Exception& e) {
        Location l;
        l.line = e.mark.line >= 0 ? static_cast<std::uint32_t>(e.mark.line) + 1 : 1;
        l.column = e.mark.column >= 0 ? static_cast<std::uint32_t>(e.mark.column) + 1 : 1;
        reader.error(l, "the spec is not valid YAML or JSON: " + e.msg);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        reader.error(Location{1, 1, ""}, std::string("the spec could not be read: ") + e.what());
    }
    std::stable_sort(problems.begin() + static_cast<std::ptrdiff_t>(before), problems.end(),
                     [](const Finding& a, const Finding& b) {
                         return std::tie(a.location.line, a.location.column) < std::tie(b.location.line, b.location.column);
                     });
    return problems.size() == before;
}

}  // namespace ddbguard::generate
