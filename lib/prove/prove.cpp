// Isolation properties derived from the analyzer's intent (lib/analyze/isolation/intent.cpp),
// each checked by asserting its negation over the encoded semantics (semantics.hpp):
// unsat proves it, a model is re-evaluated by the Evaluator and must be allowed before it
// refutes anything, a timeout (or an unconfirmed model of an over-approximation) is unknown.
#include "ddbguard/prove.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "analyze/isolation/isolation.hpp"
#include "ddbguard/policy.hpp"
#include "evaluate/wildcard.hpp"
#include "util/text.hpp"

#ifdef DDBGUARD_HAVE_Z3
#include "prove/semantics.hpp"
#endif

namespace ddbguard {

std::string_view to_string(ProofStatus s) {
    switch (s) {
        case ProofStatus::proven: return "proven";
        case ProofStatus::refuted: return "refuted";
        case ProofStatus::unknown: return "unknown";
    }
    return "unknown";
}

#ifndef DDBGUARD_HAVE_Z3

bool prover_available() { return false; }
std::vector<ProofResult> prove(const std::vector<const Policy*>&, const ProveOptions&) { return {}; }

#else

bool prover_available() { return true; }

namespace {

namespace iso = analyze::isolation;

enum class Kind { row_read, row_write, full_scan, stream, column };

std::string_view property_name(Kind k) {
    switch (k) {
        case Kind::row_read: return "row-isolation-read";
        case Kind::row_write: return "row-isolation-write";
        case Kind::full_scan: return "no-full-scan";
        case Kind::stream: return "no-stream-read";
        case Kind::column: return "column-isolation";
    }
    return "";
}

struct Property {
    Kind kind{};
    std::string table;  // ARN pattern of the tables it covers
    std::vector<std::string> intent;
};

// The table ARN pattern a Resource entry names ("arn:aws:dynamodb:*:*:table/Users" for
// ".../table/Users/index/*"), variables as '*'; nullopt when it names no DynamoDB table.
std::optional<std::string> table_pattern(std::string_view text) {
    if (text == "*") return "arn:*:dynamodb:*:*:table/*";
    std::string plain;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
            const std::size_t close = text.find('}', i);
            if (close != std::string_view::npos) {
                plain += '*';
                i = close;
                continue;
            }
        }
        plain += text[i];
    }
    std::string_view seg[6];
    if (!eval::split_arn(plain, seg) || seg[0] != "arn") return std::nullopt;
    if (seg[2] != "dynamodb" && !util::has_wildcard(seg[2])) return std::nullopt;
    std::string name;
    if (seg[5] == "*") name = "*";
    else if (seg[5].starts_with("table/")) name = std::string(seg[5].substr(6, seg[5].find('/', 6) - 6));
    else return std::nullopt;
    if (name.empty()) name = "*";
    return fmt::format("arn:{}:dynamodb:{}:{}:table/{}", seg[1], seg[3], seg[4], name);
}

std::string describe_conditions(const Policy& p, const Statement& st, bool row) {
    std::string out;
    for (const ConditionEntry& c : st.conditions) {
        const bool mine = row ? iso::is_row_key(c.key) : util::iequals(c.key, "dynamodb:Attributes");
        if (!mine || util::iequals(c.op, "Null")) continue;
        std::string values;
        for (const Value& v : c.values) values += (values.empty() ? "'" : ", '") + v.text + "'";
        out += fmt::format("{}{} {} [{}] ({}:{}:{}, {} statement {})", out.empty() ? "" : "; ", c.op, c.key, values,
                           p.path, c.key_loc.line, c.key_loc.column, st.effect == Effect::deny ? "Deny" : "Allow",
                           st.index + 1);
    }
    return out;
}

