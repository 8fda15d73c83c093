// Which statements declare row or column intent (docs/dynamodb-iam.md sections 4, 5).
#include <algorithm>

#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze::isolation {

bool is_row_key(std::string_view key) {
    // DynamoDB Developer Guide, "Using IAM policy conditions for fine-grained access
    // control": LeadingKeys; the SAR adds the per-position partition-key keys.
    for (std::string_view k : {"dynamodb:LeadingKeys", "dynamodb:FirstPartitionKeyValues",
                               "dynamodb:SecondPartitionKeyValues", "dynamodb:ThirdPartitionKeyValues",
                               "dynamodb:FourthPartitionKeyValues"})
        if (util::iequals(k, key)) return true;
    return false;
}

bool is_identity_variable(std::string_view name) {
    // IAM User Guide, "IAM policy elements: Variables and tags", and the DynamoDB guide's
    // web identity federation examples.
    for (std::string_view k : {"cognito-identity.amazonaws.com:sub", "www.amazon.com:user_id",
                               "graph.facebook.com:id", "accounts.google.com:sub", "aws:username", "aws:userid"})
        if (util::iequals(k, name)) return true;
    return util::istarts_with(name, "aws:PrincipalTag/") && name.size() > 17;
}

bool looks_like_variable(std::string_view literal) {
    if (literal.find("${") != std::string_view::npos) {
        // A "${" that is never closed.
        return literal.find('}', literal.find("${")) == std::string_view::npos;
    }
    if (!literal.empty() && (literal.front() == '$' || literal.front() == '{' || literal.back() == '}')) return true;
    const std::string lower = util::to_lower(literal);
    for (std::string_view k : {"cognito-identity.amazonaws.com:", "www.amazon.com:user_id", "graph.facebook.com:id",
                               "accounts.google.com:sub", "aws:username", "aws:userid", "aws:principaltag/"})
        if (lower.find(k) != std::string::npos) return true;
    return false;
}

std::vector<const ConditionEntry*> row_conditions(const Statement& st) {
    std::vector<const ConditionEntry*> out;
    for (const ConditionEntry& c : st.conditions)
        if (is_row_key(c.key) && !util::iequals(c.op, "Null")) out.push_back(&c);
    return out;
}

std::vector<RowCondition> allow_row_conditions(const std::vector<const Policy*>& set) {
    std::vector<RowCondition> out;
    for (const Policy* policy : set)
        for (const Statement& st : policy->statements)
            if (st.effect == Effect::allow)
                for (const ConditionEntry* c : row_conditions(st)) out.push_back({policy, &st, c});
    return out;
}

std::vector<const ConditionEntry*> column_conditions(const Statement& st) {
    std::vector<const ConditionEntry*> out;
    for (const ConditionEntry& c : st.conditions)
        if (util::iequals(c.key, "dynamodb:Attributes") && !util::iequals(c.op, "Null")) out.push_back(&c);
    return out;
}

ActionClass action_class(std::string_view action) {
    // Issue 12's classes: reads include ConditionCheckItem (it reads an item to test a
    // condition) and the stream actions (they read every change).
    for (std::string_view a : {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan",
                               "dynamodb:PartiQLSelect", "dynamodb:ConditionCheckItem", "dynamodb:GetRecords",
                               "dynamodb:GetShardIterator", "dynamodb:DescribeStream"})
        if (util::iequals(a, action)) return ActionClass::read;
    for (std::string_view a : {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                               "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
                               "dynamodb:PartiQLDelete"})
        if (util::iequals(a, action)) return ActionClass::write;
    return ActionClass::none;
}

RowFilter row_filter_of(const Statement& st) {
    for (const ConditionEntry* c : row_conditions(st))
        for (const Value& v : c->values)
            if (v.text.find("${") != std::string::npos || looks_like_variable(v.text)) return RowFilter::per_user;
    return RowFilter::literal;
}

const RowScope* Intent::scope_of(const Statement* st) const {
    for (const RowScope& s : row_scopes)
        if (s.ref.statement == st) return &s;
    return nullptr;
}

