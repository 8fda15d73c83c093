// The generator: checked-in examples regenerate byte for byte, every generated role policy
// keeps callers to their own rows and allowed attributes (independently of the generator's
// own self-check), and bad specs give located errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ddbguard/evaluate.hpp"
#include "ddbguard/generate.hpp"
#include "ddbguard/policy.hpp"
#include "generate/spec.hpp"

namespace fs = std::filesystem;
using namespace ddbguard;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<fs::path> files_in(const fs::path& dir, const std::string& prefix, const std::vector<std::string>& exts) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (e.is_regular_file() && name.rfind(prefix, 0) == 0 &&
            std::find(exts.begin(), exts.end(), e.path().extension().string()) != exts.end())
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

const fs::path kExamples = fs::path(DDBGUARD_SOURCE_DIR) / "examples" / "specs";
const fs::path kBad = fs::path(DDBGUARD_SOURCE_DIR) / "tests" / "specs";

std::string problems_text(const GenerateResult& r) {
    std::string s;
    for (const Finding& f : r.problems)
        s += std::to_string(f.location.line) + ":" + std::to_string(f.location.column) + " " + f.check_id + " " + f.message + "\n";
    return s;
}

Request request(const std::string& action, const std::string& resource, const std::string& id_key, const std::string& self) {
    Request r;
    r.action = action;
    r.resource = resource;
    r.set(id_key, {self});
    r.set("aws:SecureTransport", {"true"});
    return r;
}

}  // namespace

TEST_CASE("checked-in example specs regenerate byte for byte", "[generate]") {
    const auto specs = files_in(kExamples, "", {".yaml"});
    REQUIRE(specs.size() >= 3);
    for (const fs::path& spec : specs) {
        INFO(spec.string());
        const GenerateResult r = generate_from_spec(slurp(spec), spec.filename().string());
        INFO(problems_text(r));
        REQUIRE(r.ok);
        const fs::path dir = kExamples / spec.stem();
        const std::pair<const char*, const std::string*> outputs[] = {{"role-policy.json", &r.role_policy_json},
                                                                      {"trust-policy.json", &r.trust_policy_json},
                                                                      {"kms-key-policy.json", &r.kms_key_policy_json},
                                                                      {"policy-tests.yaml", &r.policy_tests_yaml}};
        for (const auto& [name, text] : outputs) {
            INFO(name);
            if (text->empty()) {
                CHECK_FALSE(fs::exists(dir / name));
            } else {
                REQUIRE(fs::exists(dir / name));
                CHECK(slurp(dir / name) == *text);
            }
        }
        // Deterministic: a second run is identical.
        const GenerateResult again = generate_from_spec(slurp(spec), spec.filename().string());
        CHECK(again.role_policy_json == r.role_policy_json);
        CHECK(again.trust_policy_json == r.trust_policy_json);
        CHECK(again.policy_tests_yaml == r.policy_tests_yaml);
    }
}

TEST_CASE("a JSON spec generates what the same YAML spec generates", "[generate]") {
    const GenerateResult yaml = generate_from_spec(slurp(kExamples / "game-scores.yaml"), "game-scores.yaml");
    const GenerateResult json = generate_from_spec(slurp(kBad / "good-game-scores.json"), "good-game-scores.json");
    REQUIRE(yaml.ok);
    INFO(problems_text(json));
    REQUIRE(json.ok);
    CHECK(json.role_policy_json == yaml.role_policy_json);
    CHECK(json.trust_policy_json == yaml.trust_policy_json);
}

