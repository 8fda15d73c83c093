// The adversarial requests and the leaks among them.
//
// Requests follow what DynamoDB really sends (docs/dynamodb-iam.md section 3):
// LeadingKeys on the item actions and keyed PartiQL statements, absent on Scan, on a
// full-scan PartiQL SELECT and on stream actions; Select always present on reads
// (ALL_ATTRIBUTES, or ALL_PROJECTED_ATTRIBUTES on an index, when no projection is
// given); ReturnValues always present on writes (NONE by default); Attributes = the
// attribute names the request names. The caller's identity keys are all set, and so
// are the values that make unrelated guards (TLS, VPC endpoint, region, tags) pass, so
// that only the row and column conditions decide.
//
// What counts as a leak follows the set's intent (issue 12): a row filter on reads says
// nothing about writes and the other way round; a filter of literal partitions is
// escaped by a partition outside the list, not by "another user"; a column allow-list
// governs the items its own statement reaches.
#include <algorithm>

#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"
#include "evaluate/operators.hpp"
#include "evaluate/wildcard.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze::isolation {

namespace {

constexpr std::string_view kCaller = "caller";
constexpr std::string_view kOther = "other";
constexpr std::string_view kHidden = "HiddenAttribute";
constexpr std::string_view kStreamLabel = "2024-01-01T00:00:00.000";
// A key that belongs to nobody in particular: what a column-scoped statement without a
// row filter is asked about, so that per-user grants of the caller's own items stay out.
constexpr std::string_view kNeutralKey = "item-0000";

// A value for an identity key, for the caller ("caller") or another user ("other").
std::string identity_value(std::string_view key, std::string_view who) {
    const IdentityFormat& f = identity_format(key);
    if (util::istarts_with(key, "aws:PrincipalTag/")) {
        // Distinct per tag, so that two tags never stand for the same value by accident.
        std::string tag = util::to_lower(key.substr(17));
        return tag + (who == kCaller ? "-a" : "-b");
    }
    return std::string(who == kCaller ? f.caller : f.other);
}

struct RenderOptions {
    std::string_view who = kCaller;
    bool instantiate = false;        // '*' -> "1" and '?' -> "x" outside variables: a concrete key
    std::string_view override_key;   // this identity key takes `override_value`
    std::string override_value;
};

// `text` with every ${key} (and ${key, 'default'}) replaced by an identity value.
std::string render(std::string_view text, const RenderOptions& o = {}) {
    std::string out;
    std::size_t i = 0;
    auto literal = [&](std::string_view part) {
        if (!o.instantiate) {
            out.append(part);
            return;
        }
        for (char c : part) out += c == '*' ? std::string("1") : c == '?' ? std::string("x") : std::string(1, c);
    };
    while (i < text.size()) {
        const std::size_t open = text.find("${", i);
        if (open == std::string_view::npos) break;
        const std::size_t close = text.find('}', open + 2);
        if (close == std::string_view::npos) break;
        literal(text.substr(i, open - i));
        std::string_view inner = text.substr(open + 2, close - open - 2);
        if (inner == "*" || inner == "?" || inner == "$") {
            out.push_back(inner[0]);
        } else {
            inner = inner.substr(0, inner.find(','));
            while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
            out += !o.override_key.empty() && util::iequals(inner, o.override_key) ? o.override_value
                                                                                   : identity_value(inner, o.who);
        }
        i = close + 1;
    }
    literal(text.substr(i));
    return out;
}

using util::has_wildcard;

struct Arn {
    std::string partition = "aws", region, account, resource;
};

std::optional<Arn> parse_dynamodb(std::string_view text) {
    if (text == "*") return Arn{"aws", "*", "*", "table/*"};
    std::string_view seg[6];
    if (!eval::split_arn(text, seg)) return std::nullopt;
    if (seg[0] != "arn" || (seg[2] != "dynamodb" && seg[2] != "*")) return std::nullopt;
    return Arn{has_wildcard(seg[1]) ? "aws" : std::string(seg[1]), std::string(seg[3]), std::string(seg[4]),
               seg[5] == "*" ? std::string("table/*") : std::string(seg[5])};
}

}  // namespace

bool covers_resource(const Statement& st, const std::string& arn) {
    if (!st.has_resource) return false;
    bool any = false;
    for (const Value& r : st.resources) {
        eval::Pattern p;
        p.append_wild(render(r.text));
        if (eval::arn_match(p.view(), arn)) {
            any = true;
            break;
        }
    }
    return st.not_resource ? !any : any;
}

