// The generator's own verification: its output must pass ddbguard's analyzer (no finding
// at warning or above) and the evaluator must decide adversarial requests the right way:
// the caller's own rows allowed; other rows, mixed keys, Scan, streams, full-scan PartiQL,
// hidden attributes, plain HTTP and foreign VPC endpoints denied. A failure is a bug in
// ddbguard, so it is reported instead of writing the policy.
#include <algorithm>
#include <string>
#include <vector>

#include "ddbguard/analyze.hpp"
#include "ddbguard/evaluate.hpp"
#include "ddbguard/policy.hpp"
#include "generate/spec.hpp"

namespace ddbguard::generate {
namespace {

constexpr const char* kSelf = "self-identity-0001";
constexpr const char* kOther = "other-identity-0002";
constexpr const char* kHidden = "ddbguardHiddenAttribute";
constexpr const char* kForeignVpce = "vpce-0ffffffffffffffff";

bool is_read(const std::string& action) {
    return action == "dynamodb:GetItem" || action == "dynamodb:BatchGetItem" || action == "dynamodb:Query" ||
           action == "dynamodb:PartiQLSelect";
}

class Checker {
public:
    Checker(const Spec& spec, const Evaluator& evaluator, std::vector<Finding>& problems)
        : spec_(spec), evaluator_(evaluator), problems_(problems) {}

    Request base(const std::string& action, const std::string& resource) const {
        Request r;
        r.action = action;
        r.resource = resource;
        r.set(identity_context_key(spec_.identity), {kSelf});
        r.set("aws:SecureTransport", {"true"});
        if (!spec_.options.vpc_endpoints.empty()) r.set("aws:SourceVpce", {spec_.options.vpc_endpoints.front().text});
        return r;
    }

    // A request the caller legitimately makes on its own item.
    Request own(const Table& t, const std::string& action, const std::string& resource) const {
        Request r = base(action, resource);
        r.set("dynamodb:LeadingKeys", {kSelf});
        std::vector<std::string> attrs{t.partition_key.text};
        if (!t.sort_key.text.empty()) attrs.push_back(t.sort_key.text);
        const bool read = is_read(action);
        if (read && t.has_read_attributes)
            for (const Located& a : t.read_attributes) attrs.push_back(a.text);
        if (action == "dynamodb:UpdateItem" && t.has_write_attributes)
            for (const Located& a : t.write_attributes) attrs.push_back(a.text);
        r.set("dynamodb:Attributes", attrs);
        if (read) r.set("dynamodb:Select", {t.has_read_attributes ? "SPECIFIC_ATTRIBUTES" : "ALL_ATTRIBUTES"});
        else if (action.find("PartiQL") == std::string::npos || action == "dynamodb:PartiQLUpdate" ||
                 action == "dynamodb:PartiQLDelete")
            r.set("dynamodb:ReturnValues", {"NONE"});
        return r;
    }

    void expect(const Request& r, bool allowed, const std::string& what) {
        const Outcome o = evaluator_.decide(r);
        if ((o == Outcome::allow) == allowed) return;
        Finding f;
        f.check_id = "generator-self-check";
        f.severity = Severity::error;
        f.message = "internal: generated policy fails adversarial request " + what + ": " + r.action + " on " + r.resource +
                    " was " + std::string(to_string(o)) + ", expected " + (allowed ? "allow" : "a deny");
        f.fix = "this is a bug in ddbguard generate: please report it with the spec";
        f.path = spec_.path;
        f.location = Location{1, 1, ""};
        problems_.push_back(std::move(f));
    }