std::vector<Property> derive(const iso::Intent& intent) {
    std::vector<Property> out;
    auto add = [&](Kind k, const std::string& table, const std::string& why) {
        for (Property& p : out)
            if (p.kind == k && p.table == table) {
                if (std::find(p.intent.begin(), p.intent.end(), why) == p.intent.end()) p.intent.push_back(why);
                return;
            }
        out.push_back({k, table, {why}});
    };
    auto tables_of = [](const Statement& st) {
        std::vector<std::string> t;
        if (st.not_resource) t.push_back("arn:*:dynamodb:*:*:table/*");
        else
            for (const Value& r : st.resources)
                if (auto p = table_pattern(r.text); p && std::find(t.begin(), t.end(), *p) == t.end()) t.push_back(*p);
        return t;
    };
    for (const iso::RowScope& s : intent.row_scopes) {
        const Policy& p = *s.ref.policy;
        const Statement& st = *s.ref.statement;
        const std::string why = std::string(s.filter == iso::RowFilter::per_user ? "per-user" : "literal-partition") +
                                " row filter " + describe_conditions(p, st, true);
        for (const std::string& t : tables_of(st)) {
            if (s.reads) {
                add(Kind::row_read, t, why);
                add(Kind::full_scan, t, why);
                add(Kind::stream, t, why);
            }
            if (s.writes) add(Kind::row_write, t, why);
        }
    }
    if (!intent.allowed_attributes.empty())
        for (const iso::StatementRef& ref : intent.column_statements)
            for (const std::string& t : tables_of(*ref.statement))
                add(Kind::column, t, "column filter " + describe_conditions(*ref.policy, *ref.statement, false));
    std::stable_sort(out.begin(), out.end(), [](const Property& a, const Property& b) {
        return a.table != b.table ? a.table < b.table : a.kind < b.kind;
    });
    return out;
}

constexpr std::string_view kReads[] = {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                                       "dynamodb:PartiQLSelect", "dynamodb:ConditionCheckItem"};
constexpr std::string_view kWrites[] = {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                                        "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert",
                                        "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete"};
constexpr std::string_view kScans[] = {"dynamodb:Scan", "dynamodb:PartiQLSelect"};
constexpr std::string_view kStreams[] = {"dynamodb:GetRecords", "dynamodb:GetShardIterator",
                                         "dynamodb:DescribeStream"};
constexpr std::string_view kColumn[] = {
    "dynamodb:GetItem",     "dynamodb:BatchGetItem",       "dynamodb:Query",          "dynamodb:Scan",
    "dynamodb:PartiQLSelect", "dynamodb:PutItem",          "dynamodb:UpdateItem",     "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
    "dynamodb:PartiQLDelete"};

template <std::size_t N>
std::vector<std::string> list(const std::string_view (&a)[N]) {
    return {std::begin(a), std::end(a)};
}

bool one_of(std::string_view a, std::initializer_list<std::string_view> names) {
    for (std::string_view n : names)
        if (n == a) return true;
    return false;
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "'" : ", '") + s + "'";
    return out;
}

class Prover {
public:
    Prover(const std::vector<const Policy*>& set, const iso::Intent& intent, const ProveOptions& options)
        : set_(set), intent_(intent), options_(options), base_(iso::caller_context(set)) {}