std::string render_for_caller(std::string_view text) { return render(text, {kCaller, true, {}, {}}); }

namespace {

struct Table {
    std::string prefix;  // "arn:aws:dynamodb:us-east-1:123456789012:table/"
    std::string name;
    std::string index = "AnyIndex";
    std::vector<const RowScope*> scopes;         // row scopes that cover the table
    std::vector<const Statement*> column_grants;  // statements with an Attributes condition that cover it
    std::string arn() const { return prefix + name; }
    bool scoped(ActionClass k) const {
        for (const RowScope* s : scopes)
            if ((k == ActionClass::read && s->reads) || (k == ActionClass::write && s->writes)) return true;
        return false;
    }
};

struct ActionSpec {
    std::string_view name;
    bool read = false, keyed = false, batch = false, on_index = false, stream = false, returns = false;
};

// The DynamoDB data and stream actions (SAR, "Actions defined by Amazon DynamoDB").
constexpr ActionSpec kActions[] = {
    {"dynamodb:GetItem", true, true, false, false, false, false},
    {"dynamodb:Query", true, true, false, true, false, false},
    {"dynamodb:Scan", true, false, false, true, false, false},
    {"dynamodb:BatchGetItem", true, true, true, false, false, false},
    {"dynamodb:PartiQLSelect", true, true, false, true, false, false},
    {"dynamodb:PutItem", false, true, false, false, false, true},
    {"dynamodb:UpdateItem", false, true, false, false, false, true},
    {"dynamodb:DeleteItem", false, true, false, false, false, true},
    {"dynamodb:BatchWriteItem", false, true, true, false, false, false},
    {"dynamodb:ConditionCheckItem", false, true, false, false, false, true},
    {"dynamodb:PartiQLInsert", false, true, false, false, false, false},
    {"dynamodb:PartiQLUpdate", false, true, false, false, false, true},
    {"dynamodb:PartiQLDelete", false, true, false, false, false, true},
    {"dynamodb:GetRecords", false, false, false, false, true, false},
    {"dynamodb:GetShardIterator", false, false, false, false, true, false},
    {"dynamodb:DescribeStream", false, false, false, false, true, false},
};

std::string join_quoted(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "'" : ", '") + v + "'";
    return out;
}

class Builder {
public:
    Builder(const std::vector<const Policy*>& set, const Intent& intent) : set_(set), intent_(intent) {
        for (const ActionSpec& a : kActions) {
            bool granted = false;
            for (const Policy* p : set_)
                for (const Statement& st : p->statements)
                    if (st.effect == Effect::allow && covers_action(st, a.name)) granted = true;
            if (granted) actions_.push_back(&a);
        }
        collect_tables();
        build_base();
        a0_ = intent_.allowed_attributes.empty() ? std::string("Id") : intent_.allowed_attributes.front();
    }

    struct Candidate {
        Request request;
        Cause cause;
        std::string reaches;
    };

    const Request& base() const { return base_; }

    std::vector<Candidate> build() {
        std::vector<Candidate> out;
        for (const Table& t : tables_)
            if (!t.scopes.empty()) rows(t, out);
        for (const Table& t : tables_)
            if (!t.column_grants.empty() && !intent_.allowed_attributes.empty()) columns(t, out);
        return out;
    }

private:
    const std::vector<const Policy*>& set_;
    const Intent& intent_;
    std::vector<Table> tables_;
    Request base_;
    std::vector<const ActionSpec*> actions_;
    std::string a0_;

    std::string default_field(bool region) const {
        for (const Policy* p : set_)
            for (const Statement& st : p->statements)
                for (const Value& r : st.resources)
                    if (auto arn = parse_dynamodb(r.text)) {
                        const std::string& f = region ? arn->region : arn->account;
                        if (!f.empty() && !has_wildcard(f) && f.find("${") == std::string::npos) return f;
                    }
        return region ? "us-east-1" : "123456789012";
    }

