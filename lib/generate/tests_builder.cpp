// The policy test file that `ddbguard generate --tests` writes next to the policies: the
// spec's row- and column-level guarantees as cases and never assertions, so that they
// stay tested after people edit the generated policy (`ddbguard test policy-tests.yaml`).
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "generate/spec.hpp"

namespace ddbguard::generate {
namespace {

bool plain(const std::string& s) {
    if (s.empty()) return false;
    // ':' inside a word is plain text in YAML (only ": " and a trailing ':' mark a key).
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              c == '.' || c == ':' || c == '/'))
            return false;
    if (s.front() == ':' || s.back() == ':' || s.front() == '/') return false;
    // Words YAML would read as booleans, null or numbers.
    for (const char* word : {"true", "false", "yes", "no", "on", "off", "null", "True", "False", "Yes", "No", "Null",
                             "TRUE", "FALSE", "NULL", "y", "n", "Y", "N"})
        if (s == word) return false;
    return !((s[0] >= '0' && s[0] <= '9') || s[0] == '-' || s[0] == '.');
}

// A YAML scalar: plain when safe, else double-quoted.
std::string q(const std::string& s) {
    if (plain(s)) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + q(items[i]);
    return out + "]";
}

std::vector<std::string> key_attributes(const Table& t, const std::vector<Located>& extra) {
    std::vector<std::string> out{t.partition_key.text};
    if (!t.sort_key.text.empty()) out.push_back(t.sort_key.text);
    for (const Located& a : extra)
        if (std::find(out.begin(), out.end(), a.text) == out.end()) out.push_back(a.text);
    return out;
}

struct Writer {
    const Spec& spec;
    std::string caller, other;
    std::string out;

    void request(const std::string& action, const std::string& resource,
                 const std::vector<std::pair<std::string, std::string>>& context) {
        out += "    request:\n";
        out += "      action: " + q(action) + "\n";
        out += "      resource: " + q(resource) + "\n";
        if (context.empty()) return;
        out += "      context:\n";
        for (const auto& [k, v] : context) out += "        " + q(k) + ": " + v + "\n";
    }

    // The context of a legitimate request on the caller's own item (as the self-check makes it).
    std::vector<std::pair<std::string, std::string>> own(const Table& t, const std::string& action, bool index,
                                                         const std::string& key) const {
        std::vector<std::pair<std::string, std::string>> c;
        c.emplace_back("dynamodb:LeadingKeys", list({key}));
        const bool read = action == "dynamodb:GetItem" || action == "dynamodb:BatchGetItem" || action == "dynamodb:Query" ||
                          action == "dynamodb:PartiQLSelect";
        std::vector<Located> named;
        if (read && t.has_read_attributes) named = t.read_attributes;
        if (action == "dynamodb:UpdateItem" && t.has_write_attributes) named = t.write_attributes;
        c.emplace_back("dynamodb:Attributes", list(key_attributes(t, named)));
        if (read)
            c.emplace_back("dynamodb:Select", t.has_read_attributes ? "SPECIFIC_ATTRIBUTES"
                                              : index                ? "ALL_PROJECTED_ATTRIBUTES"
                                                                     : "ALL_ATTRIBUTES");
        if (action == "dynamodb:PartiQLSelect") c.emplace_back("dynamodb:FullTableScan", q("false"));
        if (action == "dynamodb:PutItem" || action == "dynamodb:UpdateItem" || action == "dynamodb:DeleteItem" ||
            action == "dynamodb:PartiQLUpdate" || action == "dynamodb:PartiQLDelete")
            c.emplace_back("dynamodb:ReturnValues", "NONE");
        return c;
    }

    void cases_for(const Table& t, const std::string& action, const std::string& resource, bool index) {
        const std::string where = t.name.text + (index ? " (index " + resource.substr(resource.rfind('/') + 1) + ")" : "");
        out += "  - name: " + q(where + ": " + action + " on the caller's own item is allowed") + "\n";
        request(action, resource, own(t, action, index, caller));
        out += "    expect: allow\n";
        out += "  - name: " + q(where + ": " + action + " on another user's item is denied") + "\n";
        request(action, resource, own(t, action, index, other));
        out += "    expect: deny\n";
        if (action.find("Batch") != std::string::npos) {
            out += "  - name: " + q(where + ": " + action + " of the caller's and another user's items together is denied") + "\n";
            auto c = own(t, action, index, caller);
            c.front().second = list({caller, other});
            request(action, resource, c);
            out += "    expect: deny\n";
        }
    }
};

