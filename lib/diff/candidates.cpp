// The candidate requests of a witness search (see candidates.hpp for what they cover).
#include "diff/candidates.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"
#include "ddbguard/catalog.hpp"
#include "evaluate/keys.hpp"
#include "util/text.hpp"

namespace ddbguard::diff {

namespace {

constexpr std::string_view kStreamLabel = "2024-01-01T00:00:00.000";
constexpr std::string_view kBackupName = "01700000000000-a1b2c3d4";
constexpr std::string_view kHidden = "HiddenAttribute";
constexpr std::string_view kOtherValue = "ddbguard-other-value";
constexpr std::string_view kOtherRegion = "eu-west-3";

// --- DynamoDB request facts (docs/dynamodb-iam.md section 3) ---------------------------

struct ActionFacts {
    std::string_view name;
    bool keyed = false;    // LeadingKeys always present
    bool read = false;     // Select always present
    bool returns = false;  // ReturnValues always present
};

constexpr ActionFacts kItemActions[] = {
    {"dynamodb:GetItem", true, true, false},          {"dynamodb:BatchGetItem", true, true, false},
    {"dynamodb:Query", true, true, false},            {"dynamodb:Scan", false, true, false},
    {"dynamodb:PartiQLSelect", false, true, false},   {"dynamodb:PutItem", true, false, true},
    {"dynamodb:UpdateItem", true, false, true},       {"dynamodb:DeleteItem", true, false, true},
    {"dynamodb:BatchWriteItem", true, false, false},  {"dynamodb:ConditionCheckItem", true, false, true},
    {"dynamodb:PartiQLInsert", true, false, false},   {"dynamodb:PartiQLUpdate", true, false, true},
    {"dynamodb:PartiQLDelete", true, false, true},    {"dynamodb:GetRecords", false, false, false},
    {"dynamodb:GetShardIterator", false, false, false}, {"dynamodb:DescribeStream", false, false, false},
};

const ActionFacts* item_facts(std::string_view action) {
    for (const ActionFacts& f : kItemActions)
        if (util::iequals(f.name, action)) return &f;
    return nullptr;
}

bool is_key(std::string_view key, std::string_view name) { return util::iequals(key, name); }

std::string service_of(std::string_view action) {
    const auto colon = action.find(':');
    return util::to_lower(action.substr(0, colon == std::string_view::npos ? 0 : colon));
}

using util::has_wildcard;

// A value for an identity key, for the caller ("caller") or another user ("other").
std::string identity_value(std::string_view key, std::string_view who) {
    const std::string id = std::string(who) + "-0000";
    if (util::iequals(key, "cognito-identity.amazonaws.com:sub")) return "us-east-1:" + id;
    if (util::iequals(key, "www.amazon.com:user_id")) return "amzn1.account." + id;
    if (util::iequals(key, "aws:userid")) return "AROAEXAMPLEID:" + id;
    return id;
}

// The variable names of ${...} references in `text` (escapes and defaults removed).
std::vector<std::string> variables_in(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t open = text.find("${"); open != std::string_view::npos; open = text.find("${", open + 2)) {
        const std::size_t close = text.find('}', open);
        if (close == std::string_view::npos) break;
        std::string name(text.substr(open + 2, close - open - 2));
        name = name.substr(0, name.find(','));
        while (!name.empty() && name.back() == ' ') name.pop_back();
        if (name != "*" && name != "?" && name != "$" && !name.empty()) out.push_back(name);
    }
    return out;
}

// IPv4 "a.b.c.d[/n]" as a number and prefix length.
bool parse_ipv4(std::string_view text, std::uint32_t& address, int& prefix) {
    const auto slash = text.find('/');
    std::string_view ip = text.substr(0, slash);
    prefix = 32;
    if (slash != std::string_view::npos) {
        const std::string p(text.substr(slash + 1));
        char* end = nullptr;
        const long n = std::strtol(p.c_str(), &end, 10);
        if (end == p.c_str() || *end || n < 0 || n > 32) return false;
        prefix = static_cast<int>(n);
    }
    std::uint32_t value = 0;
    int parts = 0;
    std::size_t i = 0;
    while (i <= ip.size() && parts < 4) {
        std::size_t j = ip.find('.', i);
        if (j == std::string_view::npos) j = ip.size();
        const std::string part(ip.substr(i, j - i));
        if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string::npos) return false;
        const int octet = std::atoi(part.c_str());
        if (octet > 255) return false;
        value = (value << 8) | static_cast<std::uint32_t>(octet);
        ++parts;
        i = j + 1;
    }
    if (parts != 4 || i < ip.size()) return false;
    address = value;
    return true;
}

std::string ipv4_text(std::uint32_t a) {
    return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." + std::to_string((a >> 8) & 255) + "." +
           std::to_string(a & 255);
}

std::string number_text(double v) {
    if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}

using Values = std::optional<std::vector<std::string>>;  // nullopt: the key is absent

struct KeyCandidates {
    std::string name;  // as first written
    std::vector<Values> values;
    void add(Values v) {
        if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(std::move(v));
    }
};

struct TableBase {
    std::string partition, region, account, name;
    bool operator==(const TableBase&) const = default;
};

