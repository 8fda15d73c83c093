// The evaluator, one block of cases per rule of docs/dynamodb-iam.md sections 1-3.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ddbguard/evaluate.hpp"
#include "ddbguard/policy.hpp"

using ddbguard::ContextEntry;
using ddbguard::Decision;
using ddbguard::Evaluator;
using ddbguard::Outcome;
using ddbguard::Request;

namespace {

const std::string kTable = "arn:aws:dynamodb:us-east-1:123456789012:table/Users";
const std::string kGet = "dynamodb:GetItem";
constexpr Outcome kAllow = Outcome::allow;
constexpr Outcome kImplicit = Outcome::implicit_deny;
constexpr Outcome kExplicit = Outcome::explicit_deny;

Request req(std::string action, std::string resource, std::vector<ContextEntry> context = {}, std::string principal = {}) {
    Request r;
    r.action = std::move(action);
    r.resource = std::move(resource);
    r.principal = std::move(principal);
    r.context = std::move(context);
    return r;
}

std::string doc(const std::string& statements, const std::string& version = "2012-10-17") {
    std::string v = version.empty() ? std::string() : "\"Version\":\"" + version + "\",";
    return "{" + v + "\"Statement\":[" + statements + "]}";
}

std::string stmt(const std::string& effect, const std::string& action, const std::string& resource,
                 const std::string& condition = {}) {
    std::string s = "{\"Effect\":\"" + effect + "\"," + action + "," + resource;
    if (!condition.empty()) s += ",\"Condition\":" + condition;
    return s + "}";
}

std::string allow_get(const std::string& condition = {}) {
    return stmt("Allow", "\"Action\":\"dynamodb:GetItem\"", "\"Resource\":\"" + kTable + "\"", condition);
}

// Evaluates with both entry points and checks that they agree.
Decision run(const std::vector<std::string>& policies, const Request& r) {
    std::vector<ddbguard::ParseResult> parsed;
    parsed.reserve(policies.size());
    std::vector<const ddbguard::Policy*> ptrs;
    for (std::size_t i = 0; i < policies.size(); ++i) {
        parsed.push_back(ddbguard::parse_policy(policies[i], "p" + std::to_string(i) + ".json"));
        INFO(policies[i]);
        REQUIRE(parsed.back().usable);
    }
    for (const auto& p : parsed) ptrs.push_back(&p.policy);
    Evaluator e(ptrs);
    Decision d = e.evaluate(r);
    CHECK(e.decide(r) == d.outcome);
    return d;
}

Outcome outcome(const std::string& policy, const Request& r) { return run({policy}, r).outcome; }

std::string joined(const Decision& d) {
    std::string s;
    for (const auto& l : d.explanation) s += l + "\n";
    return s;
}

// One condition, one key: does an Allow with it apply to a GetItem with this context?
struct CondRow {
    std::string op;
    std::string key;
    std::string values;  // JSON value: "x" or ["a","b"]
    std::vector<ContextEntry> context;
    Outcome expected;
};

void check_rows(const std::vector<CondRow>& rows, const std::string& version = "2012-10-17") {
    for (const auto& row : rows) {
        const std::string cond = "{\"" + row.op + "\":{\"" + row.key + "\":" + row.values + "}}";
        const std::string policy = doc(allow_get(cond), version);
        std::string ctx;
        for (const auto& e : row.context) {
            ctx += e.key + "=[";
            for (const auto& v : e.values) ctx += "'" + v + "' ";
            ctx += "] ";
        }
        INFO("condition " << cond << " context " << ctx);
        CHECK(outcome(policy, req(kGet, kTable, row.context)) == row.expected);
    }
}

}  // namespace

// ---- Section 1: grammar ----------------------------------------------------------

TEST_CASE("section 1: single strings and single statement objects are lists of one", "[evaluate][grammar]") {
    const std::string single = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:GetItem",
        "Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/Users"}})";
    CHECK(outcome(single, req(kGet, kTable)) == kAllow);
    const std::string lists = doc(stmt("Allow", R"("Action":["dynamodb:Query","dynamodb:GetItem"])",
                                       R"("Resource":["arn:aws:dynamodb:us-east-1:123456789012:table/Other",)"
                                       R"("arn:aws:dynamodb:us-east-1:123456789012:table/Users"])"));
    CHECK(outcome(lists, req(kGet, kTable)) == kAllow);
    CHECK(outcome(lists, req("dynamodb:Scan", kTable)) == kImplicit);
}

TEST_CASE("section 1: Version 2012-10-17 substitutes variables, 2008-10-17 and missing do not", "[evaluate][grammar][variables]") {
    const std::string cond = R"({"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${cognito-identity.amazonaws.com:sub}"]}})";
    const std::vector<ContextEntry> self{{"dynamodb:LeadingKeys", {"us-east-1:abc"}},
                                         {"cognito-identity.amazonaws.com:sub", {"us-east-1:abc"}}};
    const std::vector<ContextEntry> literal{{"dynamodb:LeadingKeys", {"${cognito-identity.amazonaws.com:sub}"}},
                                            {"cognito-identity.amazonaws.com:sub", {"us-east-1:abc"}}};
    struct Row {
        std::string version;
        const std::vector<ContextEntry>* context;
        Outcome expected;
    };
    const std::vector<Row> rows{
        {"2012-10-17", &self, kAllow},  {"2012-10-17", &literal, kImplicit},
        {"2008-10-17", &self, kImplicit}, {"2008-10-17", &literal, kAllow},
        {"", &self, kImplicit},          {"", &literal, kAllow},
    };
    for (const auto& row : rows) {
        INFO("Version '" << row.version << "'");
        CHECK(outcome(doc(allow_get(cond), row.version), req(kGet, kTable, *row.context)) == row.expected);
    }
    // Resource variables follow the same rule.
    const std::string res = R"("Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/${aws:username}")";
    const std::vector<ContextEntry> alice{{"aws:username", {"alice"}}};
    const std::string alice_table = "arn:aws:dynamodb:us-east-1:123456789012:table/alice";
    const std::string literal_table = "arn:aws:dynamodb:us-east-1:123456789012:table/${aws:username}";
    CHECK(outcome(doc(stmt("Allow", R"("Action":"dynamodb:GetItem")", res)), req(kGet, alice_table, alice)) == kAllow);
    CHECK(outcome(doc(stmt("Allow", R"("Action":"dynamodb:GetItem")", res), "2008-10-17"), req(kGet, alice_table, alice)) == kImplicit);
    CHECK(outcome(doc(stmt("Allow", R"("Action":"dynamodb:GetItem")", res), ""), req(kGet, literal_table, alice)) == kAllow);
}