    ProofResult run(const Property& p, std::size_t n) {
        ProofResult result;
        result.property = std::string(property_name(p.kind));
        result.resource = p.table + (p.kind == Kind::row_write    ? ""
                                     : p.kind == Kind::stream     ? "/stream/*"
                                                                  : " (and its indexes)");
        for (const auto& i : p.intent) result.intent += (result.intent.empty() ? "" : "; ") + i;
        std::vector<std::string> actions = p.kind == Kind::row_read    ? list(kReads)
                                           : p.kind == Kind::row_write ? list(kWrites)
                                           : p.kind == Kind::full_scan ? list(kScans)
                                           : p.kind == Kind::stream    ? list(kStreams)
                                                                       : list(kColumn);
        z3::context& ctx = ctx_;
        smt::Semantics sem(ctx, set_, actions, fmt::format("p{}:", n));
        z3::solver solver(ctx, "QF_SLIA");
        z3::params params(ctx);
        params.set("timeout", options_.timeout_ms);
        solver.set(params);

        // The request's resource: a table matching the property's pattern, an index of it,
        // or one of its streams, segment by segment (names as DynamoDB allows them).
        const z3::expr partition = ctx.string_const("partition");
        const z3::expr region = ctx.string_const("region");
        const z3::expr account = ctx.string_const("account");
        const z3::expr name = ctx.string_const("table_name");
        const z3::expr index = ctx.string_const("index");
        const z3::expr label = ctx.string_const("stream_label");
        const z3::expr on_index = ctx.bool_const("on_index");
        const z3::expr digit = z3::range(ctx.string_val("0"), ctx.string_val("9"));
        const z3::expr letters = sem.re_union(z3::range(ctx.string_val("a"), ctx.string_val("z")),
                                              z3::range(ctx.string_val("A"), ctx.string_val("Z")));
        // Placeholders of templates ("<AWS.Region>", "<Param.TableName>") are names too.
        const z3::expr placeholder = sem.re_union(sem.re_lit("<"), sem.re_lit(">"));
        const z3::expr name_char = sem.re_union(
            sem.re_union(sem.re_union(letters, digit), placeholder),
            sem.re_union(sem.re_lit("_"), sem.re_union(sem.re_lit("-"), sem.re_lit("."))));
        z3::expr_vector names(ctx);
        names.push_back(z3::in_re(partition, z3::plus(name_char)));
        names.push_back(z3::in_re(region, z3::star(name_char)));
        names.push_back(z3::in_re(account, z3::star(name_char)));
        names.push_back(z3::in_re(name, z3::plus(name_char)));
        names.push_back(z3::in_re(index, z3::plus(name_char)));
        names.push_back(z3::in_re(label, z3::plus(sem.re_union(name_char, sem.re_lit(":")))));
        auto arn = [&](const z3::expr& rest) {
            return smt::arn_term(ctx, {ctx.string_val("arn"), partition, ctx.string_val("dynamodb"), region, account,
                                       rest});
        };
        const z3::expr table_rest = z3::concat(ctx.string_val("table/"), name);
        const smt::ArnTerm table = arn(table_rest);
        eval::Pattern pattern;
        pattern.append_wild(p.table);
        names.push_back(sem.arn_matches(pattern, table));
        solver.add(names);
        smt::ArnTerm resource = table;
        if (p.kind == Kind::stream) {
            resource = arn(z3::concat(table_rest, z3::concat(ctx.string_val("/stream/"), label)));
            solver.add(!on_index);
        } else if (p.kind == Kind::row_write) {
            solver.add(!on_index);
        } else {
            resource = arn(z3::ite(on_index, z3::concat(table_rest, z3::concat(ctx.string_val("/index/"), index)),
                                   table_rest));
            solver.add(z3::implies(on_index, sem.is_action("dynamodb:Query") || sem.is_action("dynamodb:Scan") ||
                                                 sem.is_action("dynamodb:PartiQLSelect")));
        }

        add_request_domain(sem, solver, on_index);
        const z3::expr allowed = sem.allowed(resource);
        const z3::expr violation = violates(p, sem, table, resource, on_index);
        solver.add(sem.domain());
        solver.add(allowed && violation);

        // The evaluator's chosen readings first, so that a counterexample names the other
        // reading only when it needs it.
        z3::expr_vector chosen(ctx);
        chosen.push_back(sem.reading_negated_true());
        chosen.push_back(sem.reading_entry_matches_none());
        z3::check_result r = solver.check(chosen);
        if (r == z3::unsat) r = solver.check();
        const std::string approx =
            sem.approximations().empty()
                ? std::string()
                : " The encoding over-approximates " + join(sem.approximations()) +
                      " (any truth value), so the proof also holds for the exact semantics.";
        if (r == z3::unsat) {
            // Never a vacuous proof: some table must match the property's pattern.
            z3::solver tables(ctx);
            tables.add(names);
            if (tables.check() != z3::sat) {
                result.status = ProofStatus::unknown;
                result.explanation = "no DynamoDB table name matches the pattern " + p.table + ", so there is "
                                     "nothing to prove it for";
                return result;
            }
            result.status = ProofStatus::proven;
            result.explanation = "no request that the policies allow " + std::string(violation_phrase(p)) +
                                 ", under every reading of the undocumented cases." + approx;
            return result;
        }
        if (r == z3::unknown) {
            result.status = ProofStatus::unknown;
            result.explanation = "the solver gave up (" + solver.reason_unknown() + ") within " +
                                 std::to_string(options_.timeout_ms) + " ms";
            return result;
        }
        // A witness may need an over-approximated truth value that its request does not
        // have: look for another assignment of the free Booleans (a few times). Running out
        // of them proves nothing (another request might realise a ruled-out assignment), so
        // the property then stays unknown.
        for (int attempt = 0;; ++attempt) {
            const z3::model m = solver.get_model();
            result = confirm(std::move(result), p, sem, m, resource.whole);
            if (result.status != ProofStatus::unknown || sem.opaque().empty() || attempt == 3) return result;
            z3::expr same = ctx.bool_val(true);
            for (const z3::expr& b : sem.opaque()) same = same && b == m.eval(b, true);
            solver.add(!same);
            if (solver.check() != z3::sat) return result;
        }
    }

private:
    static std::string_view violation_phrase(const Property& p) {
        switch (p.kind) {
            case Kind::row_read: return "reads a partition the caller's row filter does not admit";
            case Kind::row_write: return "writes a partition the caller's row filter does not admit";
            case Kind::full_scan: return "scans without partition keys (Scan, full-scan PartiQL SELECT)";
            case Kind::stream: return "reads the table's stream";
            case Kind::column: return "reads or returns an attribute outside the allowed list";
        }
        return "";
    }