// A one-statement policy and its evaluator, kept at a stable address.
struct Probe {
    std::unique_ptr<Policy> policy;
    std::unique_ptr<Evaluator> evaluator;
    Effect effect = Effect::allow;
    bool holds(const Request& r) const {
        const Outcome o = evaluator->decide(r);
        return effect == Effect::deny ? o == Outcome::explicit_deny : o == Outcome::allow;
    }
};

Probe make_probe(const Policy& source, Statement st, PolicyKind kind) {
    Probe p;
    p.effect = st.effect;
    p.policy = std::make_unique<Policy>();
    p.policy->path = source.path;
    p.policy->version = source.version;
    p.policy->kind = kind;
    st.index = 0;
    p.policy->statements.push_back(std::move(st));
    p.evaluator = std::make_unique<Evaluator>(std::vector<const Policy*>{p.policy.get()});
    return p;
}

Value literal(std::string text) {
    Value v;
    v.text = std::move(text);
    return v;
}

}  // namespace

// --- shared facts --------------------------------------------------------------------

bool touches_items(std::string_view action) { return item_facts(action) != nullptr; }

std::vector<std::string> own_partitions(const Request& request) {
    std::vector<std::string> out;
    for (const ContextEntry& e : request.context)
        if (analyze::isolation::is_identity_variable(e.key))
            for (const std::string& v : e.values) out.push_back(v);
    return out;
}

std::string table_of(std::string_view arn) {
    const std::size_t table = arn.find(":table/");
    if (table == std::string_view::npos) return std::string(arn);
    const std::size_t slash = arn.find('/', table + 7);
    return std::string(arn.substr(0, slash));
}

std::string fingerprint(const Policy& policy, const Statement& st) {
    constexpr char sep = '\x1f';
    std::string out = policy.substitutes_variables() ? "v2012" : "v2008";
    out += sep + std::string(to_string(policy.kind)) + sep;
    out += st.effect == Effect::allow ? "Allow" : st.effect == Effect::deny ? "Deny" : "Invalid";
    out += sep + std::string(st.has_action ? (st.not_action ? "NotAction" : "Action") : "-");
    for (const Value& v : st.actions) out += sep + v.text;
    out += sep + std::string(st.has_resource ? (st.not_resource ? "NotResource" : "Resource") : "-");
    for (const Value& v : st.resources) out += sep + v.text;
    out += sep + std::string(st.principal.present ? (st.not_principal ? "NotPrincipal" : "Principal") : "-");
    if (st.principal.wildcard) out += sep + std::string("*");
    for (const auto& [type, values] : st.principal.by_type) {
        out += sep + type;
        for (const Value& v : values) out += sep + v.text;
    }
    for (const ConditionEntry& c : st.conditions) {
        out += sep + std::string("C") + sep + c.op + sep + c.key;
        for (const Value& v : c.values) out += sep + v.text;
    }
    return out;
}