    void add_table(const Value& resource, bool not_resource) {
        auto arn = not_resource ? parse_dynamodb("*") : parse_dynamodb(resource.text);
        if (!arn || arn->resource.rfind("table/", 0) != 0) return;
        std::string name = render(arn->resource.substr(6));
        name = name.substr(0, name.find('/'));
        if (has_wildcard(name)) name = name.substr(0, name.find_first_of("*?"));
        if (name.empty()) name = "AnyTable";
        const std::string region = has_wildcard(arn->region) || arn->region.find("${") != std::string::npos
                                       ? default_field(true) : arn->region;
        const std::string account = has_wildcard(arn->account) || arn->account.find("${") != std::string::npos
                                        ? default_field(false) : arn->account;
        Table t;
        t.prefix = "arn:" + arn->partition + ":dynamodb:" + region + ":" + account + ":table/";
        t.name = name;
        for (const Table& existing : tables_)
            if (existing.arn() == t.arn()) return;
        // An index the set names for this table, so the request reads like the real one.
        const std::string index_prefix = "table/" + name + "/index/";
        for (const Policy* p : set_)
            for (const Statement& st : p->statements)
                for (const Value& r : st.resources)
                    if (auto a = parse_dynamodb(r.text); a && a->resource.rfind(index_prefix, 0) == 0) {
                        const std::string idx = a->resource.substr(index_prefix.size());
                        if (!idx.empty() && !has_wildcard(idx) && idx.find("${") == std::string::npos) t.index = idx;
                    }
        tables_.push_back(std::move(t));
    }

    // The tables the row and column statements name; then which of those statements
    // cover each table (a statement on "*" or "table/*" covers the tables others name).
    void collect_tables() {
        auto add_from = [&](const std::vector<StatementRef>& refs) {
            for (const StatementRef& ref : refs) {
                const Statement& st = *ref.statement;
                if (st.not_resource || (st.resources.empty() && st.has_resource)) add_table(Value{}, true);
                for (const Value& r : st.resources) add_table(r, false);
            }
        };
        add_from(intent_.row_statements);
        add_from(intent_.column_statements);
        for (Table& t : tables_) {
            const std::string arn = t.arn();
            for (const RowScope& s : intent_.row_scopes)
                if (covers_resource(*s.ref.statement, arn)) t.scopes.push_back(&s);
            for (const StatementRef& ref : intent_.column_statements)
                if (covers_resource(*ref.statement, arn)) t.column_grants.push_back(ref.statement);
        }
    }

    void build_base() {
        // Every identity key the caller would carry, so the row filter's variable resolves.
        for (std::string_view k : {"cognito-identity.amazonaws.com:sub", "www.amazon.com:user_id",
                                   "graph.facebook.com:id", "accounts.google.com:sub", "aws:username", "aws:userid"})
            base_.set(std::string(k), {identity_value(k, kCaller)});
        for (const std::string& v : intent_.row_values) {
            for (std::size_t open = v.find("${"); open != std::string::npos; open = v.find("${", open + 2)) {
                const std::size_t close = v.find('}', open);
                if (close == std::string::npos) break;
                std::string key = v.substr(open + 2, close - open - 2);
                key = key.substr(0, key.find(','));
                if (is_identity_variable(key)) base_.set(key, {identity_value(key, kCaller)});
            }
        }
        add_guards();
        if (!base_.find("aws:SecureTransport")) base_.set("aws:SecureTransport", {"true"});
        base_.principal = "arn:aws:sts::" + default_field(false) + ":assumed-role/AppRole/caller-0000";
    }

    // Values that make the set's non-DynamoDB conditions pass in Allows and fail in Denies.
    void add_guards() {
        for (const Policy* p : set_) {
            for (const Statement& st : p->statements) {
                if (st.effect == Effect::invalid) continue;
                const bool allow = st.effect == Effect::allow;
                for (const ConditionEntry& c : st.conditions) {
                    if (util::istarts_with(c.key, "dynamodb:") || base_.find(c.key) || c.values.empty()) continue;
                    const OperatorParts parts = split_operator(c.op);
                    const std::string base(parts.base);
                    const std::string& v = c.values.front().text;
                    if (base == "Bool") {
                        const bool t = util::iequals(v, "true");
                        base_.set(c.key, {(allow == t) ? "true" : "false"});
                    } else if (base == "Null") {
                        if (allow == util::iequals(v, "false")) base_.set(c.key, {"present"});
                    } else if (base.rfind("Numeric", 0) == 0) {
                        // The listed number, one below or one above it: the first that
                        // passes an Allow's comparison (fails a Deny's).
                        const auto n = eval::parse_number(v);
                        if (!n) continue;
                        for (const double x : {*n, *n - 1, *n + 1}) {
                            const bool holds = base == "NumericEquals"               ? x == *n
                                               : base == "NumericNotEquals"          ? x != *n
                                               : base == "NumericLessThan"           ? x < *n
                                               : base == "NumericLessThanEquals"     ? x <= *n
                                               : base == "NumericGreaterThan"        ? x > *n
                                               : base == "NumericGreaterThanEquals" ? x >= *n
                                                                                      : !allow;
                            if (holds != allow) continue;
                            base_.set(c.key, {x == static_cast<double>(static_cast<long long>(x))
                                                  ? std::to_string(static_cast<long long>(x))
                                                  : std::to_string(x)});
                            break;
                        }
                    } else if (base == "IpAddress" || base == "NotIpAddress") {
                        if (allow == (base == "IpAddress")) base_.set(c.key, {v.substr(0, v.find('/'))});
                    } else if (base.rfind("String", 0) == 0 || base.rfind("Arn", 0) == 0) {
                        const bool negated = base.find("Not") != std::string::npos;
                        if (allow == negated || v.find("${") != std::string::npos) continue;
                        std::string value = v;
                        std::replace(value.begin(), value.end(), '*', 'x');
                        std::replace(value.begin(), value.end(), '?', 'x');
                        base_.set(c.key, {value});
                    }
                }
            }
        }
    }