TEST_CASE("section 1: case rules for actions, keys, Effect, ARNs and values", "[evaluate][grammar]") {
    // Action names are case-insensitive, prefix and name.
    CHECK(outcome(doc(stmt("Allow", R"("Action":"DynamoDB:getitem")", "\"Resource\":\"" + kTable + "\"")), req(kGet, kTable)) == kAllow);
    CHECK(outcome(doc(allow_get()), req("DYNAMODB:GETITEM", kTable)) == kAllow);
    // Condition key names are case-insensitive.
    check_rows({
        {"StringEquals", "DynamoDB:Select", "\"COUNT\"", {{"dynamodb:select", {"COUNT"}}}, kAllow},
        // Values are case-sensitive unless IgnoreCase.
        {"StringEquals", "dynamodb:Select", "\"COUNT\"", {{"dynamodb:Select", {"count"}}}, kImplicit},
    });
    // ARN matching is case-sensitive.
    CHECK(outcome(doc(allow_get()), req(kGet, "arn:aws:dynamodb:us-east-1:123456789012:table/users")) == kImplicit);
    // Effect is case-sensitive: "allow" is not an Effect, the statement never applies.
    CHECK(outcome(doc(stmt("allow", R"("Action":"dynamodb:GetItem")", "\"Resource\":\"" + kTable + "\"")), req(kGet, kTable)) == kImplicit);
}

// ---- Section 2: evaluation -------------------------------------------------------

TEST_CASE("section 2: explicit Deny beats Allow, Allow beats implicit deny, policies are a union", "[evaluate][decision]") {
    const std::string allow = doc(allow_get());
    const std::string deny = doc(stmt("Deny", R"("Action":"dynamodb:*")", R"("Resource":"*")"));
    const std::string other = doc(stmt("Allow", R"("Action":"dynamodb:Query")", "\"Resource\":\"" + kTable + "\""));
    CHECK(run({allow}, req(kGet, kTable)).outcome == kAllow);
    CHECK(run({allow, deny}, req(kGet, kTable)).outcome == kExplicit);
    CHECK(run({deny, allow}, req(kGet, kTable)).outcome == kExplicit);
    CHECK(run({other}, req(kGet, kTable)).outcome == kImplicit);
    CHECK(run({other, allow}, req(kGet, kTable)).outcome == kAllow);
    CHECK(run({other, allow}, req("dynamodb:Query", kTable)).outcome == kAllow);
    CHECK(run({}, req(kGet, kTable)).outcome == kImplicit);

    const Decision d = run({allow, deny}, req(kGet, kTable));
    REQUIRE(d.matched.size() == 1);
    CHECK(d.matched[0].deny);
    CHECK(d.matched[0].path == "p1.json");
    CHECK(d.matched[0].statement == 0);
    CHECK(d.matched[0].location.line == 1);
    CHECK(joined(d).find("explicit-deny") != std::string::npos);
    CHECK(joined(d).find("an explicit Deny overrides it") != std::string::npos);

    const Decision a = run({doc(R"({"Sid":"ReadUsers","Effect":"Allow","Action":"dynamodb:GetItem","Resource":")" + kTable + "\"}")},
                           req(kGet, kTable));
    REQUIRE(a.matched.size() == 1);
    CHECK(a.matched[0].sid == "ReadUsers");
    CHECK(to_string(a.outcome) == "allow");
    CHECK(to_string(kImplicit) == "implicit-deny");
    CHECK(to_string(kExplicit) == "explicit-deny");
}

TEST_CASE("section 2: a statement applies when action AND resource AND every condition match", "[evaluate][decision]") {
    const std::string policy = doc(allow_get(R"({"StringEquals":{"dynamodb:Select":"COUNT"}})"));
    CHECK(outcome(policy, req(kGet, kTable, {{"dynamodb:Select", {"COUNT"}}})) == kAllow);
    CHECK(outcome(policy, req("dynamodb:Query", kTable, {{"dynamodb:Select", {"COUNT"}}})) == kImplicit);
    CHECK(outcome(policy, req(kGet, kTable + "2", {{"dynamodb:Select", {"COUNT"}}})) == kImplicit);
    CHECK(outcome(policy, req(kGet, kTable, {{"dynamodb:Select", {"ALL_ATTRIBUTES"}}})) == kImplicit);
}

TEST_CASE("section 2: NotAction and NotResource match everything not listed", "[evaluate][decision]") {
    const std::string not_action = doc(stmt("Allow", R"("NotAction":"dynamodb:*")", R"("Resource":"*")"));
    CHECK(outcome(not_action, req("s3:GetObject", "arn:aws:s3:::bucket/key")) == kAllow);
    CHECK(outcome(not_action, req("iam:CreateUser", "arn:aws:iam::123456789012:user/x")) == kAllow);
    CHECK(outcome(not_action, req(kGet, kTable)) == kImplicit);
    const std::string not_action_list = doc(stmt("Allow", R"("NotAction":["dynamodb:Scan","dynamodb:Delete*"])", R"("Resource":"*")"));
    CHECK(outcome(not_action_list, req(kGet, kTable)) == kAllow);
    CHECK(outcome(not_action_list, req("dynamodb:DeleteTable", kTable)) == kImplicit);
    CHECK(outcome(not_action_list, req("dynamodb:Scan", kTable)) == kImplicit);

    const std::string not_resource = doc(stmt("Allow", R"("Action":"dynamodb:*")",
                                              R"("NotResource":"arn:aws:dynamodb:us-east-1:123456789012:table/Secret*")"));
    CHECK(outcome(not_resource, req(kGet, kTable)) == kAllow);
    CHECK(outcome(not_resource, req(kGet, "arn:aws:dynamodb:us-east-1:123456789012:table/Secrets")) == kImplicit);
    CHECK(outcome(not_resource, req(kGet, "arn:aws:dynamodb:us-east-1:123456789012:table/Secret/index/I")) == kImplicit);

    const std::string deny_not_resource = doc(stmt("Allow", R"("Action":"dynamodb:*")", R"("Resource":"*")") + "," +
                                              stmt("Deny", R"("NotAction":"dynamodb:GetItem")", "\"NotResource\":\"" + kTable + "\""));
    CHECK(outcome(deny_not_resource, req(kGet, kTable + "2")) == kAllow);
    CHECK(outcome(deny_not_resource, req("dynamodb:Query", kTable + "2")) == kExplicit);
    CHECK(outcome(deny_not_resource, req("dynamodb:Query", kTable)) == kAllow);
}