std::vector<std::string> referenced_keys(const std::vector<const Policy*>& set) {
    std::vector<std::string> keys;
    auto add_variables = [&](const std::string& text) {
        for (const std::string& name : variables_in(text)) keys.push_back(util::to_lower(name));
    };
    for (const Policy* p : set)
        for (const Statement& st : p->statements) {
            for (const Value& r : st.resources) add_variables(r.text);
            for (const ConditionEntry& c : st.conditions) {
                keys.push_back(util::to_lower(c.key));
                for (const Value& v : c.values) add_variables(v.text);
            }
        }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

Request shown_request(const Request& request, const std::vector<std::string>& referenced) {
    Request shown = request;
    std::erase_if(shown.context, [&](const ContextEntry& e) {
        return !std::binary_search(referenced.begin(), referenced.end(), util::to_lower(e.key));
    });
    return shown;
}

bool reads_principal(const std::vector<const Policy*>& set) {
    for (const Policy* p : set)
        if (p->kind != PolicyKind::identity && p->kind != PolicyKind::unknown) return true;
    return false;
}

std::string describe_request(const Request& request) {
    std::string out = request.action + " on " + request.resource;
    if (!request.principal.empty()) out += " as " + request.principal;
    return out;
}

// --- the space -------------------------------------------------------------------------

struct CandidateSpace::Impl {
    std::vector<const Policy*> policies;
    Seeds seeds;
    SearchOptions options;
    mutable bool truncated = false;

    bool column_intent = false;
    bool principals_matter = false;
    std::string default_region, default_account, other_account;
    std::vector<std::string> actions;
    std::vector<TableBase> tables;
    std::map<std::string, std::vector<std::string>> indexes;  // table name -> index names
    std::vector<std::pair<std::string, std::string>> global_tables;  // account, name
    std::vector<std::string> other_resources;
    std::vector<std::string> principals;
    std::vector<KeyCandidates> keys;
    std::map<std::string, std::size_t> key_index;  // lower-case key -> keys[i]
    Request base;
    std::string own_key, other_key;
    std::vector<std::string> default_attributes;

    // Probes, made on first use: per statement (scope without principal, scope with
    // principal, principal only) and per condition entry.
    mutable std::map<const void*, Probe> scope_probes, deny_scope_probes, principal_probes, condition_probes;

    Impl(std::vector<const Policy*> set, Seeds s, SearchOptions o)
        : policies(std::move(set)), seeds(std::move(s)), options(std::move(o)) {
        collect_defaults();
        collect_base();
        collect_actions();
        collect_resources();
        collect_principals();
        collect_keys();
    }

    // ---- rendering ----
    std::string caller_value(std::string_view key) const {
        if (const ContextEntry* e = base.find(key); e && e->values.size() == 1) return e->values.front();
        return identity_value(key, "caller");
    }
    std::string other_value(std::string_view key) const {
        std::string v = identity_value(key, "other");
        if (v == caller_value(key)) v += "-other";
        return v;
    }
    std::string render(std::string_view text, bool caller) const {
        std::string out;
        std::size_t i = 0;
        while (i < text.size()) {
            const std::size_t open = text.find("${", i);
            if (open == std::string_view::npos) break;
            const std::size_t close = text.find('}', open + 2);
            if (close == std::string_view::npos) break;
            out.append(text.substr(i, open - i));
            std::string_view inner = text.substr(open + 2, close - open - 2);
            if (inner == "*" || inner == "?" || inner == "$") {
                out.push_back(inner[0]);
            } else {
                inner = inner.substr(0, inner.find(','));
                while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
                out += caller ? caller_value(inner) : other_value(inner);
            }
            i = close + 1;
        }
        out.append(text.substr(i));
        return out;
    }

    // ---- collection ----
    template <class Fn>
    void each_statement(Fn fn) const {
        for (const Policy* p : policies)
            for (const Statement& st : p->statements) fn(*p, st);
    }

    void collect_defaults() {
        auto first = [&](bool region) -> std::string {
            std::string found;
            each_statement([&](const Policy&, const Statement& st) {
                for (const Value& r : st.resources) {
                    std::string_view seg[6];
                    if (!found.empty() || !split(r.text, seg) || seg[2] != "dynamodb") continue;
                    const std::string_view f = region ? seg[3] : seg[4];
                    if (!f.empty() && !has_wildcard(f) && f.find("${") == std::string_view::npos) found = f;
                }
            });
            return found;
        };
        default_region = first(true);
        if (default_region.empty()) default_region = "us-east-1";
        default_account = first(false);
        if (default_account.empty()) default_account = "123456789012";
        other_account = default_account == "999999999999" ? "888888888888" : "999999999999";
    }

    static bool split(std::string_view arn, std::string_view (&seg)[6]) {
        std::size_t start = 0;
        for (int i = 0; i < 5; ++i) {
            const std::size_t colon = arn.find(':', start);
            if (colon == std::string_view::npos) return false;
            seg[i] = arn.substr(start, colon - start);
            start = colon + 1;
        }
        seg[5] = arn.substr(start);
        return seg[0] == "arn";
    }

    void collect_base() {
        if (options.caller) {
            base.context = options.caller->context;
            base.principal = options.caller->principal;
        } else {
            for (std::string_view k : {"cognito-identity.amazonaws.com:sub", "www.amazon.com:user_id",
                                       "graph.facebook.com:id", "accounts.google.com:sub", "aws:username",
                                       "aws:userid"})
                base.set(std::string(k), {identity_value(k, "caller")});
            base.set("aws:SecureTransport", {"true"});
        }
        // Every variable the policies use resolves for the caller.
        auto add_variables = [&](const std::string& text) {
            for (const std::string& key : variables_in(text))
                if (!base.find(key) && !util::istarts_with(key, "dynamodb:")) base.set(key, {caller_value(key)});
        };
        each_statement([&](const Policy&, const Statement& st) {
            for (const Value& r : st.resources) add_variables(r.text);
            for (const ConditionEntry& c : st.conditions)
                for (const Value& v : c.values) add_variables(v.text);
        });
        if (base.principal.empty())
            base.principal = "arn:aws:sts::" + default_account + ":assumed-role/AppRole/caller-0000";
        // The caller's own partition and another user's, from the first row filter.
        each_statement([&](const Policy&, const Statement& st) {
            if (st.effect != Effect::allow || !own_key.empty()) return;
            for (const ConditionEntry* c : analyze::isolation::row_conditions(st))
                for (const Value& v : c->values)
                    if (own_key.empty() && !has_wildcard(v.text)) {
                        own_key = render(v.text, true);
                        other_key = v.text.find("${") != std::string::npos ? render(v.text, false) : kOtherValue;
                    }
        });
        if (own_key.empty()) {
            own_key = "item-0000";
            other_key = "other-item-0000";
        }
        each_statement([&](const Policy&, const Statement& st) {
            for (const ConditionEntry* c : analyze::isolation::column_conditions(st)) {
                column_intent = true;
                if (st.effect == Effect::allow && default_attributes.empty())
                    for (const Value& v : c->values)
                        if (!has_wildcard(v.text) && v.text.find("${") == std::string::npos)
                            default_attributes.push_back(v.text);
            }
        });
        if (column_intent && default_attributes.empty()) default_attributes.push_back("Id");
    }

    void add_action(const std::string& action) {
        for (const std::string& a : actions)
            if (util::iequals(a, action)) return;
        actions.push_back(action);
    }

    void collect_actions() {
        std::set<std::string> services{"dynamodb"};
        bool everything = false;
        std::vector<std::string> patterns;
        each_statement([&](const Policy&, const Statement& st) {
            if (st.not_action) everything = true;
            for (const Value& a : st.actions) patterns.push_back(a.text);
        });
        patterns.insert(patterns.end(), seeds.actions.begin(), seeds.actions.end());
        for (const std::string& p : patterns) {
            const std::string service = service_of(p);
            if (!service.empty() && !has_wildcard(service) && catalog::service_known(service)) services.insert(service);
            if (p.find(':') == std::string::npos && p != "*") continue;
            if (service.empty() || has_wildcard(service)) everything = true;
        }
        for (const std::string& p : patterns) {
            if (!has_wildcard(p)) {
                if (auto info = catalog::find_action(p))
                    add_action(std::string(info->service) + ":" + std::string(info->name));
                else
                    add_action(p);
                continue;
            }
            const std::string service = service_of(p);
            if (service.empty() || has_wildcard(service)) continue;  // covered by `everything` below
            for (const std::string& a : catalog::match_actions(p)) add_action(a);
        }
        if (everything)
            for (const std::string& service : services)
                for (const std::string& a : catalog::actions_of(service)) add_action(a);
    }

    void add_table(TableBase t) {
        if (t.name.empty()) t.name = "AnyTable";
        if (std::find(tables.begin(), tables.end(), t) == tables.end()) tables.push_back(std::move(t));
    }

    // Wildcard instantiations of a name: '*' as nothing and as "2", '?' as "2"; a name
    // made only of wildcards becomes `placeholder`.
    static std::vector<std::string> instantiate(const std::string& text, const std::string& placeholder = "x") {
        if (!has_wildcard(text)) return {text};
        if (text.find_first_not_of("*?") == std::string::npos) return {placeholder};
        std::string none, some;
        for (char c : text) {
            if (c == '*') {
                some += '2';
            } else if (c == '?') {
                none += '2';
                some += '2';
            } else {
                none += c;
                some += c;
            }
        }
        std::vector<std::string> out;
        if (!none.empty()) out.push_back(none);
        if (some != none) out.push_back(some);
        return out;
    }

    void add_resource_pattern(const std::string& text, bool& open_region, bool& open_account) {
        if (text == "*") {
            add_table({"aws", default_region, default_account, "AnyTable"});
            open_region = open_account = true;
            return;
        }
        std::vector<std::string> renderings{render(text, true)};
        if (text.find("${") != std::string::npos && render(text, false) != renderings.front())
            renderings.push_back(render(text, false));
        for (const std::string& r : renderings) {
            std::string_view seg[6];
            if (!split(r, seg)) {
                for (const std::string& v : instantiate(r)) other_resources.push_back(v);
                continue;
            }
            if (seg[2] != "dynamodb" && !(has_wildcard(seg[2]) && catalog::action_matches(seg[2], "dynamodb"))) {
                for (const std::string& v : instantiate(r))
                    if (std::find(other_resources.begin(), other_resources.end(), v) == other_resources.end())
                        other_resources.push_back(v);
                continue;
            }
            const std::string partition = has_wildcard(seg[1]) || seg[1].empty() ? "aws" : std::string(seg[1]);
            std::string region(seg[3]), account(seg[4]);
            if (has_wildcard(region)) {
                open_region = true;
                region = default_region;
            }
            if (has_wildcard(account)) {
                open_account = true;
                account = default_account;
            }
            const std::string_view rest = seg[5];
            if (rest.rfind("global-table/", 0) == 0) {
                for (const std::string& name : instantiate(std::string(rest.substr(13)), "AnyGlobalTable"))
                    global_tables.emplace_back(account, name);
                continue;
            }
            if (rest.rfind("table/", 0) != 0) {
                if (has_wildcard(rest.substr(0, 6))) add_table({partition, region, account, "AnyTable"});
                continue;
            }
            const std::string_view after = rest.substr(6);
            const std::size_t slash = after.find('/');
            const std::string name(after.substr(0, slash));
            for (const std::string& n : instantiate(name, "AnyTable")) {
                add_table({partition, region, account, n});
                if (slash == std::string_view::npos) continue;
                const std::string_view sub = after.substr(slash + 1);
                if (sub.rfind("index/", 0) == 0) {
                    for (const std::string& idx : instantiate(std::string(sub.substr(6)), "AnyIndex")) {
                        auto& list = indexes[n];
                        if (std::find(list.begin(), list.end(), idx) == list.end()) list.push_back(idx);
                    }
                }
            }
            if (name.empty() || name == "*") add_table({partition, region, account, "AnyTable"});
        }
    }

    void collect_resources() {
        bool open_region = false, open_account = false;
        each_statement([&](const Policy&, const Statement& st) {
            for (const Value& r : st.resources) add_resource_pattern(r.text, open_region, open_account);
            if (st.not_resource) add_table({"aws", default_region, default_account, "AnyTable"});
        });
        for (const std::string& r : seeds.resources) add_resource_pattern(r, open_region, open_account);
        // Boundary variants: the same tables in another Region and another account.
        const std::size_t n = tables.size();
        for (std::size_t i = 0; i < n; ++i) {
            if (open_region) add_table({tables[i].partition, std::string(kOtherRegion), tables[i].account, tables[i].name});
            if (open_account) add_table({tables[i].partition, tables[i].region, other_account, tables[i].name});
        }
    }

    void add_principal(std::string p) {
        if (std::find(principals.begin(), principals.end(), p) == principals.end()) principals.push_back(std::move(p));
    }

    void collect_principals() {
        each_statement([&](const Policy& p, const Statement& st) {
            if (p.kind == PolicyKind::identity || p.kind == PolicyKind::unknown) return;
            principals_matter = true;
            if (!st.principal.present) return;
            for (const auto& [type, values] : st.principal.by_type)
                for (const Value& v : values) {
                    if (type == "AWS" && v.text == "*") continue;
                    if (type == "AWS" && v.text.size() == 12 && v.text.find_first_not_of("0123456789") == std::string::npos)
                        add_principal("arn:aws:iam::" + v.text + ":root");
                    else
                        for (const std::string& i : instantiate(render(v.text, true))) add_principal(i);
                }
        });
        for (const std::string& s : seeds.principals)
            for (const std::string& i : instantiate(s)) add_principal(i);
        if (principals_matter) {
            add_principal(base.principal);
            add_principal("arn:aws:iam::" + other_account + ":root");
        }
    }

    KeyCandidates& key_entry(const std::string& key) {
        const std::string lower = util::to_lower(key);
        auto it = key_index.find(lower);
        if (it != key_index.end()) return keys[it->second];
        key_index.emplace(lower, keys.size());
        keys.push_back(KeyCandidates{key, {}});
        return keys.back();
    }

    void collect_keys() {
        each_statement([&](const Policy&, const Statement& st) {
            for (const ConditionEntry& c : st.conditions) add_condition(c);
        });
    }

    void add_condition(const ConditionEntry& c) {
        KeyCandidates& entry = key_entry(c.key);
        const analyze::OperatorParts parts = analyze::split_operator(c.op);
        const std::string base_op(parts.base);
        const bool multi = eval::is_multivalued_key(c.key);
        std::vector<std::string> scalars;
        auto add_scalar = [&](std::string v) {
            if (std::find(scalars.begin(), scalars.end(), v) == scalars.end()) scalars.push_back(std::move(v));
        };
        if (is_key(c.key, "dynamodb:Select")) {
            for (const char* v : {"SPECIFIC_ATTRIBUTES", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "COUNT"}) add_scalar(v);
        } else if (is_key(c.key, "dynamodb:ReturnValues")) {
            for (const char* v : {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"}) add_scalar(v);
        }
        if (base_op == "Bool") {
            add_scalar("true");
            add_scalar("false");
        } else if (base_op == "Null") {
            // Presence alone matters: any value of the key will do.
            if (entry.values.empty() && scalars.empty()) add_scalar(std::string(kOtherValue));
        } else if (base_op.rfind("Numeric", 0) == 0) {
            for (const Value& v : c.values) {
                char* end = nullptr;
                const double d = std::strtod(v.text.c_str(), &end);
                if (end == v.text.c_str()) continue;
                add_scalar(v.text);
                add_scalar(number_text(d + 1));
                add_scalar(number_text(d - 1));
            }
        } else if (base_op.rfind("Date", 0) == 0) {
            for (const Value& v : c.values) add_scalar(v.text);
            add_scalar("1970-01-01T00:00:00Z");
            add_scalar("2100-01-01T00:00:00Z");
        } else if (base_op == "IpAddress" || base_op == "NotIpAddress") {
            for (const Value& v : c.values) {
                std::uint32_t a = 0;
                int prefix = 32;
                if (parse_ipv4(v.text, a, prefix)) {
                    const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t(0) << (32 - prefix);
                    const std::uint32_t first = a & mask, last = first | ~mask;
                    add_scalar(ipv4_text(first));
                    if (last != 0xFFFFFFFFu) add_scalar(ipv4_text(last + 1));
                    if (first != 0) add_scalar(ipv4_text(first - 1));
                } else {
                    add_scalar(v.text.substr(0, v.text.find('/')));
                }
            }
            add_scalar("203.0.113.7");
        } else if (base_op.rfind("String", 0) == 0 || base_op.rfind("Arn", 0) == 0 || base_op == "BinaryEquals") {
            const bool like = base_op.find("Like") != std::string::npos || base_op.rfind("Arn", 0) == 0;
            const bool ignore_case = base_op.find("IgnoreCase") != std::string::npos;
            for (const Value& v : c.values) {
                std::vector<std::string> forms{render(v.text, true)};
                if (v.text.find("${") != std::string::npos) {
                    forms.push_back(render(v.text, false));
                    forms.push_back(v.text);
                    forms.push_back(forms.front() + "x");  // extends the caller's id
                }
                for (const std::string& f : forms) {
                    if (like)
                        for (const std::string& i : instantiate(f)) add_scalar(i);
                    else
                        add_scalar(f);
                    if (ignore_case) add_scalar(util::to_lower(f) == f ? upper(f) : util::to_lower(f));
                }
                if (base_op.rfind("Arn", 0) == 0 || v.text.rfind("arn:", 0) == 0)
                    if (std::string other = in_other_account(render(v.text, true)); !other.empty()) add_scalar(other);
            }
            add_scalar(std::string(kOtherValue));
        }
        // Attribute lists are whole sets: the names a request gives together.
        if (!is_key(c.key, "dynamodb:Attributes"))
            for (const std::string& s : scalars) entry.add(std::vector<std::string>{s});
        if (multi) {
            if (analyze::isolation::is_row_key(c.key)) {
                entry.add(std::vector<std::string>{own_key});
                entry.add(std::vector<std::string>{other_key});
                entry.add(std::vector<std::string>{own_key, other_key});
            } else if (is_key(c.key, "dynamodb:Attributes")) {
                std::vector<std::string> listed;
                for (const Value& v : c.values)
                    if (!has_wildcard(v.text)) listed.push_back(render(v.text, true));
                if (!listed.empty()) {
                    entry.add(listed);
                    listed.push_back(std::string(kHidden));
                    entry.add(listed);
                }
                entry.add(std::vector<std::string>{default_attributes.empty() ? std::string("Id") : default_attributes.front(),
                                                   std::string(kHidden)});
            } else if (!scalars.empty()) {
                entry.add(std::vector<std::string>{scalars.front(), std::string(kOtherValue)});
            }
        }
        entry.add(std::nullopt);
    }

    // The ARN with its account segment replaced by another account ("" when it has none).
    std::string in_other_account(const std::string& arn) const {
        std::string_view seg[6];
        if (!split(arn, seg) || seg[4].empty() || seg[4] == other_account) return {};
        const auto at = static_cast<std::size_t>(seg[4].data() - arn.data());
        return arn.substr(0, at) + other_account + arn.substr(at + seg[4].size());
    }

    static std::string upper(std::string s) {
        for (char& ch : s)
            if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
        return s;
    }

    // ---- request facts ----
    static bool carries(std::string_view action, std::string_view key) {
        if (!util::istarts_with(key, "dynamodb:")) return true;
        // The SAR lists ReturnValues on Query and Scan too, but only writes return items
        // through it, and only reads choose a Select (docs/dynamodb-iam.md section 3).
        if (is_key(key, "dynamodb:ReturnValues") || is_key(key, "dynamodb:Select")) {
            const ActionFacts* f = item_facts(action);
            return f && (is_key(key, "dynamodb:Select") ? f->read : f->returns);
        }
        const auto info = catalog::find_action(action);
        if (!info) return false;
        for (std::string_view k : info->condition_keys)
            if (util::iequals(k, key)) return true;
        return false;
    }

    static bool required(std::string_view action, std::string_view key) {
        const ActionFacts* f = item_facts(action);
        if (!f) return false;
        if (is_key(key, "dynamodb:LeadingKeys")) return f->keyed;
        if (is_key(key, "dynamodb:Select")) return f->read;
        if (is_key(key, "dynamodb:ReturnValues")) return f->returns;
        if (is_key(key, "dynamodb:FullTableScan")) return is_key(action, "dynamodb:PartiQLSelect");
        return false;
    }

    static bool allowed(std::string_view action, std::string_view key, const Values& v) {
        if (!v) return !required(action, key);
        return carries(action, key);
    }

    // PartiQL SELECT: a full scan carries no LeadingKeys, a keyed one does.
    static void normalize(Request& r) {
        if (!is_key(r.action, "dynamodb:PartiQLSelect")) return;
        const bool keyed = r.find("dynamodb:LeadingKeys") != nullptr;
        r.set("dynamodb:FullTableScan", {keyed ? "false" : "true"});
    }

    static void assign(Request& r, const std::string& key, const Values& v) {
        if (v) {
            r.set(key, *v);
        } else {
            std::erase_if(r.context, [&](const ContextEntry& e) { return util::iequals(e.key, key); });
        }
        if (is_key(key, "dynamodb:FullTableScan") && is_key(r.action, "dynamodb:PartiQLSelect")) {
            if (v && !v->empty() && v->front() == "true")
                std::erase_if(r.context, [](const ContextEntry& e) { return is_key(e.key, "dynamodb:LeadingKeys"); });
            return;
        }
        normalize(r);
    }

    static Values current(const Request& r, std::string_view key) {
        if (const ContextEntry* e = r.find(key)) return e->values;
        return std::nullopt;
    }

    void defaults(Request& r) const {
        const ActionFacts* f = item_facts(r.action);
        if (!f) return;
        const bool index = r.resource.find("/index/") != std::string::npos;
        if (f->keyed || is_key(r.action, "dynamodb:PartiQLSelect")) r.set("dynamodb:LeadingKeys", {own_key});
        if (f->read)
            r.set("dynamodb:Select", {column_intent ? "SPECIFIC_ATTRIBUTES" : index ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES"});
        if (f->returns) r.set("dynamodb:ReturnValues", {"NONE"});
        if (column_intent && carries(r.action, "dynamodb:Attributes")) r.set("dynamodb:Attributes", default_attributes);
        normalize(r);
    }

    // ---- probes ----
    const Probe& scope_probe(const Policy& p, const Statement& st) const {
        auto it = scope_probes.find(&st);
        if (it != scope_probes.end()) return it->second;
        Statement s = st;
        s.effect = Effect::allow;
        s.conditions.clear();
        s.has_condition = false;
        if (p.kind != PolicyKind::identity && p.kind != PolicyKind::unknown) {
            s.principal.present = true;
            s.principal.wildcard = true;
            s.principal.by_type.clear();
            s.not_principal = false;
        }
        return scope_probes.emplace(&st, make_probe(p, std::move(s), p.kind)).first->second;
    }
    const Probe& deny_scope_probe(const Policy& p, const Statement& st) const {
        auto it = deny_scope_probes.find(&st);
        if (it != deny_scope_probes.end()) return it->second;
        Statement s = st;
        s.effect = Effect::allow;
        s.conditions.clear();
        s.has_condition = false;
        return deny_scope_probes.emplace(&st, make_probe(p, std::move(s), p.kind)).first->second;
    }
    const Probe& principal_probe(const Policy& p, const Statement& st) const {
        auto it = principal_probes.find(&st);
        if (it != principal_probes.end()) return it->second;
        Statement s = st;
        s.effect = Effect::allow;
        s.conditions.clear();
        s.has_condition = false;
        s.has_action = true;
        s.not_action = false;
        s.actions = {literal("*")};
        s.has_resource = true;
        s.not_resource = false;
        s.resources = {literal("*")};
        return principal_probes.emplace(&st, make_probe(p, std::move(s), p.kind)).first->second;
    }
    const Probe& condition_probe(const Policy& p, const Statement& st, const ConditionEntry& c) const {
        auto it = condition_probes.find(&c);
        if (it != condition_probes.end()) return it->second;
        Statement s;
        s.effect = st.effect;
        s.has_action = true;
        s.actions = {literal("*")};
        s.has_resource = true;
        s.resources = {literal("*")};
        s.conditions = {c};
        s.has_condition = true;
        return condition_probes.emplace(&c, make_probe(p, std::move(s), PolicyKind::identity)).first->second;
    }

    const KeyCandidates* candidates_of(std::string_view key) const {
        auto it = key_index.find(util::to_lower(key));
        return it == key_index.end() ? nullptr : &keys[it->second];
    }

    // ---- generation ----
    std::vector<std::string> resources_for(const std::string& action) const {
        std::vector<std::string> out;
        auto add = [&](std::string r) {
            if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(std::move(r));
        };
        const std::string service = service_of(action);
        const auto info = catalog::find_action(action);
        if (service == "dynamodb" && info) {
            if (info->resource_types.empty()) return {"*"};
            // The table first: the simplest witness names the table itself.
            std::vector<std::string_view> types(info->resource_types.begin(), info->resource_types.end());
            constexpr std::string_view kOrder[] = {"table", "index", "stream", "global-table", "backup", "export", "import"};
            auto rank = [&](std::string_view t) {
                return static_cast<std::size_t>(std::find(std::begin(kOrder), std::end(kOrder), t) - std::begin(kOrder));
            };
            std::stable_sort(types.begin(), types.end(), [&](std::string_view a, std::string_view b) { return rank(a) < rank(b); });
            for (const TableBase& t : tables) {
                const std::string prefix =
                    "arn:" + t.partition + ":dynamodb:" + t.region + ":" + t.account + ":table/" + t.name;
                for (std::string_view type : types) {
                    if (type == "table") {
                        add(prefix);
                    } else if (type == "index") {
                        auto it = indexes.find(t.name);
                        if (it == indexes.end() || it->second.empty()) add(prefix + "/index/AnyIndex");
                        else
                            for (const std::string& i : it->second) add(prefix + "/index/" + i);
                    } else if (type == "stream") {
                        add(prefix + "/stream/" + std::string(kStreamLabel));
                    } else if (type == "backup" || type == "export" || type == "import") {
                        add(prefix + "/" + std::string(type) + "/" + std::string(kBackupName));
                    } else if (type == "global-table") {
                        add("arn:" + t.partition + ":dynamodb::" + t.account + ":global-table/" + t.name);
                    }
                }
            }
            for (std::string_view type : info->resource_types)
                if (type == "global-table")
                    for (const auto& [account, name] : global_tables)
                        add("arn:aws:dynamodb::" + account + ":global-table/" + name);
            return out;
        }
        for (const std::string& r : other_resources) {
            std::string_view seg[6];
            if (!split(r, seg) || service_of(std::string(seg[2]) + ":") == service || !info) add(r);
        }
        if (out.empty() || !info || info->resource_types.empty()) add("*");
        return out;
    }

    // The core request for one statement, action and resource.
    Request core(const Policy& p, const Statement& st, const std::string& action, const std::string& resource) const {
        Request r = base;
        r.action = action;
        r.resource = resource;
        defaults(r);
        if (st.principal.present && p.kind != PolicyKind::identity) {
            const Probe& probe = principal_probe(p, st);
            for (const std::string& candidate : principals) {
                Request t = r;
                t.principal = candidate;
                if (probe.holds(t)) {
                    r.principal = candidate;
                    break;
                }
            }
        }
        std::vector<std::string> locked;
        auto is_locked = [&](const std::string& key) {
            for (const std::string& k : locked)
                if (util::iequals(k, key)) return true;
            return false;
        };
        // Satisfy the statement's conditions, one key at a time.
        for (std::size_t i = 0; i < st.conditions.size(); ++i) {
            const std::string& key = st.conditions[i].key;
            if (is_locked(key)) continue;
            locked.push_back(key);
            std::vector<const Probe*> probes;
            for (const ConditionEntry& c : st.conditions)
                if (util::iequals(c.key, key)) probes.push_back(&condition_probe(p, st, c));
            auto all_hold = [&](const Request& q) {
                for (const Probe* pr : probes)
                    if (!pr->holds(q)) return false;
                return true;
            };
            if (all_hold(r)) continue;
            const KeyCandidates* cands = candidates_of(key);
            if (!cands) continue;
            for (const Values& v : cands->values) {
                if (!allowed(action, key, v)) continue;
                Request t = r;
                assign(t, cands->name, v);
                if (all_hold(t)) {
                    r = std::move(t);
                    break;
                }
            }
        }
        // Defeat the Denies that would apply, through a key the statement left free.
        for (const Policy* q : policies) {
            for (const Statement& d : q->statements) {
                if (d.effect != Effect::deny || d.conditions.empty()) continue;
                if (!deny_scope_probe(*q, d).holds(r)) continue;
                bool applies = true;
                for (const ConditionEntry& c : d.conditions)
                    if (!condition_probe(*q, d, c).holds(r)) {
                        applies = false;
                        break;
                    }
                if (!applies) continue;
                bool defeated = false;
                for (const ConditionEntry& c : d.conditions) {
                    if (defeated) break;
                    if (is_locked(c.key)) continue;
                    const KeyCandidates* cands = candidates_of(c.key);
                    if (!cands) continue;
                    const Probe& probe = condition_probe(*q, d, c);
                    for (const Values& v : cands->values) {
                        if (!allowed(action, c.key, v)) continue;
                        Request t = r;
                        assign(t, cands->name, v);
                        if (!probe.holds(t)) {
                            r = std::move(t);
                            locked.push_back(c.key);
                            defeated = true;
                            break;
                        }
                    }
                }
            }
        }
        return r;
    }

    std::size_t run(const Visit& visit) const {
        std::size_t count = 0;
        bool stop = false;
        const std::string none;
        auto emit = [&](const Request& r, const std::string& reaches) {
            if (stop) return;
            if (count >= options.max_requests) {
                truncated = true;
                stop = true;
                return;
            }
            ++count;
            if (!visit(r, reaches)) stop = true;
        };
        for (const auto& a : analyze::isolation::adversarial_requests(policies)) {
            emit(options.caller ? as_caller(a.request) : a.request, a.reaches);
            if (stop) return count;
        }
        std::set<std::string> seen;
        for (const Policy* p : policies) {
            for (const Statement& st : p->statements) {
                if (st.effect != Effect::allow || !st.has_action) continue;
                if (options.directed.empty() ? !seen.insert(fingerprint(*p, st)).second
                                             : std::find(options.directed.begin(), options.directed.end(), &st) ==
                                                   options.directed.end())
                    continue;
                const Probe& scope = scope_probe(*p, st);
                for (const std::string& action : actions) {
                    if (!analyze::covers_action(st, action)) continue;
                    for (const std::string& resource : resources_for(action)) {
                        Request probe_request;
                        probe_request.action = action;
                        probe_request.resource = resource;
                        probe_request.principal = base.principal;
                        probe_request.context = base.context;
                        if (!scope.holds(probe_request)) continue;
                        const Request c = core(*p, st, action, resource);
                        emit(c, none);
                        variants(c, emit);
                        if (stop) return count;
                    }
                }
            }
        }
        return count;
    }

    // An analyzer request re-written for the given caller: its made-up identity values
    // replaced by the caller's wherever they occur, the caller's other keys added.
    Request as_caller(const Request& analyzer) const {
        Request r = analyzer;
        std::vector<std::pair<std::string, std::string>> swaps;
        for (const ContextEntry& e : base.context)
            if (analyze::isolation::is_identity_variable(e.key) && e.values.size() == 1)
                swaps.emplace_back(identity_value(e.key, "caller"), e.values.front());
        for (ContextEntry& e : r.context)
            for (std::string& v : e.values)
                for (const auto& [from, to] : swaps)
                    for (std::size_t at = v.find(from); at != std::string::npos; at = v.find(from, at + to.size()))
                        v.replace(at, from.size(), to);
        for (const ContextEntry& e : base.context)
            if (!r.find(e.key) || analyze::isolation::is_identity_variable(e.key)) r.set(e.key, e.values);
        if (!base.principal.empty()) r.principal = base.principal;
        return r;
    }

    template <class Emit>
    void variants(const Request& c, Emit& emit) const {
        for (const KeyCandidates& k : keys) {
            const Values now = current(c, k.name);
            for (const Values& v : k.values) {
                if (v == now || !allowed(c.action, k.name, v)) continue;
                Request t = c;
                assign(t, k.name, v);
                emit(t, std::string());
            }
        }
        if (principals_matter)
            for (const std::string& p : principals) {
                if (p == c.principal) continue;
                Request t = c;
                t.principal = p;
                emit(t, std::string());
            }
    }
};

CandidateSpace::CandidateSpace(std::vector<const Policy*> policies, Seeds seeds, SearchOptions options)
    : impl_(std::make_unique<Impl>(std::move(policies), std::move(seeds), std::move(options))) {}
CandidateSpace::~CandidateSpace() = default;

std::size_t CandidateSpace::for_each(const Visit& visit) const { return impl_->run(visit); }
bool CandidateSpace::truncated() const { return impl_->truncated; }

}  // namespace ddbguard::diff