std::vector<std::string> table_actions(const Table& t) {
    std::vector<std::string> a;
    if (t.has(Operation::read)) a.push_back("dynamodb:GetItem");
    if (t.has(Operation::read) && t.has(Operation::batch)) a.push_back("dynamodb:BatchGetItem");
    if (t.has(Operation::query)) a.push_back("dynamodb:Query");
    if (t.has(Operation::update)) a.push_back("dynamodb:UpdateItem");
    if (!t.has_write_attributes) {
        if (t.has(Operation::write)) a.push_back("dynamodb:PutItem");
        if (t.has(Operation::del)) a.push_back("dynamodb:DeleteItem");
        if (t.has(Operation::batch) && (t.has(Operation::write) || t.has(Operation::del)))
            a.push_back("dynamodb:BatchWriteItem");
    }
    if (t.partiql) {
        if (t.has(Operation::read) || t.has(Operation::query)) a.push_back("dynamodb:PartiQLSelect");
        if (t.has(Operation::write)) a.push_back("dynamodb:PartiQLInsert");
        if (t.has(Operation::update)) a.push_back("dynamodb:PartiQLUpdate");
        if (t.has(Operation::del)) a.push_back("dynamodb:PartiQLDelete");
    }
    return a;
}

}  // namespace

std::string build_tests(const Spec& spec) {
    Writer w{spec, {}, {}, {}};
    const std::string key = identity_context_key(spec.identity);
    if (spec.identity.type == IdentityType::cognito) {
        w.caller = spec.region.text + ":caller-0001";
        w.other = spec.region.text + ":other-0002";
    } else {
        w.caller = "caller-0001";
        w.other = "other-0002";
    }
    std::string& out = w.out;
    const std::string spec_name = std::filesystem::path(spec.path).filename().string();
    out += "# Policy tests for role-policy.json, written by `ddbguard generate --tests` from " + spec_name + ".\n";
    out += "# They pin the spec's guarantees: each caller reaches only the items whose partition key\n";
    out += "# is their own identity. Run `ddbguard test policy-tests.yaml` after editing the policy.\n";
    out += "policies: [role-policy.json]\n";
    out += "kind: identity\n";
    out += "caller:\n  context:\n";
    out += "    " + q(key) + ": " + q(w.caller) + "\n";
    out += "    aws:SecureTransport: " + q("true") + "\n";
    if (!spec.options.vpc_endpoints.empty())
        out += "    aws:SourceVpce: " + q(spec.options.vpc_endpoints.front().text) + "\n";

    out += "cases:\n";
    for (const Table& t : spec.tables) {
        const std::string arn = table_arn(spec, t);
        for (const std::string& action : table_actions(t)) w.cases_for(t, action, arn, false);
        if (t.has(Operation::query))
            for (const Index& ix : t.indexes) w.cases_for(t, "dynamodb:Query", index_arn(spec, t, ix), true);
        const std::vector<std::string> actions = table_actions(t);
        if (actions.empty()) continue;
        if (spec.options.require_tls) {
            out += "  - name: " + q(t.name.text + ": plain HTTP is denied") + "\n";
            auto c = w.own(t, actions.front(), false, w.caller);
            c.emplace_back("aws:SecureTransport", q("false"));
            w.request(actions.front(), arn, c);
            out += "    expect: explicit-deny\n";
        }
        if (!spec.options.vpc_endpoints.empty()) {
            out += "  - name: " + q(t.name.text + ": a request through another VPC endpoint is denied") + "\n";
            auto c = w.own(t, actions.front(), false, w.caller);
            c.emplace_back("aws:SourceVpce", q("vpce-0ffffffffffffffff"));
            w.request(actions.front(), arn, c);
            out += "    expect: explicit-deny\n";
        }
    }

    out += "never:\n";
    for (const Table& t : spec.tables) {
        const std::string arn = table_arn(spec, t);
        out += "  - name: " + q(t.name.text + ": no request reaches another user's items") + "\n";
        out += "    action: " + q("dynamodb:*") + "\n";
        out += "    resource: " + list({arn, arn + "/*"}) + "\n";
        out += "    reaches: other-partitions\n";
        if (t.has_read_attributes) {
            out += "  - name: " + q(t.name.text + ": no read returns an attribute outside the allowed list") + "\n";
            out += "    action: " +
                   list({"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan",
                         "dynamodb:PartiQLSelect"}) +
                   "\n";
            out += "    resource: " + list({arn, arn + "/*"}) + "\n";
            out += "    reaches: other-attributes\n";
            out += "    attributes: " + list(key_attributes(t, t.read_attributes)) + "\n";
        }
        if (t.has_write_attributes) {
            out += "  - name: " + q(t.name.text + ": no update touches or returns an attribute outside the allowed list") + "\n";
            out += "    action: " + list({"dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:PartiQLUpdate"}) + "\n";
            out += "    resource: " + list({arn, arn + "/*"}) + "\n";
            out += "    reaches: other-attributes\n";
            out += "    attributes: " + list(key_attributes(t, t.write_attributes)) + "\n";
        }
    }
    out += "  - name: " + q("no Scan of any table") + "\n";
    out += "    action: " + q("dynamodb:Scan") + "\n";
    out += "  - name: " + q("no stream records of any table") + "\n";
    out += "    action: " + list({"dynamodb:GetRecords", "dynamodb:GetShardIterator"}) + "\n";
    return out;
}

}  // namespace ddbguard::generate