TEST_CASE("section 2: action wildcards * and ? (case-insensitive)", "[evaluate][wildcards]") {
    struct Row {
        std::string pattern, action;
        bool matches;
    };
    const std::vector<Row> rows{
        {"*", "dynamodb:GetItem", true},          {"dynamodb:*", "dynamodb:GetItem", true},
        {"dynamodb:*", "s3:GetObject", false},    {"dynamodb:Get*", "dynamodb:GetItem", true},
        {"dynamodb:get*", "dynamodb:GetRecords", true}, {"dynamodb:Get*", "dynamodb:BatchGetItem", false},
        {"dynamodb:*Item", "dynamodb:BatchGetItem", true}, {"dynamodb:*Item", "dynamodb:PutItem", true},
        {"dynamodb:?etItem", "dynamodb:GetItem", true}, {"dynamodb:?etItem", "dynamodb:SetItem", true},
        {"dynamodb:?etItem", "dynamodb:BatchGetItem", false}, {"dynamodb:Get?tem", "dynamodb:GetItem", true},
        {"dynamodb:GetItem", "dynamodb:GetItems", false}, {"dynamo*:*Scan", "dynamodb:Scan", true},
        {"dynamodb:Scan", "dynamodb:scan", true},
    };
    for (const auto& row : rows) {
        INFO(row.pattern << " vs " << row.action);
        const std::string policy = doc(stmt("Allow", "\"Action\":\"" + row.pattern + "\"", R"("Resource":"*")"));
        CHECK((outcome(policy, req(row.action, kTable)) == kAllow) == row.matches);
    }
}

TEST_CASE("section 2/3: ARN wildcards match segment by segment, the resource part is one segment", "[evaluate][wildcards][arn]") {
    const std::string base = "arn:aws:dynamodb:us-east-1:123456789012:";
    struct Row {
        std::string pattern, resource;
        bool matches;
    };
    const std::vector<Row> rows{
        // table/Users* covers the table, similarly named tables, and every sub-resource.
        {base + "table/Users*", base + "table/Users", true},
        {base + "table/Users*", base + "table/Users2", true},
        {base + "table/Users*", base + "table/Users/index/ByEmail", true},
        {base + "table/Users*", base + "table/Users/stream/2024-05-01T12:34:56.789", true},
        {base + "table/Users*", base + "table/Users/backup/01700000000000-abcdefgh", true},
        {base + "table/Users*", base + "table/Users/export/01700000000000-abcdefgh", true},
        {base + "table/Users*", base + "table/Users/import/01700000000000-abcdefgh", true},
        // table/Users alone matches no index, stream or other sub-resource ARN.
        {base + "table/Users", base + "table/Users/index/ByEmail", false},
        {base + "table/Users", base + "table/Users/stream/2024-05-01T12:34:56.789", false},
        {base + "table/Users", base + "table/Users", true},
        {base + "table/Users/index/*", base + "table/Users/index/ByEmail", true},
        {base + "table/Users/index/*", base + "table/Users", false},
        // Stream labels contain colons but sit inside the last segment.
        {base + "table/Users/stream/*", base + "table/Users/stream/2024-05-01T12:34:56.789", true},
        {base + "table/Users/stream/2024-05-01T12:34:56.789", base + "table/Users/stream/2024-05-01T12:34:56.789", true},
        {base + "table/*/stream/*", base + "table/Users/stream/2024-05-01T12:34:56.789", true},
        {base + "*", base + "table/Users/stream/2024-05-01T12:34:56.789", true},
        // Wildcards do not cross the first five colons.
        {"arn:aws:dynamodb:*:123456789012:table/Users", base + "table/Users", true},
        {"arn:aws:dynamodb:*:*:table/Users", base + "table/Users", true},
        {"arn:aws:dynamodb:*:table/Users", base + "table/Users", false},
        {"arn:aws:dynamodb:us-*-1:123456789012:table/Users", base + "table/Users", true},
        {"arn:aws:dynamodb:us-east-?:123456789012:table/Users", base + "table/Users", true},
        {"arn:aws:dynamodb:us-east-??:123456789012:table/Users", base + "table/Users", false},
        {"arn:aws:dynamodb::123456789012:global-table/G", "arn:aws:dynamodb::123456789012:global-table/G", true},
        {"arn:aws:dynamodb:*:123456789012:global-table/G", "arn:aws:dynamodb::123456789012:global-table/G", true},
        {"*", base + "table/Users", true},
        {"*", "*", true},
        {base + "table/Users", "*", false},
        {base + "table/Use?s", base + "table/Users", true},
        {base + "table/Use?s", base + "table/Usrs", false},
        {base + "table/users", base + "table/Users", false},
    };
    for (const auto& row : rows) {
        INFO(row.pattern << " vs " << row.resource);
        const std::string policy = doc(stmt("Allow", R"("Action":"dynamodb:*")", "\"Resource\":\"" + row.pattern + "\""));
        CHECK((outcome(policy, req(kGet, row.resource)) == kAllow) == row.matches);
    }
}

TEST_CASE("section 2: operators are ANDed, keys are ANDed, values are ORed", "[evaluate][conditions]") {
    const std::string policy = doc(allow_get(R"({"StringEquals":{"dynamodb:Select":["COUNT","SPECIFIC_ATTRIBUTES"],
        "dynamodb:ReturnConsumedCapacity":"NONE"},"Bool":{"aws:SecureTransport":"true"}})"));
    const std::vector<ContextEntry> all{{"dynamodb:Select", {"SPECIFIC_ATTRIBUTES"}},
                                        {"dynamodb:ReturnConsumedCapacity", {"NONE"}},
                                        {"aws:SecureTransport", {"true"}}};
    CHECK(outcome(policy, req(kGet, kTable, all)) == kAllow);
    auto r = req(kGet, kTable, all);
    r.set("dynamodb:select", {"COUNT"});
    CHECK(outcome(policy, r) == kAllow);
    r.set("dynamodb:Select", {"ALL_ATTRIBUTES"});
    CHECK(outcome(policy, r) == kImplicit);
    r = req(kGet, kTable, all);
    r.set("aws:SecureTransport", {"false"});
    CHECK(outcome(policy, r) == kImplicit);
    r = req(kGet, kTable, all);
    r.set("dynamodb:ReturnConsumedCapacity", {"TOTAL"});
    CHECK(outcome(policy, r) == kImplicit);
}