Intent detect_intent(const std::vector<const Policy*>& set) {
    Intent intent;
    auto add_unique = [](std::vector<std::string>& list, const std::string& v) {
        if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
    };
    for (const Policy* policy : set) {
        for (const Statement& st : policy->statements) {
            if (st.effect == Effect::invalid) continue;
            const auto rows = row_conditions(st);
            if (!rows.empty()) {
                intent.row_statements.push_back({policy, &st});
                RowScope scope;
                scope.ref = {policy, &st};
                scope.filter = row_filter_of(st);
                for (const ConditionEntry* c : rows)
                    for (const Value& v : c->values) {
                        add_unique(intent.row_values, v.text);
                        add_unique(scope.values, v.text);
                    }
                for (const std::string& a : covered_actions(st)) {
                    const ActionClass k = action_class(a);
                    scope.reads = scope.reads || k == ActionClass::read;
                    scope.writes = scope.writes || k == ActionClass::write;
                }
                intent.row_scopes.push_back(std::move(scope));
            }
            const auto cols = column_conditions(st);
            if (!cols.empty()) {
                intent.column_statements.push_back({policy, &st});
                if (st.effect == Effect::allow)
                    for (const ConditionEntry* c : cols)
                        for (const Value& v : c->values)
                            if (v.text.find_first_of("*?$") == std::string::npos)
                                add_unique(intent.allowed_attributes, v.text);
            }
        }
    }
    return intent;
}

bool IdentityFormat::allows(char c) const {
    if (any_char) return c >= 0x20 && c < 0x7f;
    if (c >= '0' && c <= '9') return true;
    if (digits_only) return false;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    return extra_chars.find(c) != std::string_view::npos;
}

const IdentityFormat& identity_format(std::string_view key) {
    // Sources: Amazon Cognito Identity API Reference, GetId ("IdentityId: A unique identifier
    // in the format REGION:GUID"); IAM User Guide, "IAM object quotas" and "IAM identifiers"
    // (user names: letters, digits and +=,.@_-); AWS STS API Reference, AssumeRole
    // (RoleSessionName: [\w+=,.@-]*, the part of aws:userid after the colon); IAM User
    // Guide, "Tagging IAM resources" (tag values: letters, digits, spaces and _.:/=+-@);
    // Facebook's numeric user ids; Login with Amazon ("amzn1.account." and letters and
    // digits); Google's "sub", documented only as an ASCII string of at most 255 characters.
    static const IdentityFormat formats[] = {
        {"cognito-identity.amazonaws.com:sub", "us-east-1:caller-0000", "us-east-1:other-0000", true, false, "", false,
         "Cognito identity ids (REGION:GUID, one fixed length)"},
        {"aws:username", "bob", "alice", false, false, "+=,.@_-", false, "IAM user names"},
        {"aws:userid", "AROAEXAMPLEID:bob", "AROAEXAMPLEID:alice", false, false, "+=,.@_-", false,
         "role session names (the part of aws:userid after the colon)"},
        {"www.amazon.com:user_id", "amzn1.account.CALLER0000", "amzn1.account.OTHER0000", false, false, ".", false,
         "Login with Amazon user ids"},
        {"graph.facebook.com:id", "100000000000001", "100000000000002", false, true, "", false, "Facebook user ids"},
        {"accounts.google.com:sub", "110000000000000000001", "110000000000000000002", false, false, "", true,
         "Google subject ids"},
    };
    static const IdentityFormat tag{"aws:PrincipalTag/", "team-a", "team-b", false, false, " _.:/=+-@", false,
                                    "principal tag values"};
    static const IdentityFormat other{"", "caller-0000", "other-0000", false, false, "", true, "the ids of this key"};
    for (const IdentityFormat& f : formats)
        if (util::iequals(f.key, key)) return f;
    if (util::istarts_with(key, "aws:PrincipalTag/")) return tag;
    return other;
}

std::optional<Extension> extension_of(std::string_view value) {
    const std::size_t open = value.find("${");
    if (open == std::string_view::npos) return std::nullopt;
    const std::size_t close = value.find('}', open);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view name = value.substr(open + 2, close - open - 2);
    name = name.substr(0, name.find(','));
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!is_identity_variable(name)) return std::nullopt;
    const std::size_t wild = value.find_first_of("*?", close + 1);
    if (wild == std::string_view::npos) return std::nullopt;
    const std::string_view delimiter = value.substr(close + 1, wild - close - 1);
    if (delimiter.find("${") != std::string_view::npos) return std::nullopt;
    Extension e;
    e.variable = std::string(name);
    e.delimiter = std::string(delimiter);
    const IdentityFormat& f = identity_format(name);
    if (f.fixed_length) {
        e.reason = std::string(f.described) + " cannot extend one another: no other user's id starts with the "
                   "caller's" + (delimiter.empty() ? std::string() : " followed by '" + e.delimiter + "'");
        return e;
    }
    for (char c : delimiter) {
        if (f.allows(c)) continue;
        e.reason = std::string(f.described) + " cannot contain '" + std::string(1, c) +
                   "': no other user's id starts with the caller's followed by '" + e.delimiter + "'";
        return e;
    }
    e.possible = true;
    return e;
}

}  // namespace ddbguard::analyze::isolation