    Request make(const ActionSpec& a, const std::string& resource, bool index, const std::string& key) const {
        Request r = base_;
        r.action = std::string(a.name);
        r.resource = resource;
        if (a.stream) return r;
        if (a.read) {
            r.set("dynamodb:Select", {intent_.column() ? "SPECIFIC_ATTRIBUTES"
                                      : index          ? "ALL_PROJECTED_ATTRIBUTES"
                                                       : "ALL_ATTRIBUTES"});
        }
        if (a.returns) r.set("dynamodb:ReturnValues", {"NONE"});
        if (intent_.column()) r.set("dynamodb:Attributes", {a0_});
        if (a.name == "dynamodb:PartiQLSelect") r.set("dynamodb:FullTableScan", {"false"});
        if (a.keyed) r.set("dynamodb:LeadingKeys", {key});
        return r;
    }

    // The keys the caller is meant to reach on `t`: its per-user values rendered for the
    // caller and its literal values, wildcards made concrete.
    static std::vector<std::string> permitted(const Table& t) {
        std::vector<std::string> out;
        for (const RowScope* s : t.scopes)
            for (const std::string& v : s->values) {
                if (v.find("${") == std::string::npos && looks_like_variable(v)) continue;
                out.push_back(render(v, {kCaller, true, {}, {}}));
            }
        return out;
    }

    void rows(const Table& t, std::vector<Candidate>& out) const {
        const std::string table = t.arn();
        const std::string index = table + "/index/" + t.index;
        const std::string stream = table + "/stream/" + std::string(kStreamLabel);
        const std::vector<std::string> own = permitted(t);
        const std::string own_key = own.empty() ? std::string(kNeutralKey) : own.front();
        std::vector<std::string> literal_values;
        bool per_user = false;
        for (const RowScope* s : t.scopes) {
            if (s->filter == RowFilter::per_user) per_user = true;
            else literal_values.insert(literal_values.end(), s->values.begin(), s->values.end());
        }
        // What a Scan, a full-scan SELECT or a stream reaches, in the words of the intent.
        const std::string whose = per_user ? "whatever its partition key"
                                           : "in every partition, not only the listed " + join_quoted(literal_values);
        struct Place {
            const std::string* arn;
            bool index, stream;
        };
        for (const Place place : {Place{&table, false, false}, Place{&index, true, false}, Place{&stream, false, true}}) {
            for (const ActionSpec* a : actions_) {
                if (a->stream != place.stream || (place.index && !a->on_index)) continue;
                // A filter on reads says nothing about writes, and the other way round.
                if (!t.scoped(action_class(a->name))) continue;
                if (a->stream) {
                    out.push_back({make(*a, *place.arn, false, own_key), Cause::stream_records,
                                   "the change records of every item of " + table + ", " + whose +
                                       ": stream requests carry no dynamodb:LeadingKeys"});
                    continue;
                }
                if (a->name == "dynamodb:Scan") {
                    out.push_back({make(*a, *place.arn, place.index, own_key), Cause::scan_without_keys,
                                   "every item of " + *place.arn + ", " + whose +
                                       ": a Scan carries no dynamodb:LeadingKeys"});
                    continue;
                }
                if (a->name == "dynamodb:PartiQLSelect") {
                    Request r = make(*a, *place.arn, place.index, own_key);
                    r.set("dynamodb:FullTableScan", {"true"});
                    std::erase_if(r.context, [](const ContextEntry& e) {
                        return util::iequals(e.key, "dynamodb:LeadingKeys");
                    });
                    out.push_back({std::move(r), Cause::partiql_full_scan,
                                   "every item of " + *place.arn + ", " + whose +
                                       ", through a full-scan SELECT, which carries no dynamodb:LeadingKeys"});
                }
                for (const RowScope* s : t.scopes)
                    for (const std::string& v : s->values)
                        keyed_shapes(*a, *place.arn, place.index, v, *s, own, out);
            }
        }
    }