TEST_CASE("section 2: negated operators hold when the request value matches none of the values", "[evaluate][conditions][negated]") {
    check_rows({
        {"StringNotEquals", "k:a", R"(["x","y"])", {{"k:a", {"z"}}}, kAllow},
        {"StringNotEquals", "k:a", R"(["x","y"])", {{"k:a", {"y"}}}, kImplicit},
        {"StringNotEqualsIgnoreCase", "k:a", R"(["x","y"])", {{"k:a", {"Y"}}}, kImplicit},
        {"StringNotEqualsIgnoreCase", "k:a", R"(["x","y"])", {{"k:a", {"Z"}}}, kAllow},
        {"StringNotLike", "k:a", R"(["x*","*y"])", {{"k:a", {"axb"}}}, kAllow},
        {"StringNotLike", "k:a", R"(["x*","*y"])", {{"k:a", {"aay"}}}, kImplicit},
        {"NumericNotEquals", "k:a", R"(["1","2"])", {{"k:a", {"3"}}}, kAllow},
        {"NumericNotEquals", "k:a", R"(["1","2"])", {{"k:a", {"2.0"}}}, kImplicit},
        {"DateNotEquals", "k:a", R"(["2024-01-01T00:00:00Z"])", {{"k:a", {"1704067200"}}}, kImplicit},
        {"DateNotEquals", "k:a", R"(["2024-01-01T00:00:00Z"])", {{"k:a", {"1704067201"}}}, kAllow},
        {"NotIpAddress", "aws:SourceIp", R"(["10.0.0.0/8","192.168.0.0/16"])", {{"aws:SourceIp", {"192.168.3.4"}}}, kImplicit},
        {"NotIpAddress", "aws:SourceIp", R"(["10.0.0.0/8","192.168.0.0/16"])", {{"aws:SourceIp", {"172.16.0.1"}}}, kAllow},
        {"ArnNotEquals", "aws:PrincipalArn", R"(["arn:aws:iam::123456789012:role/A"])", {{"aws:PrincipalArn", {"arn:aws:iam::123456789012:role/B"}}}, kAllow},
        {"ArnNotEquals", "aws:PrincipalArn", R"(["arn:aws:iam::123456789012:role/A"])", {{"aws:PrincipalArn", {"arn:aws:iam::123456789012:role/A"}}}, kImplicit},
        {"ArnNotLike", "aws:PrincipalArn", R"(["arn:aws:iam::*:role/A*"])", {{"aws:PrincipalArn", {"arn:aws:iam::123456789012:role/Admin"}}}, kImplicit},
        {"ArnNotLike", "aws:PrincipalArn", R"(["arn:aws:iam::*:role/A*"])", {{"aws:PrincipalArn", {"arn:aws:iam::123456789012:role/Bob"}}}, kAllow},
        {"StringNotEqualsIfExists", "k:a", R"("x")", {{"k:a", {"x"}}}, kImplicit},
        {"StringNotEqualsIfExists", "k:a", R"("x")", {{"k:a", {"y"}}}, kAllow},
    });
}

TEST_CASE("section 2: the missing and empty key table", "[evaluate][conditions][missing]") {
    const std::vector<ContextEntry> absent{};
    const ContextEntry present_ok{"k:s", {"a"}};
    const ContextEntry present_bad{"k:s", {"b"}};
    const ContextEntry mv_ok{"dynamodb:LeadingKeys", {"a"}};
    const ContextEntry mv_two_ok{"dynamodb:LeadingKeys", {"a", "c"}};
    const ContextEntry mv_mixed{"dynamodb:LeadingKeys", {"a", "b"}};
    const ContextEntry mv_empty{"dynamodb:LeadingKeys", {}};
    const std::string lk = "dynamodb:LeadingKeys";
    check_rows({
        // positive Op (no qualifier): compare / false
        {"StringEquals", "k:s", R"("a")", {present_ok}, kAllow},
        {"StringEquals", "k:s", R"("a")", {present_bad}, kImplicit},
        {"StringEquals", "k:s", R"("a")", absent, kImplicit},
        {"NumericLessThan", "k:s", R"("5")", absent, kImplicit},
        {"Bool", "aws:SecureTransport", R"("false")", absent, kImplicit},
        {"IpAddress", "aws:SourceIp", R"("10.0.0.0/8")", absent, kImplicit},
        // negated Op (no qualifier): compare / TRUE
        {"StringNotEquals", "k:s", R"("a")", {present_ok}, kImplicit},
        {"StringNotEquals", "k:s", R"("a")", absent, kAllow},
        {"NotIpAddress", "aws:SourceIp", R"("10.0.0.0/8")", absent, kAllow},
        {"ArnNotLike", "aws:SourceArn", R"("arn:*")", absent, kAllow},
        // OpIfExists: compare / true
        {"StringEqualsIfExists", "k:s", R"("a")", {present_ok}, kAllow},
        {"StringEqualsIfExists", "k:s", R"("a")", {present_bad}, kImplicit},
        {"StringEqualsIfExists", "k:s", R"("a")", absent, kAllow},
        {"NumericLessThanIfExists", "k:s", R"("5")", absent, kAllow},
        {"BoolIfExists", "aws:SecureTransport", R"("true")", absent, kAllow},
        // ForAllValues:Op: every request value / TRUE / TRUE
        {"ForAllValues:StringEquals", lk, R"(["a","c"])", {mv_two_ok}, kAllow},
        {"ForAllValues:StringEquals", lk, R"(["a","c"])", {mv_mixed}, kImplicit},
        {"ForAllValues:StringEquals", lk, R"(["a","c"])", absent, kAllow},
        {"ForAllValues:StringEquals", lk, R"(["a","c"])", {mv_empty}, kAllow},
        {"ForAllValues:StringNotEquals", lk, R"(["b"])", absent, kAllow},
        {"ForAllValues:StringNotEquals", lk, R"(["b"])", {mv_empty}, kAllow},
        // ForAnyValue:Op: some request value / false / false
        {"ForAnyValue:StringEquals", lk, R"(["b"])", {mv_mixed}, kAllow},
        {"ForAnyValue:StringEquals", lk, R"(["b"])", {mv_two_ok}, kImplicit},
        {"ForAnyValue:StringEquals", lk, R"(["b"])", absent, kImplicit},
        {"ForAnyValue:StringEquals", lk, R"(["b"])", {mv_empty}, kImplicit},
        {"ForAnyValue:StringNotEquals", lk, R"(["b"])", absent, kImplicit},
        {"ForAnyValue:StringNotEquals", lk, R"(["b"])", {mv_empty}, kImplicit},
        // Null "true" / "false": false / true when present; true / false when absent; empty counts as present.
        {"Null", lk, R"("true")", {mv_ok}, kImplicit},
        {"Null", lk, R"("false")", {mv_ok}, kAllow},
        {"Null", lk, R"("true")", absent, kAllow},
        {"Null", lk, R"("false")", absent, kImplicit},
        {"Null", lk, R"("true")", {mv_empty}, kImplicit},
        {"Null", lk, R"("false")", {mv_empty}, kAllow},
        {"Null", "k:s", R"(["true","false"])", absent, kAllow},
    });
}

TEST_CASE("section 2: per-value meaning of negated operators under qualifiers", "[evaluate][conditions][qualifiers]") {
    const std::string lk = "dynamodb:LeadingKeys";
    check_rows({
        // ForAllValues:StringNotEquals: no request value equals any listed value.
        {"ForAllValues:StringNotEquals", lk, R"(["b","d"])", {{lk, {"a", "c"}}}, kAllow},
        {"ForAllValues:StringNotEquals", lk, R"(["b","d"])", {{lk, {"a", "b"}}}, kImplicit},
        // ForAnyValue:StringNotEquals: at least one request value equals none of the listed values.
        {"ForAnyValue:StringNotEquals", lk, R"(["b","d"])", {{lk, {"b", "d"}}}, kImplicit},
        {"ForAnyValue:StringNotEquals", lk, R"(["b","d"])", {{lk, {"b", "a"}}}, kAllow},
        {"ForAllValues:StringLike", "dynamodb:Attributes", R"(["id","name*"])", {{"dynamodb:Attributes", {"id", "name_first"}}}, kAllow},
        {"ForAllValues:StringLike", "dynamodb:Attributes", R"(["id","name*"])", {{"dynamodb:Attributes", {"id", "salary"}}}, kImplicit},
        // ForAnyValue on a single-valued key behaves as on a one-element set.
        {"ForAnyValue:StringEquals", "dynamodb:EnclosingOperation", R"(["TransactWriteItems"])", {{"dynamodb:EnclosingOperation", {"TransactWriteItems"}}}, kAllow},
        {"ForAllValues:StringEquals", "dynamodb:Select", R"(["COUNT"])", {{"dynamodb:Select", {"ALL_ATTRIBUTES"}}}, kImplicit},
        {"ForAllValues:StringEquals", "dynamodb:Select", R"(["COUNT"])", {}, kAllow},
    });
}