    // What DynamoDB sends (docs/dynamodb-iam.md section 3).
    void add_request_domain(smt::Semantics& sem, z3::solver& solver, const z3::expr& on_index) {
        z3::context& ctx = sem.ctx();
        smt::KeyVar& lk = sem.key("dynamodb:LeadingKeys");
        smt::KeyVar& fts = sem.key("dynamodb:FullTableScan");
        smt::KeyVar& select = sem.key("dynamodb:Select");
        smt::KeyVar& rv = sem.key("dynamodb:ReturnValues");
        smt::KeyVar& attrs = sem.key("dynamodb:Attributes");
        for (std::size_t i = 0; i < sem.actions().size(); ++i) {
            const std::string& a = sem.actions()[i];
            const z3::expr is = sem.action() == static_cast<int>(i);
            z3::expr d = ctx.bool_val(true);
            const bool keyed = one_of(a, {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                                          "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                                          "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
                                          "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete"});
            const bool batch = one_of(a, {"dynamodb:BatchGetItem", "dynamodb:BatchWriteItem"});
            if (keyed) d = d && lk.present && (batch ? lk.count >= 1 : lk.count == 1);
            // DynamoDB rejects empty key values and attribute names.
            for (std::size_t k = 0; k < lk.values.size(); ++k)
                d = d && z3::implies(lk.count > static_cast<int>(k), lk.values[k].length() > 0);
            for (std::size_t k = 0; k < attrs.values.size(); ++k)
                d = d && z3::implies(attrs.count > static_cast<int>(k), attrs.values[k].length() > 0);
            if (a == "dynamodb:PartiQLSelect")
                d = d && fts.present &&
                    z3::ite(lk.present, lk.count >= 1 && fts.values[0] == ctx.string_val("false"),
                            fts.values[0] == ctx.string_val("true"));
            else
                d = d && !fts.present;
            const bool stream = one_of(a, {"dynamodb:GetRecords", "dynamodb:GetShardIterator",
                                           "dynamodb:DescribeStream"});
            if (a == "dynamodb:Scan" || stream) d = d && !lk.present;
            const bool read = one_of(a, {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                                         "dynamodb:Scan", "dynamodb:PartiQLSelect"});
            if (read) {
                const z3::expr& v = select.values[0];
                d = d && select.present &&
                    (v == ctx.string_val("ALL_ATTRIBUTES") || v == ctx.string_val("SPECIFIC_ATTRIBUTES") ||
                     v == ctx.string_val("COUNT") || (on_index && v == ctx.string_val("ALL_PROJECTED_ATTRIBUTES")));
            } else {
                d = d && !select.present;
            }
            const z3::expr& r = rv.values[0];
            const z3::expr rv_value = r == ctx.string_val("NONE") || r == ctx.string_val("ALL_OLD") ||
                                      r == ctx.string_val("UPDATED_OLD") || r == ctx.string_val("ALL_NEW") ||
                                      r == ctx.string_val("UPDATED_NEW");
            if (one_of(a, {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                           "dynamodb:ConditionCheckItem", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete"}))
                d = d && rv.present && rv_value;
            else if (one_of(a, {"dynamodb:Query", "dynamodb:Scan"}))
                d = d && z3::implies(rv.present, rv_value);
            else
                d = d && !rv.present;
            if (stream) d = d && !attrs.present;
            else d = d && z3::implies(attrs.present, attrs.count >= 1);
            solver.add(z3::implies(is, d));
        }
    }

    // The request reaches a partition (key value `v`) that no row filter covering the table
    // or the resource admits for this caller.
    z3::expr owned(smt::Semantics& sem, const smt::ArnTerm& table, const smt::ArnTerm& resource, const z3::expr& v) {
        z3::context& ctx = sem.ctx();
        z3::expr out = ctx.bool_val(false);
        for (const iso::RowScope& s : intent_.row_scopes) {
            const Policy& p = *s.ref.policy;
            const Statement& st = *s.ref.statement;
            z3::expr admitted = ctx.bool_val(false);
            for (const std::string& x : s.values) {
                if (s.filter == iso::RowFilter::literal) {
                    eval::Pattern pat;
                    pat.append_wild(x);
                    admitted = admitted || z3::in_re(v, sem.re_glob(pat, false, false));
                } else if (x.find("${") != std::string::npos) {
                    // The caller's own partition: the value with the caller's identity in
                    // place of its variables, whatever the policy's Version says.
                    const auto r = sem.render(smt::parse_template(x, true, false));
                    admitted = admitted || (r.ok && v == r.text);
                } else if (!iso::looks_like_variable(x)) {
                    admitted = admitted || v == sem.str(x);
                }
            }
            out = out || ((sem.resource_matches(p, st, table) || sem.resource_matches(p, st, resource)) && admitted);
        }
        return out;
    }

    z3::expr violates(const Property& p, smt::Semantics& sem, const smt::ArnTerm& table, const smt::ArnTerm& resource,
                      const z3::expr& on_index) {
        z3::context& ctx = sem.ctx();
        smt::KeyVar& lk = sem.key("dynamodb:LeadingKeys");
        switch (p.kind) {
            case Kind::row_read:
            case Kind::row_write: {
                z3::expr any = ctx.bool_val(false);
                for (std::size_t i = 0; i < lk.values.size(); ++i)
                    any = any || (lk.count > static_cast<int>(i) && !owned(sem, table, resource, lk.values[i]));
                return lk.present && any;
            }
            case Kind::full_scan: return !lk.present;
            case Kind::stream: return ctx.bool_val(true);
            case Kind::column: break;
        }
        smt::KeyVar& attrs = sem.key("dynamodb:Attributes");
        z3::expr unlisted = ctx.bool_val(false);
        for (std::size_t i = 0; i < attrs.values.size(); ++i) {
            z3::expr listed = ctx.bool_val(false);
            for (const std::string& a : intent_.allowed_attributes) listed = listed || attrs.values[i] == sem.str(a);
            unlisted = unlisted || (attrs.count > static_cast<int>(i) && !listed);
        }
        unlisted = attrs.present && unlisted;
        smt::KeyVar& select = sem.key("dynamodb:Select");
        smt::KeyVar& rv = sem.key("dynamodb:ReturnValues");
        const z3::expr& s = select.values[0];
        const z3::expr reads = select.present && (s == ctx.string_val("ALL_ATTRIBUTES") ||
                                                  (on_index && s == ctx.string_val("ALL_PROJECTED_ATTRIBUTES")) ||
                                                  (s == ctx.string_val("SPECIFIC_ATTRIBUTES") && unlisted));
        // ReturnValues returns items only on writes (which carry no Select; the SAR also
        // lists the key on Query and Scan, which return nothing through it).
        const z3::expr returns = !select.present && rv.present && (rv.values[0] == ctx.string_val("ALL_OLD") ||
                                                                   rv.values[0] == ctx.string_val("ALL_NEW"));
        return reads || returns || (!select.present && unlisted);
    }

    std::string reaches(const Property& p, const Request& r) const {
        auto values = [&](std::string_view key) {
            const ContextEntry* e = r.find(key);
            return e ? "[" + join(e->values) + "]" : std::string("(absent)");
        };
        switch (p.kind) {
            case Kind::row_read:
            case Kind::row_write:
                return "partition keys " + values("dynamodb:LeadingKeys") +
                       ", not all of which the row filter admits for this caller";
            case Kind::full_scan:
                return "every item of " + r.resource + ": the request carries no dynamodb:LeadingKeys";
            case Kind::stream: return "the change records of every item of the table, whatever its partition key";
            case Kind::column: break;
        }
        return "attributes outside the allowed list [" + join(intent_.allowed_attributes) + "] (Select " +
               values("dynamodb:Select") + ", ReturnValues " + values("dynamodb:ReturnValues") + ", Attributes " +
               values("dynamodb:Attributes") + ")";
    }

    ProofResult confirm(ProofResult result, const Property& p, smt::Semantics& sem, const z3::model& m,
                        const z3::expr& resource) {
        Request request = sem.decode(m, resource);
        request.principal = base_.principal;
        const Readings readings = sem.decode_readings(m);
        std::vector<Request> tries{request};
        if (!sem.opaque_keys().empty()) {
            // The model's values of over-approximated keys mean nothing: try the values that
            // make the set's guards pass.
            Request patched = request;
            for (const std::string& k : sem.opaque_keys()) {
                if (const ContextEntry* e = base_.find(k)) patched.set(e->key, e->values);
                else std::erase_if(patched.context, [&](const ContextEntry& e) { return util::iequals(e.key, k); });
            }
            tries.push_back(std::move(patched));
        }
        for (const Request& candidate : tries) {
            const Evaluator evaluator(set_, readings);
            if (evaluator.decide(candidate) != Outcome::allow) continue;
            result.status = ProofStatus::refuted;
            // Show only what the policies read (and the keys the property is about).
            Request shown = candidate;
            std::erase_if(shown.context, [&](const ContextEntry& e) { return !referenced(e.key); });
            if (evaluator.decide(shown) != Outcome::allow) shown = candidate;
            Decision decision = evaluator.evaluate(shown);
            result.counterexample = Counterexample{shown, std::move(decision), reaches(p, shown)};
            const Readings chosen;
            const bool default_reading = readings.negated_unresolved_true == chosen.negated_unresolved_true &&
                                         readings.unresolved_entry_matches_none == chosen.unresolved_entry_matches_none;
            result.explanation = "a request that the policies allow " + std::string(violation_phrase(p)) +
                                 (default_reading ? std::string()
                                                  : " (allowed under the other reading of an undocumented case: " +
                                                        std::string(!readings.negated_unresolved_true
                                                                        ? "a negated operator against an unresolvable "
                                                                          "variable is false"
                                                                        : "an unresolvable Resource variable "
                                                                          "invalidates the statement") + ")");
            return result;
        }
        result.status = ProofStatus::unknown;
        result.explanation =
            sem.approximations().empty()
                ? "the solver's witness is not allowed by the evaluator: the encoding and the evaluator disagree "
                  "(a bug: please report it)"
                : "the solver found a witness only under the over-approximation of " + join(sem.approximations()) +
                      ", and the evaluator does not allow it";
        return result;
    }

    bool referenced(std::string_view key) {
        if (referenced_.empty()) {
            for (std::string_view k : {"dynamodb:LeadingKeys", "dynamodb:Attributes", "dynamodb:Select",
                                       "dynamodb:ReturnValues", "dynamodb:FullTableScan"})
                referenced_.push_back(util::to_lower(k));
            for (const Policy* p : set_)
                for (const Statement& st : p->statements) {
                    auto vars = [&](const std::string& text) {
                        for (const auto& part : smt::parse_template(text, true, false))
                            if (!part.variable.empty()) referenced_.push_back(util::to_lower(part.variable));
                    };
                    for (const Value& r : st.resources) vars(r.text);
                    for (const ConditionEntry& c : st.conditions) {
                        referenced_.push_back(util::to_lower(c.key));
                        for (const Value& v : c.values) vars(v.text);
                    }
                }
        }
        return std::find(referenced_.begin(), referenced_.end(), util::to_lower(key)) != referenced_.end();
    }

    z3::context ctx_;  // one for every property: each has its own solver and prefixed names
    const std::vector<const Policy*>& set_;
    const iso::Intent& intent_;
    ProveOptions options_;
    Request base_;
    std::vector<std::string> referenced_;
};

}  // namespace

std::vector<ProofResult> prove(const std::vector<const Policy*>& set, const ProveOptions& options) {
    const iso::Intent intent = iso::detect_intent(set);
    std::vector<ProofResult> out;
    if (!intent.row() && !intent.column()) return out;
    Prover prover(set, intent, options);
    const std::vector<Property> properties = derive(intent);
    for (std::size_t i = 0; i < properties.size(); ++i) {
        try {
            out.push_back(prover.run(properties[i], i));
        } catch (const z3::exception& e) {
            ProofResult r;
            r.property = std::string(property_name(properties[i].kind));
            r.resource = properties[i].table;
            r.status = ProofStatus::unknown;
            r.explanation = std::string("the solver failed: ") + e.msg();
            out.push_back(std::move(r));
        }
    }
    return out;
}

#endif

}  // namespace ddbguard
