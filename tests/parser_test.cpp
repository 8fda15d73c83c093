#include <catch2/catch.hpp>

#include "ddbguard/policy.hpp"

using ddbguard::Node;
using ddbguard::parse_policy;

namespace {
const ddbguard::Finding* find(const ddbguard::ParseResult& r, const std::string& id) {
    for (const auto& f : r.diagnostics)
        if (f.check_id == id) return &f;
    return nullptr;
}
}  // namespace

TEST_CASE("every value knows its line, column and pointer", "[parser]") {
    auto r = parse_policy(
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": "
        "[\"dynamodb:GetItem\", \"dynamodb:Query\"], \"Resource\": \"*\"}\n  ]\n}\n");
    REQUIRE(r.usable);
    REQUIRE(r.diagnostics.empty());
    const auto& st = r.policy.statements.at(0);
    CHECK(st.loc.line == 4);
    CHECK(st.loc.column == 5);
    CHECK(st.loc.pointer == "/Statement/0");
    REQUIRE(st.actions.size() == 2);
    CHECK(st.actions[1].text == "dynamodb:Query");
    CHECK(st.actions[1].loc.line == 4);
    CHECK(st.actions[1].loc.column == 56);
    CHECK(st.actions[1].loc.pointer == "/Statement/0/Action/1");
    CHECK(r.policy.version->loc.line == 2);
    CHECK(r.policy.version->loc.column == 14);
    CHECK(st.resources.at(0).loc.pointer == "/Statement/0/Resource");
}

TEST_CASE("columns count code points, CRLF ends a line, a BOM is skipped", "[parser]") {
    // "é" is two bytes and "😀" four; both are one column.
    auto r = parse_policy("\xEF\xBB\xBF{\"Id\": \"\xC3\xA9\xF0\x9F\x98\x80\", \r\n \"Statement\": 5}");
    REQUIRE(r.usable);
    CHECK(r.policy.id->text == "\xC3\xA9\xF0\x9F\x98\x80");
    CHECK(r.policy.id->loc.column == 8);
    auto* wrong = find(r, "wrong-type");
    REQUIRE(wrong);
    CHECK(wrong->location.line == 2);
    CHECK(wrong->location.column == 15);
    CHECK(wrong->location.pointer == "/Statement");
}

TEST_CASE("the JSON pointer escapes ~ and /", "[parser]") {
    auto r = parse_policy(R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
        "Condition": {"StringEquals": {"a/b~c": "x"}}}})");
    REQUIRE(r.usable);
    const auto& c = r.policy.statements.at(0).conditions.at(0);
    CHECK(c.values.at(0).loc.pointer == "/Statement/Condition/StringEquals/a~1b~0c");
    CHECK(c.key_loc.line == 2);
}

TEST_CASE("invalid JSON is a located finding", "[parser]") {
    auto r = parse_policy("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [,]\n}");
    CHECK_FALSE(r.usable);
    auto* f = find(r, "invalid-json");
    REQUIRE(f);
    CHECK(f->location.line == 3);
    CHECK(f->location.column == 17);
    CHECK(f->message.find("syntax error") != std::string::npos);
}

TEST_CASE("empty input, truncated input and trailing garbage are invalid JSON", "[parser]") {
    for (const char* text : {"", "   ", "{\"Statement\": [", "{} {}", "{\"a\": tru}", "\"\xC3\x28\""}) {
        auto r = parse_policy(text);
        INFO(text);
        CHECK_FALSE(r.usable);
        CHECK(find(r, "invalid-json"));
    }
}

TEST_CASE("duplicate keys are reported with both positions", "[parser]") {
    auto r = parse_policy("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"a:b\",\n \"Action\": \"c:d\", "
                          "\"Resource\": \"*\"}}");
    auto* f = find(r, "duplicate-key");
    REQUIRE(f);
    CHECK(f->location.line == 2);
    CHECK(f->location.column == 2);
    CHECK(f->location.pointer == "/Statement/Action");
    REQUIRE(f->related.size() == 1);
    CHECK(f->related[0].location.column == 35);
}