    void keyed_shapes(const ActionSpec& a, const std::string& arn, bool index, const std::string& v,
                      const RowScope& scope, const std::vector<std::string>& own_keys,
                      std::vector<Candidate>& out) const {
        const bool variable = v.find("${") != std::string::npos;
        const bool var_like = !variable && looks_like_variable(v);
        auto add = [&](std::vector<std::string> keys, Cause cause, std::string reaches) {
            bool all_own = true;
            for (const std::string& k : keys)
                all_own = all_own && std::find(own_keys.begin(), own_keys.end(), k) != own_keys.end();
            if (all_own) return;
            Request r = make(a, arn, index, keys.front());
            r.set("dynamodb:LeadingKeys", std::move(keys));
            out.push_back({std::move(r), cause, std::move(reaches)});
        };
        if (var_like) {
            add({v}, Cause::literal_key,
                "the items of partition '" + v + "', a hard-coded value that every caller of this policy shares");
            return;
        }
        if (!variable) {
            if (scope.filter != RowFilter::literal) return;  // a literal beside a variable: the caller's shared key
            // A fixed-partition filter: what escapes it is a partition outside the list.
            std::string outside;
            for (std::string_view candidate : {"other-partition", "zz-unlisted", "0"}) {
                bool listed = false;
                for (const std::string& lv : scope.values) {
                    eval::Pattern p;
                    p.append_wild(lv);
                    listed = listed || eval::glob_match(p.view(), candidate, false);
                }
                if (!listed) {
                    outside = std::string(candidate);
                    break;
                }
            }
            if (outside.empty()) return;
            const std::string listed = "the listed " + join_quoted(scope.values);
            add({outside}, Cause::other_key, "the items of partition '" + outside + "', outside " + listed);
            if (a.batch)
                add({render(v, {kCaller, true, {}, {}}), outside}, Cause::mixed_keys,
                    "the items of partition '" + outside + "', outside " + listed + ", requested together with '" +
                        render(v, {kCaller, true, {}, {}}) + "'");
            return;
        }
        const std::string own = render(v, {kCaller, true, {}, {}});
        const std::string other = render(v, {kOther, true, {}, {}});
        add({other}, Cause::other_key, "the items of partition '" + other + "', which belongs to another user");
        if (a.batch)
            add({own, other}, Cause::mixed_keys,
                "the items of partition '" + other + "' of another user, requested together with the caller's own '" +
                    own + "'");
        if (const std::optional<Extension> e = extension_of(v); e && (e->delimiter.empty() || e->possible)) {
            // Another user whose id is the caller's followed by the delimiter and more: their
            // keys match the caller's pattern.
            const std::string caller_id = identity_value(e->variable, kCaller);
            const IdentityFormat& f = identity_format(e->variable);
            const std::string tail = f.digits_only ? "2" : e->delimiter.empty() ? "x" : "smith";
            const std::string other_id = caller_id + e->delimiter + tail;
            const std::string key = render(v, {kCaller, true, e->variable, other_id});
            add({key}, Cause::extended_key,
                "the items of partition '" + key + "' of another user, whose " + e->variable + " '" + other_id +
                    "' starts with the caller's '" + caller_id + "'" +
                    (e->delimiter.empty() ? std::string() : " followed by '" + e->delimiter + "'"));
        }
        add({v}, Cause::variable_text,
            "the items of partition '" + v + "' (the variable's literal text), which every caller shares");
    }