TEST_CASE("section 2: IfExists with a set qualifier: the qualifier decides", "[evaluate][conditions][qualifiers]") {
    const std::string lk = "dynamodb:LeadingKeys";
    check_rows({
        {"ForAllValues:StringEqualsIfExists", lk, R"(["a"])", {}, kAllow},
        {"ForAllValues:StringEqualsIfExists", lk, R"(["a"])", {{lk, {"a", "b"}}}, kImplicit},
        {"ForAnyValue:StringEqualsIfExists", lk, R"(["a"])", {}, kImplicit},
        {"ForAnyValue:StringEqualsIfExists", lk, R"(["a"])", {{lk, {}}}, kImplicit},
        {"ForAnyValue:StringEqualsIfExists", lk, R"(["a"])", {{lk, {"b", "a"}}}, kAllow},
    });
}

TEST_CASE("section 2: a multivalued key without qualifier is unknown and fails closed", "[evaluate][conditions][multivalued]") {
    const std::string lk = "dynamodb:LeadingKeys";
    const std::string allow_if = doc(allow_get(R"({"StringEquals":{"dynamodb:LeadingKeys":"alice"}})"));
    // Allow does not apply, whatever the request says.
    for (const auto& ctx : std::vector<std::vector<ContextEntry>>{{}, {{lk, {"alice"}}}, {{lk, {"alice", "bob"}}}, {{lk, {}}}}) {
        const Decision d = run({allow_if}, req(kGet, kTable, ctx));
        CHECK(d.outcome == kImplicit);
        CHECK(joined(d).find("unknown") != std::string::npos);
        CHECK(joined(d).find("does not apply (fail closed)") != std::string::npos);
    }
    // Deny applies, whatever the request says.
    const std::string deny_if = doc(stmt("Allow", R"("Action":"dynamodb:*")", R"("Resource":"*")") + "," +
                                    stmt("Deny", R"("Action":"dynamodb:*")", R"("Resource":"*")",
                                         R"({"StringNotEquals":{"dynamodb:LeadingKeys":"alice"}})"));
    for (const auto& ctx : std::vector<std::vector<ContextEntry>>{{}, {{lk, {"alice"}}}, {{lk, {"bob"}}}}) {
        const Decision d = run({deny_if}, req(kGet, kTable, ctx));
        CHECK(d.outcome == kExplicit);
        REQUIRE(d.matched.size() == 1);
        REQUIRE(d.matched[0].conditions.size() == 1);
        CHECK(d.matched[0].conditions[0].held);
        CHECK(d.matched[0].conditions[0].why.find("multivalued") != std::string::npos);
        CHECK(d.matched[0].conditions[0].why.find("applies (fail closed)") != std::string::npos);
    }
    // Other multivalued keys of the table; Null is exempt (it only asks for presence).
    check_rows({
        {"StringEquals", "dynamodb:Attributes", R"("id")", {{"dynamodb:Attributes", {"id"}}}, kImplicit},
        {"StringLike", "aws:TagKeys", R"("*")", {{"aws:TagKeys", {"a"}}}, kImplicit},
        {"StringEquals", "cognito-identity.amazonaws.com:amr", R"("authenticated")", {{"cognito-identity.amazonaws.com:amr", {"authenticated"}}}, kImplicit},
        {"StringEqualsIfExists", "dynamodb:FirstPartitionKeyValues", R"("a")", {}, kImplicit},
        {"Null", "dynamodb:Attributes", R"("false")", {{"dynamodb:Attributes", {"id"}}}, kAllow},
        // A single-valued key given several values by the request is not comparable either.
        {"StringEquals", "k:s", R"("a")", {{"k:s", {"a", "b"}}}, kImplicit},
    });
}

TEST_CASE("section 2: the explanation says why each condition held or failed", "[evaluate][explanation]") {
    const std::string policy = doc(allow_get(R"({"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${cognito-identity.amazonaws.com:sub}"]}})"));
    Decision d = run({policy}, req(kGet, kTable));
    CHECK(d.outcome == kAllow);
    REQUIRE(d.matched.size() == 1);
    REQUIRE(d.matched[0].conditions.size() == 1);
    CHECK(d.matched[0].conditions[0].why == "key dynamodb:LeadingKeys is absent, so ForAllValues is vacuously true");
    CHECK(d.matched[0].conditions[0].key == "dynamodb:LeadingKeys");
    CHECK(d.matched[0].conditions[0].op == "ForAllValues:StringEquals");
    CHECK(d.matched[0].conditions[0].location.line == 1);

    d = run({policy}, req(kGet, kTable, {{"dynamodb:LeadingKeys", {"me", "other"}}, {"cognito-identity.amazonaws.com:sub", {"me"}}}));
    CHECK(d.outcome == kImplicit);
    CHECK(d.matched.empty());
    const std::string text = joined(d);
    CHECK(text.find("request value 'other'") != std::string::npos);
    CHECK(text.find("ForAllValues is false") != std::string::npos);

    d = run({doc(allow_get(R"({"StringEquals":{"aws:username":"alice"}})"))}, req(kGet, kTable));
    CHECK(joined(d).find("key aws:username is absent") != std::string::npos);

    d = run({doc(allow_get(R"({"StringEquals":{"k:v":"${aws:username}"}})"))}, req(kGet, kTable, {{"k:v", {"x"}}}));
    CHECK(joined(d).find("variable aws:username is absent") != std::string::npos);
}