// Independent of self_check.cpp: requests written here from the spec, decided by the evaluator.
TEST_CASE("every generated role policy allows own rows and denies the rest", "[generate]") {
    for (const fs::path& spec_path : files_in(kExamples, "", {".yaml"})) {
        INFO(spec_path.string());
        const std::string text = slurp(spec_path);
        generate::Spec spec;
        std::vector<Finding> problems;
        REQUIRE(generate::read_spec(text, spec_path.string(), spec, problems));
        const GenerateResult r = generate_from_spec(text, spec_path.string());
        REQUIRE(r.ok);
        ParseResult role = parse_policy(r.role_policy_json, "role-policy.json");
        REQUIRE(role.usable);
        Evaluator ev({&role.policy});
        const std::string key = generate::identity_context_key(spec.identity);
        const std::string self = "alice-0001", other = "bob-0002";

        for (const generate::Table& t : spec.tables) {
            const std::string arn = generate::table_arn(spec, t);
            std::vector<std::string> keys{t.partition_key.text};
            if (!t.sort_key.text.empty()) keys.push_back(t.sort_key.text);
            auto with_vpce = [&](Request& q) {
                if (!spec.options.vpc_endpoints.empty()) q.set("aws:SourceVpce", {spec.options.vpc_endpoints.front().text});
            };
            auto read = [&](const std::string& action, const std::string& resource, std::vector<std::string> leading,
                            std::vector<std::string> attrs, const char* select) {
                Request q = request(action, resource, key, self);
                q.set("dynamodb:LeadingKeys", std::move(leading));
                q.set("dynamodb:Attributes", std::move(attrs));
                q.set("dynamodb:Select", {select});
                with_vpce(q);
                return ev.decide(q);
            };
            std::vector<std::string> visible = keys;
            if (t.has_read_attributes)
                for (const auto& a : t.read_attributes) visible.push_back(a.text);
            const char* projected = t.has_read_attributes ? "SPECIFIC_ATTRIBUTES" : "ALL_ATTRIBUTES";

            for (generate::Operation op : {generate::Operation::read, generate::Operation::query}) {
                if (!t.has(op)) continue;
                const std::string action = op == generate::Operation::read ? "dynamodb:GetItem" : "dynamodb:Query";
                CHECK(read(action, arn, {self}, visible, projected) == Outcome::allow);
                CHECK(read(action, arn, {other}, visible, projected) != Outcome::allow);
                CHECK(read(action, arn, {self, other}, visible, projected) != Outcome::allow);
                if (t.has_read_attributes) {
                    auto hidden = visible;
                    hidden.push_back("PasswordHash");
                    CHECK(read(action, arn, {self}, hidden, "SPECIFIC_ATTRIBUTES") != Outcome::allow);
                    CHECK(read(action, arn, {self}, keys, "ALL_ATTRIBUTES") != Outcome::allow);
                }
            }
            for (const generate::Index& ix : t.indexes) {
                const std::string iarn = generate::index_arn(spec, t, ix);
                CHECK(read("dynamodb:Query", iarn, {self}, visible, projected) == Outcome::allow);
                CHECK(read("dynamodb:Query", iarn, {other}, visible, projected) != Outcome::allow);
                CHECK(read("dynamodb:Query", iarn, {self}, keys, "ALL_PROJECTED_ATTRIBUTES") != Outcome::allow);
            }
            if (t.has(generate::Operation::update)) {
                Request q = request("dynamodb:UpdateItem", arn, key, self);
                std::vector<std::string> writable = keys;
                for (const auto& a : t.write_attributes) writable.push_back(a.text);
                q.set("dynamodb:LeadingKeys", {self});
                q.set("dynamodb:Attributes", writable);
                q.set("dynamodb:ReturnValues", {"NONE"});
                with_vpce(q);
                CHECK(ev.decide(q) == Outcome::allow);
                Request o = q;
                o.set("dynamodb:LeadingKeys", {other});
                CHECK(ev.decide(o) != Outcome::allow);
                if (t.has_write_attributes) {
                    Request rv = q;
                    rv.set("dynamodb:ReturnValues", {"ALL_NEW"});
                    CHECK(ev.decide(rv) != Outcome::allow);
                    Request hidden = q;
                    writable.push_back("PasswordHash");
                    hidden.set("dynamodb:Attributes", writable);
                    CHECK(ev.decide(hidden) != Outcome::allow);
                }
            }
            Request scan = request("dynamodb:Scan", arn, key, self);
            with_vpce(scan);
            CHECK(ev.decide(scan) != Outcome::allow);
            Request records = request("dynamodb:GetRecords", arn + "/stream/2025-01-01T00:00:00.000", key, self);
            with_vpce(records);
            CHECK(ev.decide(records) != Outcome::allow);
            Request full = request("dynamodb:PartiQLSelect", arn, key, self);
            full.set("dynamodb:FullTableScan", {"true"});
            with_vpce(full);
            CHECK(ev.decide(full) != Outcome::allow);
            if (spec.options.require_tls && t.has(generate::Operation::read)) {
                Request http = request("dynamodb:GetItem", arn, key, self);
                http.set("aws:SecureTransport", {"false"});
                http.set("dynamodb:LeadingKeys", {self});
                http.set("dynamodb:Attributes", visible);
                http.set("dynamodb:Select", {projected});
                with_vpce(http);
                CHECK(ev.decide(http) != Outcome::allow);
            }
            // Another table in the same account is not granted at all.
            Request elsewhere = request("dynamodb:GetItem", arn + "Archive", key, self);
            elsewhere.set("dynamodb:LeadingKeys", {self});
            with_vpce(elsewhere);
            CHECK(ev.decide(elsewhere) != Outcome::allow);
        }
    }
}