    void check_table(const Table& t, const std::vector<std::string>& actions, const std::string& resource) {
        for (const std::string& action : actions) {
            Request r = own(t, action, resource);
            expect(r, true, "(own item)");
            Request other = r;
            other.set("dynamodb:LeadingKeys", {kOther});
            expect(other, false, "(another user's item)");
            Request both = r;
            both.set("dynamodb:LeadingKeys", {kSelf, kOther});
            expect(both, false, "(own and another user's keys in one batch)");
            Request literal = r;
            literal.set("dynamodb:LeadingKeys", {identity_variable(spec_.identity)});
            expect(literal, false, "(the variable's literal text as key)");
            Request prefix = r;
            prefix.set("dynamodb:LeadingKeys", {std::string(kSelf) + "-suffix"});
            expect(prefix, false, "(a key that extends the caller's id)");
            if (is_read(action) && t.has_read_attributes) {
                Request hidden = r;
                auto attrs = r.find("dynamodb:Attributes")->values;
                attrs.push_back(kHidden);
                hidden.set("dynamodb:Attributes", attrs);
                expect(hidden, false, "(a hidden attribute)");
                Request all = r;
                all.set("dynamodb:Attributes", {t.partition_key.text});
                all.set("dynamodb:Select", {action == "dynamodb:Query" && resource.find("/index/") != std::string::npos
                                                ? "ALL_PROJECTED_ATTRIBUTES"
                                                : "ALL_ATTRIBUTES"});
                expect(all, false, "(no projection: every attribute returned)");
            }
            if (action == "dynamodb:UpdateItem" && t.has_write_attributes) {
                Request hidden = r;
                auto attrs = r.find("dynamodb:Attributes")->values;
                attrs.push_back(kHidden);
                hidden.set("dynamodb:Attributes", attrs);
                expect(hidden, false, "(update of a hidden attribute)");
                for (const char* rv : {"ALL_NEW", "ALL_OLD"}) {
                    Request ret = r;
                    ret.set("dynamodb:ReturnValues", {rv});
                    expect(ret, false, std::string("(ReturnValues ") + rv + ")");
                }
            }
            if (spec_.options.require_tls) {
                Request http = r;
                http.set("aws:SecureTransport", {"false"});
                expect(http, false, "(plain HTTP)");
            }
            if (!spec_.options.vpc_endpoints.empty()) {
                Request outside = r;
                outside.set("aws:SourceVpce", {kForeignVpce});
                expect(outside, false, "(through another VPC endpoint)");
            }
        }
    }