    // Column candidates ask about the items the column-scoped statements reach: each
    // statement's own row scope (its filter rendered for the caller), or a key of nobody in
    // particular when it has none. A grant of the caller's own whole items beside an
    // allow-list for other items is a design, not a leak; a grant of the same items is one.
    void columns(const Table& t, std::vector<Candidate>& out) const {
        const std::string table = t.arn();
        const std::string index = table + "/index/" + t.index;
        const std::string allowed = "[" + join_quoted(intent_.allowed_attributes) + "]";
        std::string hidden(kHidden);
        for (const StatementRef& ref : intent_.column_statements)
            if (ref.statement->effect == Effect::deny)
                for (const ConditionEntry* c : column_conditions(*ref.statement))
                    for (const Value& v : c->values)
                        if (std::find(intent_.allowed_attributes.begin(), intent_.allowed_attributes.end(), v.text) ==
                                intent_.allowed_attributes.end() &&
                            !has_wildcard(v.text) && hidden == kHidden)
                            hidden = v.text;
        std::vector<std::string> keys;
        for (const Statement* st : t.column_grants) {
            std::string key(kNeutralKey);
            for (const ConditionEntry* c : row_conditions(*st))
                if (!c->values.empty()) {
                    key = render(c->values.front().text, {kCaller, true, {}, {}});
                    break;
                }
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
        }
        for (const std::string& key : keys)
            for (const bool on_index : {false, true}) {
                const std::string& arn = on_index ? index : table;
                for (const ActionSpec* a : actions_) {
                    if (a->stream || (on_index && !a->on_index)) continue;
                    auto add = [&](std::vector<std::pair<std::string, std::vector<std::string>>> set, Cause cause,
                                   std::string reaches) {
                        Request r = make(*a, arn, on_index, key);
                        for (auto& [k, v] : set) r.set(k, std::move(v));
                        out.push_back({std::move(r), cause, std::move(reaches)});
                    };
                    column_shapes(*a, t, on_index, allowed, hidden, add);
                }
            }
    }

    template <class Add>
    void column_shapes(const ActionSpec& a, const Table& t, bool on_index, const std::string& allowed,
                       const std::string& hidden, Add& add) const {
        if (a.read) {
            if (on_index)
                add({{"dynamodb:Select", {"ALL_PROJECTED_ATTRIBUTES"}}, {"dynamodb:Attributes", {a0_}}},
                    Cause::projected_index,
                    "every attribute the index " + t.index + " projects, which may include attributes outside the "
                    "allowed list " + allowed);
            else
                add({{"dynamodb:Select", {"ALL_ATTRIBUTES"}}, {"dynamodb:Attributes", {a0_}}}, Cause::no_projection,
                    "every attribute of the items, including those outside the allowed list " + allowed +
                        ": a request without a projection names only its key attributes");
            add({{"dynamodb:Select", {"SPECIFIC_ATTRIBUTES"}}, {"dynamodb:Attributes", {a0_, hidden}}},
                Cause::unlisted_attribute, "attribute '" + hidden + "', which is not in the allowed list " + allowed);
            return;
        }
        if (a.returns) {
            add({{"dynamodb:ReturnValues", {"ALL_OLD"}}}, Cause::returns_whole_item,
                "the whole previous item (ReturnValues ALL_OLD), including attributes outside the allowed list " +
                    allowed);
            if (a.name == "dynamodb:UpdateItem" || a.name == "dynamodb:PartiQLUpdate")
                add({{"dynamodb:ReturnValues", {"ALL_NEW"}}}, Cause::returns_whole_item,
                    "the whole updated item (ReturnValues ALL_NEW), including attributes outside the allowed list " +
                        allowed);
        }
        if (a.name == "dynamodb:PutItem" || a.name == "dynamodb:DeleteItem" || a.name == "dynamodb:BatchWriteItem")
            add({}, Cause::whole_item_write,
                "the whole item, attributes outside the allowed list " + allowed + " included, which " +
                    std::string(a.name.substr(9)) + " replaces or removes");
        if (a.name == "dynamodb:UpdateItem" || a.name == "dynamodb:PutItem" || a.name == "dynamodb:PartiQLUpdate" ||
            a.name == "dynamodb:PartiQLInsert")
            add({{"dynamodb:Attributes", {a0_, hidden}}}, Cause::unlisted_attribute,
                "attribute '" + hidden + "', which is not in the allowed list " + allowed);
    }
};

}  // namespace

Request caller_context(const std::vector<const Policy*>& set) {
    const Intent none;
    return Builder(set, none).base();
}

std::string other_identity(std::string_view key) { return identity_value(key, kOther); }