TEST_CASE("section 2: policy variables, defaults and escapes", "[evaluate][variables]") {
    const std::vector<ContextEntry> alice{{"aws:username", {"alice"}}, {"k:v", {"alice"}}};
    check_rows({
        {"StringEquals", "k:v", R"("${aws:username}")", alice, kAllow},
        {"StringEquals", "k:v", R"("${aws:username}")", {{"aws:username", {"bob"}}, {"k:v", {"alice"}}}, kImplicit},
        {"StringEquals", "k:v", R"("user-${aws:username}-x")", {{"aws:username", {"a"}}, {"k:v", {"user-a-x"}}}, kAllow},
        // Variable names are case-insensitive like context keys.
        {"StringEquals", "k:v", R"("${AWS:UserName}")", alice, kAllow},
        // Defaults apply when the key is absent.
        {"StringEquals", "k:v", R"("${aws:username, 'guest'}")", {{"k:v", {"guest"}}}, kAllow},
        {"StringEquals", "k:v", R"("${aws:username,'guest'}")", {{"k:v", {"guest"}}}, kAllow},
        {"StringEquals", "k:v", R"("${aws:username, 'guest'}")", alice, kAllow},
        {"StringEquals", "k:v", R"("${aws:username, 'guest'}")", {{"aws:username", {"bob"}}, {"k:v", {"guest"}}}, kImplicit},
        // Escapes: ${*} ${?} ${$} are the literal characters.
        {"StringLike", "k:v", R"("a${*}b")", {{"k:v", {"a*b"}}}, kAllow},
        {"StringLike", "k:v", R"("a${*}b")", {{"k:v", {"axb"}}}, kImplicit},
        {"StringLike", "k:v", R"("a${?}b")", {{"k:v", {"a?b"}}}, kAllow},
        {"StringLike", "k:v", R"("a${?}b")", {{"k:v", {"axb"}}}, kImplicit},
        {"StringEquals", "k:v", R"("cost${$}")", {{"k:v", {"cost$"}}}, kAllow},
        {"StringLike", "k:v", R"("*${aws:username}*")", {{"aws:username", {"li"}}, {"k:v", {"alice"}}}, kAllow},
        // A substituted value is literal text, not a pattern.
        {"StringLike", "k:v", R"("${aws:username}")", {{"aws:username", {"a*"}}, {"k:v", {"abc"}}}, kImplicit},
        // An absent variable acts as null: positive false, negated TRUE.
        {"StringEquals", "k:v", R"("${aws:username}")", {{"k:v", {"${aws:username}"}}}, kImplicit},
        {"StringLike", "k:v", R"("*${aws:username}*")", {{"k:v", {"x"}}}, kImplicit},
        {"StringNotEquals", "k:v", R"("${aws:username}")", {{"k:v", {"anything"}}}, kAllow},
        {"StringNotEquals", "k:v", R"(["${aws:username}","anything"])", {{"k:v", {"anything"}}}, kImplicit},
        {"ArnLike", "aws:SourceArn", R"("arn:aws:iam::123456789012:user/${aws:username}")", {{"aws:username", {"bob"}}, {"aws:SourceArn", {"arn:aws:iam::123456789012:user/bob"}}}, kAllow},
        // Variables are not substituted in Numeric, Date, Bool, IP values.
        {"NumericEquals", "k:n", R"("${k:m}")", {{"k:m", {"1"}}, {"k:n", {"1"}}}, kImplicit},
    });
    // Under 2008-10-17 the escapes are literal text too: '*' in it is a wildcard of StringLike.
    check_rows({{"StringLike", "k:v", R"("a${*}b")", {{"k:v", {"a${xyz}b"}}}, kAllow}}, "2008-10-17");

    // A Deny with StringNotEquals against an absent variable always fires.
    const std::string deny = doc(stmt("Allow", R"("Action":"dynamodb:*")", R"("Resource":"*")") + "," +
                                 stmt("Deny", R"("Action":"dynamodb:*")", R"("Resource":"*")",
                                      R"({"StringNotEquals":{"dynamodb:FisActionId":"${aws:username}"}})"));
    CHECK(outcome(deny, req(kGet, kTable, {{"dynamodb:FisActionId", {"x"}}})) == kExplicit);
    CHECK(outcome(deny, req(kGet, kTable, {{"dynamodb:FisActionId", {"x"}}, {"aws:username", {"x"}}})) == kAllow);
}

TEST_CASE("section 2: an absent variable in Resource or NotResource matches no resource", "[evaluate][variables]") {
    const std::string table_var = "arn:aws:dynamodb:us-east-1:123456789012:table/${aws:username}";
    const std::string allow = doc(stmt("Allow", R"("Action":"dynamodb:*")", "\"Resource\":\"" + table_var + "\""));
    const std::string bob_table = "arn:aws:dynamodb:us-east-1:123456789012:table/bob";
    CHECK(outcome(allow, req(kGet, bob_table, {{"aws:username", {"bob"}}})) == kAllow);
    CHECK(outcome(allow, req(kGet, bob_table, {{"aws:username", {"alice"}}})) == kImplicit);
    CHECK(outcome(allow, req(kGet, bob_table)) == kImplicit);
    CHECK(outcome(allow, req(kGet, table_var)) == kImplicit);
    const std::string with_default = doc(stmt("Allow", R"("Action":"dynamodb:*")",
                                              R"("Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/${aws:username, 'bob'}")"));
    CHECK(outcome(with_default, req(kGet, bob_table)) == kAllow);
    // NotResource: the entry with the absent variable excludes nothing.
    const std::string not_res = doc(stmt("Allow", R"("Action":"dynamodb:*")", "\"NotResource\":\"" + table_var + "\""));
    CHECK(outcome(not_res, req(kGet, bob_table)) == kAllow);
    CHECK(outcome(not_res, req(kGet, bob_table, {{"aws:username", {"bob"}}})) == kImplicit);
}

TEST_CASE("section 2: an unknown variable under ForAllValues matches nothing, or everything when the key is absent", "[evaluate][variables]") {
    const std::string policy = doc(allow_get(R"({"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${cognito-identity.amazonaws.com:sbu}"]}})"));
    const std::vector<ContextEntry> sub{{"cognito-identity.amazonaws.com:sub", {"me"}}};
    auto with_keys = sub;
    with_keys.push_back({"dynamodb:LeadingKeys", {"me"}});
    CHECK(outcome(policy, req(kGet, kTable, with_keys)) == kImplicit);
    CHECK(outcome(policy, req(kGet, kTable, sub)) == kAllow);
}

// ---- Condition operator families -------------------------------------------------