    void run(const Built& built) {
        (void)built;
        for (const Table& t : spec_.tables) {
            const std::string arn = table_arn(spec_, t);
            std::vector<std::string> table_actions;
            if (t.has(Operation::read)) table_actions.push_back("dynamodb:GetItem");
            if (t.has(Operation::read) && t.has(Operation::batch)) table_actions.push_back("dynamodb:BatchGetItem");
            if (t.has(Operation::query)) table_actions.push_back("dynamodb:Query");
            if (t.has(Operation::update)) table_actions.push_back("dynamodb:UpdateItem");
            if (t.has(Operation::write)) table_actions.push_back("dynamodb:PutItem");
            if (t.has(Operation::del)) table_actions.push_back("dynamodb:DeleteItem");
            if (t.has(Operation::batch) && (t.has(Operation::write) || t.has(Operation::del)))
                table_actions.push_back("dynamodb:BatchWriteItem");
            if (t.partiql) {
                if (t.has(Operation::read) || t.has(Operation::query)) table_actions.push_back("dynamodb:PartiQLSelect");
                if (t.has(Operation::write)) table_actions.push_back("dynamodb:PartiQLInsert");
                if (t.has(Operation::update)) table_actions.push_back("dynamodb:PartiQLUpdate");
                if (t.has(Operation::del)) table_actions.push_back("dynamodb:PartiQLDelete");
            }
            check_table(t, table_actions, arn);
            for (const Index& ix : t.indexes) check_table(t, {"dynamodb:Query"}, index_arn(spec_, t, ix));

            // What no row-scoped caller may ever do.
            Request scan = base("dynamodb:Scan", arn);
            expect(scan, false, "(Scan of the whole table)");
            Request stream = base("dynamodb:GetRecords", arn + "/stream/2024-01-01T00:00:00.000");
            expect(stream, false, "(stream records of every partition)");
            Request shard = base("dynamodb:GetShardIterator", arn + "/stream/2024-01-01T00:00:00.000");
            expect(shard, false, "(stream shard iterator)");
            Request full = base("dynamodb:PartiQLSelect", arn);
            full.set("dynamodb:FullTableScan", {"true"});
            full.set("dynamodb:Select", {"ALL_ATTRIBUTES"});
            expect(full, false, "(PartiQL SELECT without a key: a full table scan)");
            Request no_key = own(t, "dynamodb:GetItem", arn);
            no_key.context.erase(std::remove_if(no_key.context.begin(), no_key.context.end(),
                                                [](const ContextEntry& e) { return e.key == "dynamodb:LeadingKeys"; }),
                                 no_key.context.end());
            no_key.action = "dynamodb:Scan";
            expect(no_key, false, "(Scan with a projection)");
        }

        const std::string& key = spec_.options.kms_key_arn.text;
        if (!key.empty()) {
            if (spec_.options.client_side_encryption) {
                for (const Table& t : spec_.tables) {
                    Request r = base("kms:Decrypt", key);
                    r.set("kms:EncryptionContext:aws-crypto-table-name", {t.name.text});
                    expect(r, true, "(client-side decrypt for " + t.name.text + ")");
                }
                Request other = base("kms:Decrypt", key);
                other.set("kms:EncryptionContext:aws-crypto-table-name", {"SomeOtherTable"});
                expect(other, false, "(client-side decrypt for another table)");
                Request none = base("kms:Decrypt", key);
                expect(none, false, "(decrypt without encryption context)");
            } else {
                Request via = base("kms:Decrypt", key);
                via.set("kms:ViaService", {"dynamodb." + spec_.region.text + (spec_.partition == "aws-cn" ? ".amazonaws.com.cn" : ".amazonaws.com")});
                expect(via, true, "(decrypt through DynamoDB)");
                Request direct = base("kms:Decrypt", key);
                expect(direct, false, "(direct kms:Decrypt, not through DynamoDB)");
            }
        }
    }

private:
    const Spec& spec_;
    const Evaluator& evaluator_;
    std::vector<Finding>& problems_;
};

}  // namespace

bool self_check(const Spec& spec, const Built& built, std::vector<Finding>& problems) {
    const std::size_t before = problems.size();
    struct Part {
        const std::string* json;
        const char* name;
        PolicyKind kind;
    };
    const Part parts[] = {{&built.role_policy, "role-policy.json", PolicyKind::identity},
                          {&built.trust_policy, "trust-policy.json", PolicyKind::trust},
                          {&built.kms_key_policy, "kms-key-policy.json", PolicyKind::kms_key}};
    for (const Part& part : parts) {
        if (part.json->empty()) continue;
        LintOptions options;
        options.kind = part.kind;
        for (const FileReport& report : lint_bundle({{part.name, *part.json}}, options)) {
            for (const Finding& f : report.findings) {
                if (f.severity < Severity::warning) continue;
                Finding p;
                p.check_id = "generator-self-check";
                p.severity = Severity::error;
                p.message = "internal: generated policy fails check " + f.check_id + ": " + std::string(part.name) + ":" +
                            std::to_string(f.location.line) + ":" + std::to_string(f.location.column) + ": " + f.message;
                p.fix = "this is a bug in ddbguard generate: please report it with the spec";
                p.path = spec.path;
                p.location = Location{1, 1, ""};
                problems.push_back(std::move(p));
            }
        }
    }
    if (problems.size() != before) return false;

    ParseResult role = parse_policy(built.role_policy, "role-policy.json", {}, PolicyKind::identity);
    Evaluator evaluator({&role.policy});
    Checker(spec, evaluator, problems).run(built);
    return problems.size() == before;
}

}  // namespace ddbguard::generate