std::string_view to_string(Cause cause) {
    switch (cause) {
        case Cause::scan_without_keys: return "scan-without-keys";
        case Cause::partiql_full_scan: return "partiql-full-scan";
        case Cause::stream_records: return "stream-records";
        case Cause::other_key: return "other-key";
        case Cause::mixed_keys: return "mixed-keys";
        case Cause::extended_key: return "extended-key";
        case Cause::variable_text: return "variable-text";
        case Cause::literal_key: return "literal-key";
        case Cause::no_projection: return "no-projection";
        case Cause::projected_index: return "projected-index";
        case Cause::unlisted_attribute: return "unlisted-attribute";
        case Cause::returns_whole_item: return "returns-whole-item";
        case Cause::whole_item_write: return "whole-item-write";
    }
    return "unknown";
}

bool is_row_cause(Cause cause) { return cause <= Cause::literal_key; }

bool Leak::allowed_by_contains(const Statement* st) const {
    for (const StatementRef& ref : allowed_by)
        if (ref.statement == st) return true;
    return false;
}

namespace {
// Every context key a policy set can read: condition keys, and the keys of ${...} variables.
std::vector<std::string> referenced_keys(const std::vector<const Policy*>& set) {
    std::vector<std::string> keys;
    auto add_variables = [&](const std::string& text) {
        for (std::size_t open = text.find("${"); open != std::string::npos; open = text.find("${", open + 2)) {
            std::size_t close = text.find('}', open);
            if (close == std::string::npos) break;
            std::string name = text.substr(open + 2, close - open - 2);
            if (auto comma = name.find(','); comma != std::string::npos) name.resize(comma);
            while (!name.empty() && name.back() == ' ') name.pop_back();
            keys.push_back(util::to_lower(name));
        }
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
}  // namespace

Analysis::Analysis(const std::vector<const Policy*>& set)
    : set_(set), intent_(detect_intent(set)) {
    if (!intent_.row() && !intent_.column()) return;
    referenced_keys_ = referenced_keys(set);
    Builder builder(set, intent_);
    std::vector<Builder::Candidate> candidates = builder.build();

    // One single-statement policy per Allow statement tells which Allows a request
    // passes; the set's Evaluator already decided the Denies.
    std::vector<Policy> singles;
    std::vector<StatementRef> refs;
    for (const Policy* p : set)
        for (const Statement& st : p->statements)
            if (st.effect == Effect::allow && covers_any_action(st)) {
                Policy one;
                one.path = p->path;
                one.version = p->version;
                one.kind = p->kind;
                one.statements.push_back(st);
                singles.push_back(std::move(one));
                refs.push_back({p, &st});
            }
    std::vector<Evaluator> single_evaluators;
    single_evaluators.reserve(singles.size());
    for (const Policy& one : singles) single_evaluators.emplace_back(std::vector<const Policy*>{&one});

    for (Builder::Candidate& c : candidates) {
        if (evaluator().decide(c.request) != Outcome::allow) continue;
        Leak leak;
        leak.request = std::move(c.request);
        leak.cause = c.cause;
        leak.reaches = std::move(c.reaches);
        bool unscoped = false;
        for (std::size_t i = 0; i < single_evaluators.size(); ++i)
            if (single_evaluators[i].decide(leak.request) == Outcome::allow) {
                leak.allowed_by.push_back(refs[i]);
                unscoped = unscoped || row_conditions(*refs[i].statement).empty();
            }
        // A whole-item write kept to the caller's own partition touches only the caller's
        // items (the DynamoDB Developer Guide's own GameScores example grants PutItem so):
        // a leak only when some Allow of it has no row filter.
        if (leak.cause == Cause::whole_item_write && !unscoped) continue;
        mark_ambiguity(leak, set);
        leaks_.push_back(std::move(leak));
    }
}

namespace {
// True when one of the undocumented cases can arise in `set`: a policy variable in a
// negated operator's values or in a Resource/NotResource entry.
bool may_depend_on_reading(const std::vector<const Policy*>& set) {
    for (const Policy* p : set) {
        if (!p->substitutes_variables()) continue;
        for (const Statement& st : p->statements) {
            for (const Value& r : st.resources)
                if (r.text.find("${") != std::string::npos) return true;
            for (const ConditionEntry& c : st.conditions) {
                if (split_operator(c.op).base.find("Not") == std::string_view::npos) continue;
                for (const Value& v : c.values)
                    if (v.text.find("${") != std::string::npos) return true;
            }
        }
    }
    return false;
}
}  // namespace

namespace {
// The first variable of `text` that `request` cannot resolve (no key, no default).
std::string unresolved_in(std::string_view text, const Request& request) {
    for (std::size_t open = text.find("${"); open != std::string_view::npos; open = text.find("${", open + 2)) {
        const std::size_t close = text.find('}', open);
        if (close == std::string_view::npos) break;
        std::string_view inner = text.substr(open + 2, close - open - 2);
        if (inner == "*" || inner == "?" || inner == "$" || inner.find(',') != std::string_view::npos) continue;
        if (!request.find(inner)) return std::string(inner);
    }
    return {};
}
}  // namespace

// A leak claim must hold under every reading the documentation allows (issue 12's
// ruling): ask the evaluator's other readings of the undocumented cases.
void Analysis::mark_ambiguity(Leak& leak, const std::vector<const Policy*>& set) const {
    if (!may_depend_on_reading(set)) return;
    if (Evaluator(set, Readings{false, false}).decide(leak.request) == Outcome::allow) return;
    const bool negated = Evaluator(set, Readings{false, true}).decide(leak.request) != Outcome::allow;
    std::string key;
    for (const Policy* p : set)
        for (const Statement& st : p->statements) {
            if (negated) {
                for (const ConditionEntry& c : st.conditions)
                    if (split_operator(c.op).base.find("Not") != std::string_view::npos)
                        for (const Value& v : c.values)
                            if (key.empty()) key = unresolved_in(v.text, leak.request);
            } else {
                for (const Value& r : st.resources)
                    if (key.empty()) key = unresolved_in(r.text, leak.request);
            }
        }
    if (key.empty()) key = "KEY";
    const std::string guard = "{\"Null\": {\"" + key + "\": \"false\"}}";
    if (negated) {
        leak.ambiguity = "a negated condition operator (StringNotEquals, ...) against a policy variable the request "
                         "cannot resolve (" + key + ") is true";
        leak.ambiguity_fix = "add " + guard + " to the statement so that it no longer depends on how IAM reads an "
                             "absent variable";
    } else {
        leak.ambiguity = "a Resource or NotResource entry whose policy variable the request cannot resolve (" + key +
                         ") matches no resource, rather than invalidating the statement";
        leak.ambiguity_fix = "add " + guard + " to the statement so that it applies only when the variable resolves";
    }
}

std::vector<Adversarial> adversarial_requests(const std::vector<const Policy*>& set) {
    std::vector<Adversarial> out;
    const Intent intent = detect_intent(set);
    if (!intent.row() && !intent.column()) return out;
    Builder builder(set, intent);
    for (Builder::Candidate& c : builder.build())
        out.push_back(Adversarial{std::move(c.request), c.cause, std::move(c.reaches)});
    return out;
}

const Evaluator& Analysis::evaluator() const {
    if (!evaluator_) evaluator_.emplace(set_);
    return *evaluator_;
}

const Leak* Analysis::simplest(const std::vector<Cause>& causes, const Statement* by) const {
    const Leak* ambiguous = nullptr;
    for (const Leak& leak : leaks_) {
        if (std::find(causes.begin(), causes.end(), leak.cause) == causes.end()) continue;
        if (by && !leak.allowed_by_contains(by)) continue;
        if (leak.ambiguity.empty()) return &leak;
        if (!ambiguous) ambiguous = &leak;
    }
    return ambiguous;
}

const Leak* Analysis::simplest(std::initializer_list<Cause> causes, const Statement* by) const {
    return simplest(std::vector<Cause>(causes), by);
}

Counterexample Analysis::counterexample(const Leak& leak) const {
    // Show only the context the policies read (the request is built with every identity
    // key, so that no unrelated guard hides a leak); keep the full request if the
    // shorter one were not allowed, so the proof never changes.
    Request shown = leak.request;
    std::erase_if(shown.context, [&](const ContextEntry& e) {
        return !std::binary_search(referenced_keys_.begin(), referenced_keys_.end(), util::to_lower(e.key));
    });
    Decision decision = evaluator().evaluate(shown);
    if (decision.outcome != Outcome::allow) {
        shown = leak.request;
        decision = evaluator().evaluate(shown);
    }
    return Counterexample{std::move(shown), std::move(decision), leak.reaches};
}

}  // namespace ddbguard::analyze::isolation