TEST_CASE("operators: String, IgnoreCase and Like", "[evaluate][operators]") {
    auto ctx = [](std::string v) { return std::vector<ContextEntry>{{"k:s", {std::move(v)}}}; };
    check_rows({
        {"StringEquals", "k:s", R"("abc")", ctx("abc"), kAllow},
        {"StringEquals", "k:s", R"("abc")", ctx("ABC"), kImplicit},
        {"StringEquals", "k:s", R"("a*")", ctx("abc"), kImplicit},
        {"StringEquals", "k:s", R"("a*")", ctx("a*"), kAllow},
        {"StringEqualsIgnoreCase", "k:s", R"("abc")", ctx("AbC"), kAllow},
        {"StringEqualsIgnoreCase", "k:s", R"("abc")", ctx("abd"), kImplicit},
        {"StringLike", "k:s", R"("a*c")", ctx("abbbc"), kAllow},
        {"StringLike", "k:s", R"("a*c")", ctx("ac"), kAllow},
        {"StringLike", "k:s", R"("a*c")", ctx("abcd"), kImplicit},
        {"StringLike", "k:s", R"("a?c")", ctx("abc"), kAllow},
        {"StringLike", "k:s", R"("a?c")", ctx("ac"), kImplicit},
        {"StringLike", "k:s", R"("a?c")", ctx("aBc"), kAllow},
        {"StringLike", "k:s", R"("A*")", ctx("abc"), kImplicit},
        {"StringLike", "k:s", R"("*/x/*")", ctx("a/x/b:c"), kAllow},
        {"StringLike", "k:s", R"("*")", ctx(""), kAllow},
    });
}

TEST_CASE("operators: Numeric", "[evaluate][operators]") {
    auto ctx = [](std::string v) { return std::vector<ContextEntry>{{"k:n", {std::move(v)}}}; };
    check_rows({
        {"NumericEquals", "k:n", R"("10")", ctx("10"), kAllow},
        {"NumericEquals", "k:n", R"("10")", ctx("10.0"), kAllow},
        {"NumericEquals", "k:n", R"(10)", ctx("10"), kAllow},
        {"NumericEquals", "k:n", R"("10")", ctx("11"), kImplicit},
        {"NumericEquals", "k:n", R"("10")", ctx("ten"), kImplicit},
        {"NumericLessThan", "k:n", R"("10")", ctx("9.5"), kAllow},
        {"NumericLessThan", "k:n", R"("10")", ctx("10"), kImplicit},
        {"NumericLessThanEquals", "k:n", R"("10")", ctx("10"), kAllow},
        {"NumericLessThanEquals", "k:n", R"("10")", ctx("11"), kImplicit},
        {"NumericGreaterThan", "k:n", R"("10")", ctx("11"), kAllow},
        {"NumericGreaterThan", "k:n", R"("10")", ctx("10"), kImplicit},
        {"NumericGreaterThanEquals", "k:n", R"("10")", ctx("10"), kAllow},
        {"NumericGreaterThanEquals", "k:n", R"("10")", ctx("-3"), kImplicit},
        {"NumericLessThan", "k:n", R"(["1","100"])", ctx("50"), kAllow},
    });
}

TEST_CASE("operators: Date with ISO 8601 and epoch seconds", "[evaluate][operators]") {
    auto ctx = [](std::string v) { return std::vector<ContextEntry>{{"aws:CurrentTime", {std::move(v)}}}; };
    const std::string k = "aws:CurrentTime";
    check_rows({
        {"DateEquals", k, R"("2024-01-01T00:00:00Z")", ctx("1704067200"), kAllow},
        {"DateEquals", k, R"("1704067200")", ctx("2024-01-01T00:00:00Z"), kAllow},
        {"DateEquals", k, R"("2024-01-01")", ctx("2024-01-01T00:00:00Z"), kAllow},
        {"DateEquals", k, R"("2024-01-01T01:00:00+01:00")", ctx("2024-01-01T00:00:00Z"), kAllow},
        {"DateEquals", k, R"("2024-01-01T00:00:00.500Z")", ctx("2024-01-01T00:00:00Z"), kImplicit},
        {"DateLessThan", k, R"("2024-01-01T00:00:00Z")", ctx("2023-12-31T23:59:59Z"), kAllow},
        {"DateLessThan", k, R"("2024-01-01T00:00:00Z")", ctx("2024-01-01T00:00:00Z"), kImplicit},
        {"DateLessThanEquals", k, R"("2024-01-01T00:00:00Z")", ctx("2024-01-01T00:00:00Z"), kAllow},
        {"DateGreaterThan", k, R"("2024-01-01T00:00:00Z")", ctx("2024-06-01T00:00:00Z"), kAllow},
        {"DateGreaterThan", k, R"("2024-01-01T00:00:00+01:00")", ctx("2023-12-31T23:30:00Z"), kAllow},
        {"DateGreaterThanEquals", k, R"("2024-01-01T00:00:00Z")", ctx("1704067199"), kImplicit},
        {"DateLessThan", k, R"("2024-01-01T00:00:00Z")", ctx("not a date"), kImplicit},
    });
}

TEST_CASE("operators: Bool and BinaryEquals", "[evaluate][operators]") {
    const std::string k = "aws:SecureTransport";
    check_rows({
        {"Bool", k, R"("true")", {{k, {"true"}}}, kAllow},
        {"Bool", k, R"(true)", {{k, {"true"}}}, kAllow},
        {"Bool", k, R"("true")", {{k, {"false"}}}, kImplicit},
        {"Bool", k, R"("false")", {{k, {"false"}}}, kAllow},
        {"Bool", k, R"("true")", {{k, {"yes"}}}, kImplicit},
        {"BinaryEquals", "k:b", R"("QmluYXJ5VmFsdWU=")", {{"k:b", {"QmluYXJ5VmFsdWU="}}}, kAllow},
        {"BinaryEquals", "k:b", R"("QmluYXJ5VmFsdWU=")", {{"k:b", {"QmluYXJ5VmFsdWF="}}}, kImplicit},
    });
}

TEST_CASE("operators: IpAddress and NotIpAddress with IPv4 and IPv6 CIDR", "[evaluate][operators]") {
    const std::string k = "aws:SourceIp";
    auto ip = [&](std::string v) { return std::vector<ContextEntry>{{k, {std::move(v)}}}; };
    check_rows({
        {"IpAddress", k, R"("203.0.113.0/24")", ip("203.0.113.7"), kAllow},
        {"IpAddress", k, R"("203.0.113.0/24")", ip("203.0.114.7"), kImplicit},
        {"IpAddress", k, R"("203.0.113.7")", ip("203.0.113.7"), kAllow},
        {"IpAddress", k, R"("203.0.113.7/32")", ip("203.0.113.8"), kImplicit},
        {"IpAddress", k, R"("0.0.0.0/0")", ip("8.8.8.8"), kAllow},
        {"IpAddress", k, R"("10.0.0.0/9")", ip("10.127.255.255"), kAllow},
        {"IpAddress", k, R"("10.0.0.0/9")", ip("10.128.0.0"), kImplicit},
        {"IpAddress", k, R"("2001:db8::/32")", ip("2001:db8:1::5"), kAllow},
        {"IpAddress", k, R"("2001:DB8::/32")", ip("2001:db8:ffff:ffff::1"), kAllow},
        {"IpAddress", k, R"("2001:db8::/32")", ip("2001:db9::1"), kImplicit},
        {"IpAddress", k, R"("2001:db8:0:0:0:0:0:1/128")", ip("2001:db8::1"), kAllow},
        {"IpAddress", k, R"("::ffff:192.0.2.0/120")", ip("::ffff:192.0.2.44"), kAllow},
        {"IpAddress", k, R"("203.0.113.0/24")", ip("2001:db8::1"), kImplicit},
        {"IpAddress", k, R"("2001:db8::/32")", ip("203.0.113.1"), kImplicit},
        {"IpAddress", k, R"(["10.0.0.0/8","2001:db8::/32"])", ip("2001:db8::1"), kAllow},
        {"IpAddress", k, R"("203.0.113.0/24")", ip("not-an-ip"), kImplicit},
        {"NotIpAddress", k, R"("203.0.113.0/24")", ip("198.51.100.1"), kAllow},
        {"NotIpAddress", k, R"("2001:db8::/32")", ip("2001:db8::1"), kImplicit},
    });
}

TEST_CASE("operators: ArnEquals and ArnLike compare segment by segment, case-sensitively", "[evaluate][operators]") {
    const std::string k = "aws:SourceArn";
    auto arn = [&](std::string v) { return std::vector<ContextEntry>{{k, {std::move(v)}}}; };
    check_rows({
        {"ArnEquals", k, R"("arn:aws:iam::123456789012:role/R")", arn("arn:aws:iam::123456789012:role/R"), kAllow},
        {"ArnEquals", k, R"("arn:aws:iam::123456789012:role/*")", arn("arn:aws:iam::123456789012:role/R"), kAllow},
        {"ArnLike", k, R"("arn:aws:iam::*:role/R")", arn("arn:aws:iam::123456789012:role/R"), kAllow},
        {"ArnLike", k, R"("arn:aws:iam::*:role/R")", arn("arn:aws:iam::123456789012:role/r"), kImplicit},
        {"ArnLike", k, R"("arn:aws:*:role/R")", arn("arn:aws:iam::123456789012:role/R"), kImplicit},
        {"ArnLike", k, R"("arn:aws:dynamodb:*:*:table/T/stream/*")", arn("arn:aws:dynamodb:us-east-1:1:table/T/stream/2024-01-01T00:00:00.000"), kAllow},
        {"ArnLike", k, R"("arn:aws:iam::123456789012:role/?")", arn("arn:aws:iam::123456789012:role/R"), kAllow},
        {"ArnLike", k, R"("arn:aws:iam::123456789012:role/R")", arn("not-an-arn"), kImplicit},
    });
}

// ---- Principals ------------------------------------------------------------------

TEST_CASE("principals: resource-based policies match Principal and NotPrincipal", "[evaluate][principal]") {
    auto resource_policy = [](const std::string& principal, const std::string& effect = "Allow", bool not_principal = false) {
        return doc(std::string("{\"Effect\":\"") + effect + "\",\"" + (not_principal ? "NotPrincipal" : "Principal") + "\":" +
                   principal + ",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"" + kTable + "\"}");
    };
    const std::string root = "arn:aws:iam::123456789012:root";
    const std::string user = "arn:aws:iam::123456789012:user/alice";
    const std::string role = "arn:aws:iam::123456789012:role/App";
    const std::string session = "arn:aws:sts::123456789012:assumed-role/App/session-1";
    const std::string stranger = "arn:aws:iam::111122223333:user/mallory";
    struct Row {
        std::string principal, caller;
        bool matches;
    };
    const std::vector<Row> rows{
        {R"("*")", user, true},
        {R"("*")", "", true},
        {R"({"AWS":"*"})", stranger, true},
        {R"({"AWS":"123456789012"})", root, true},
        {R"({"AWS":"123456789012"})", user, true},
        {R"({"AWS":"123456789012"})", session, true},
        {R"({"AWS":"123456789012"})", stranger, false},
        {R"({"AWS":"123456789012"})", "", false},
        {R"({"AWS":"arn:aws:iam::123456789012:root"})", user, true},
        {R"({"AWS":"arn:aws:iam::123456789012:root"})", stranger, false},
        {R"({"AWS":"arn:aws:iam::123456789012:user/alice"})", user, true},
        {R"({"AWS":"arn:aws:iam::123456789012:user/alice"})", "arn:aws:iam::123456789012:user/bob", false},
        {R"({"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::123456789012:role/App"]})", role, true},
        {R"({"AWS":"arn:aws:iam::123456789012:role/App"})", session, true},
        {R"({"AWS":"arn:aws:iam::123456789012:role/Other"})", session, false},
        {R"({"Service":"dynamodb.amazonaws.com"})", "dynamodb.amazonaws.com", true},
        {R"({"Service":"dynamodb.amazonaws.com"})", user, false},
    };
    for (const auto& row : rows) {
        INFO(row.principal << " vs '" << row.caller << "'");
        CHECK((outcome(resource_policy(row.principal), req(kGet, kTable, {}, row.caller)) == kAllow) == row.matches);
    }
    // NotPrincipal with Deny: everyone except the listed principal is denied.
    const std::string deny_others = doc(std::string("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"dynamodb:*\",\"Resource\":\"") + kTable +
                                        "\"},{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"" + user +
                                        "\"},\"Action\":\"dynamodb:*\",\"Resource\":\"" + kTable + "\"}");
    CHECK(outcome(deny_others, req(kGet, kTable, {}, user)) == kAllow);
    CHECK(outcome(deny_others, req(kGet, kTable, {}, stranger)) == kExplicit);
}

TEST_CASE("principals: trust policies have no Resource; identity policies have no principal", "[evaluate][principal]") {
    const std::string trust = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
        "Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity",
        "Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:pool"},
        "ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}]})";
    const std::string role = "arn:aws:iam::123456789012:role/Cognito";
    const std::vector<ContextEntry> ok{{"cognito-identity.amazonaws.com:aud", {"us-east-1:pool"}},
                                       {"cognito-identity.amazonaws.com:amr", {"authenticated", "graph.facebook.com"}}};
    CHECK(outcome(trust, req("sts:AssumeRoleWithWebIdentity", role, ok, "cognito-identity.amazonaws.com")) == kAllow);
    CHECK(outcome(trust, req("sts:AssumeRoleWithWebIdentity", role, ok, "accounts.google.com")) == kImplicit);
    CHECK(outcome(trust, req("sts:AssumeRoleWithWebIdentity", role, {{"cognito-identity.amazonaws.com:aud", {"us-east-1:pool"}},
                                                                      {"cognito-identity.amazonaws.com:amr", {"unauthenticated"}}},
                             "cognito-identity.amazonaws.com")) == kImplicit);
    // Identity policies: the caller's principal plays no part.
    CHECK(outcome(doc(allow_get()), req(kGet, kTable, {}, "arn:aws:iam::111122223333:user/x")) == kAllow);
}

TEST_CASE("Request: context keys are case-insensitive and set replaces", "[evaluate][request]") {
    Request r;
    r.set("dynamodb:LeadingKeys", {"a"});
    r.set("DYNAMODB:leadingkeys", {"b", "c"});
    REQUIRE(r.context.size() == 1);
    REQUIRE(r.find("Dynamodb:LeadingKeys") != nullptr);
    CHECK(r.find("dynamodb:leadingkeys")->values == std::vector<std::string>{"b", "c"});
    CHECK(r.find("dynamodb:Attributes") == nullptr);
}