TEST_CASE("bad specs give located errors and no policy", "[generate]") {
    const auto specs = files_in(kBad, "bad-", {".yaml", ".json"});
    REQUIRE(specs.size() >= 8);
    for (const fs::path& spec : specs) {
        INFO(spec.string());
        const GenerateResult r = generate_from_spec(slurp(spec), spec.filename().string());
        CHECK_FALSE(r.ok);
        CHECK(r.role_policy_json.empty());
        CHECK(r.trust_policy_json.empty());
        std::string actual;
        for (const Finding& f : r.problems) {
            CHECK(f.path == spec.filename().string());
            CHECK(f.location.line > 0);
            CHECK_FALSE(f.message.empty());
            if (f.check_id == "spec-unsafe") CHECK_FALSE(f.fix.empty());
            actual += std::to_string(f.location.line) + ":" + std::to_string(f.location.column) + " " + f.check_id + "\n";
        }
        fs::path expect = spec;
        expect.replace_extension(".expect");
        if (std::getenv("DDBGUARD_UPDATE_EXPECT")) {
            std::ofstream(expect, std::ios::binary) << actual;
        }
        INFO(problems_text(r));
        REQUIRE(fs::exists(expect));
        CHECK(slurp(expect) == actual);
    }
}

TEST_CASE("refusals name the reason and the alternative", "[generate]") {
    const GenerateResult put = generate_from_spec(slurp(kBad / "bad-column-put.yaml"), "s.yaml");
    REQUIRE_FALSE(put.problems.empty());
    CHECK(put.problems[0].message.find("whole items") != std::string::npos);
    CHECK(put.problems[0].fix.find("update with write_attributes") != std::string::npos);
    const GenerateResult typo = generate_from_spec(slurp(kBad / "bad-unknown-field.yaml"), "s.yaml");
    REQUIRE_FALSE(typo.problems.empty());
    CHECK(problems_text(typo).find("unknown field \"tabels\" in the spec; did you mean \"tables\"?") != std::string::npos);
    const GenerateResult op = generate_from_spec(slurp(kBad / "bad-unknown-operation.yaml"), "s.yaml");
    REQUIRE_FALSE(op.problems.empty());
    CHECK(op.problems[0].message.find("did you mean \"read\"") != std::string::npos);
}

TEST_CASE("the generator never throws on arbitrary input", "[generate]") {
    const char* inputs[] = {"", "\n", "---", "[", "{", "]]]", "identity: [", "tables: !!binary AAAA", "*anchor",
                            "&a [*a]", "{\"a\": \"\\u0000\"}", "tables: [{name: {x: y}}]", "\t\t-", "\xff\xfe\x00",
                            "identity: {type: cognito}\ntables: [[], {}, null, 3]\naccount: [1]\nregion: {}"};
    for (const char* in : inputs) {
        INFO(in);
        GenerateResult r;
        CHECK_NOTHROW(r = generate_from_spec(in, "x.yaml"));
        CHECK_FALSE(r.ok);
        CHECK_FALSE(r.problems.empty());
    }
    std::string deep(5000, '[');
    CHECK_NOTHROW(generate_from_spec(deep, "deep.yaml"));
}

TEST_CASE("the self-check rejects a policy that leaks", "[generate]") {
    generate::Spec spec;
    std::vector<Finding> problems;
    REQUIRE(generate::read_spec(slurp(kExamples / "game-scores.yaml"), "game-scores.yaml", spec, problems));
    generate::Built built = generate::build_policies(spec);
    REQUIRE(generate::self_check(spec, built, problems));

    // Scan slipped into the row-scoped statement: the analyzer and the requests both object.
    generate::Built scan = built;
    const std::string query = "\"dynamodb:Query\"";
    scan.role_policy.replace(scan.role_policy.find(query), query.size(), query + ", \"dynamodb:Scan\"");
    CHECK_FALSE(generate::self_check(spec, scan, problems));
    REQUIRE_FALSE(problems.empty());
    CHECK(problems.back().check_id == "generator-self-check");
    CHECK(problems.front().message.rfind("internal: generated policy fails check ", 0) == 0);

    // The row filter quietly widened to a prefix match: only the adversarial requests catch it
    // if no check does; either way generation must stop.
    problems.clear();
    generate::Built prefix = built;
    const std::string var = "\"${cognito-identity.amazonaws.com:sub}\"";
    prefix.role_policy.replace(prefix.role_policy.find(var), var.size(), "\"${cognito-identity.amazonaws.com:sub}*\"");
    CHECK_FALSE(generate::self_check(spec, prefix, problems));
    CHECK_FALSE(problems.empty());
}