TEST_CASE("nesting deeper than the limit is a finding, not a crash", "[parser]") {
    std::string deep(100000, '[');
    auto r = parse_policy(deep);
    CHECK_FALSE(r.usable);
    auto* f = find(r, "nesting-too-deep");
    REQUIRE(f);
    CHECK(f->location.column == 65);
}

TEST_CASE("a file over the size limit is refused", "[parser]") {
    ddbguard::ParseLimits limits;
    limits.max_bytes = 10;
    auto r = parse_policy("{\"Statement\": []}", "x.json", limits);
    CHECK_FALSE(r.usable);
    CHECK(find(r, "file-too-large"));
}

TEST_CASE("legal shapes: single statement, string lists, principal forms, scalar condition values", "[parser]") {
    auto r = parse_policy(R"({"Version": "2012-10-17", "Statement": {
        "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:root"], "Service": "dynamodb.amazonaws.com"},
        "Action": "dynamodb:GetItem", "Resource": ["arn:aws:dynamodb:us-east-1:123456789012:table/T"],
        "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}, "Bool": {"aws:SecureTransport": true}}}})");
    REQUIRE(r.usable);
    CHECK(r.diagnostics.empty());
    const auto& st = r.policy.statements.at(0);
    CHECK(st.principal.present);
    CHECK(st.principal.by_type.size() == 2);
    REQUIRE(st.conditions.size() == 2);
    CHECK(st.conditions[0].values.at(0).text == "3600");
    CHECK(st.conditions[0].values.at(0).kind == Node::Kind::number);
    CHECK(st.conditions[1].values.at(0).text == "true");
    CHECK(r.policy.kind == ddbguard::PolicyKind::resource);
    auto star = parse_policy(R"({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"}]})");
    CHECK(star.policy.statements.at(0).principal.wildcard);
    CHECK(star.policy.kind == ddbguard::PolicyKind::trust);
    CHECK(star.diagnostics.empty());  // trust policies need no Resource
}

TEST_CASE("grammar errors: unknown element with suggestion, missing and conflicting elements", "[parser]") {
    auto r = parse_policy(R"({"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Actions": "dynamodb:GetItem",
        "Resource": "*", "NotResource": "*"}, {"Action": "a:b", "Resource": "*"}]})");
    auto* unknown = find(r, "unknown-element");
    REQUIRE(unknown);
    CHECK(unknown->message.find("did you mean \"Action\"") != std::string::npos);
    CHECK(find(r, "invalid-effect"));
    CHECK(find(r, "conflicting-elements"));
    CHECK(find(r, "missing-element"));
    auto v = parse_policy(R"({"Version": "2020-01-01", "Statement": []})");
    CHECK(find(v, "invalid-version"));
    CHECK(find(v, "empty-statement"));
}

TEST_CASE("a 10 MB string is refused by the size limit, and parses when the limit allows it", "[parser]") {
    std::string big = "{\"Version\": \"2012-10-17\", \"Id\": \"" + std::string(10u << 20, 'a') + "\", \"Statement\": []}";
    auto refused = parse_policy(big);
    CHECK_FALSE(refused.usable);
    CHECK(find(refused, "file-too-large"));
    ddbguard::ParseLimits limits;
    limits.max_bytes = 64u << 20;
    auto parsed = parse_policy(big, "big.json", limits);
    REQUIRE(parsed.usable);
    CHECK(parsed.policy.id->text.size() == (10u << 20));
    CHECK(find(parsed, "empty-statement"));
}

TEST_CASE("every malformed-corpus file gives a located error and no usable silence", "[parser]") {
    // The corpus itself is pinned by policies/malformed/*.expect; this asserts the invariant.
    for (const char* text : {"\xff\xfe{\x00", "{\"a\":\"\x01\"}", "[[[[[[[[[[[[", "{\"Statement\": [{}], \"Statement\": 1}",
                             "{\"Version\": \"2012-10-17\"}\x00", "1e999999"}) {
        auto r = parse_policy(text);
        INFO(text);
        bool has_error = false;
        for (const auto& f : r.diagnostics) has_error = has_error || (f.severity == ddbguard::Severity::error && f.location.line > 0);
        CHECK(has_error);
    }
}
