// Isolation properties derived from the analyzer's intent (lib/analyze/isolation/intent.cpp),
// each checked by asserting its negation over the encoded semantics (semantics.hpp):
// unsat proves it, a model is re-evaluated by the Evaluator and must be allowed before it
// refutes anything, a timeout (or an unconfirmed model of an over-approximation) is unknown.
#include "ddbguard/prove.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <malloc.h>
#include <optional>

#include "analyze/isolation/isolation.hpp"
#include "analyze/stack_facts.hpp"
#include "ddbguard/stack.hpp"
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
std::vector<ProofResult> prove(const std::vector<const Policy*>&, const Stack*, const ProveOptions&) { return {}; }

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

// A global secondary index of a table the template defines, keyed on another attribute
// than the table.
struct StackIndex {
    const StackTable* table = nullptr;
    const TableIndex* index = nullptr;
};

// The global indexes of the tables `p` covers that are keyed on another attribute than
// their table (global-index-under-row-filter's rule).
std::vector<StackIndex> rekeyed_indexes(const Property& p, const Stack& stack) {
    std::vector<StackIndex> out;
    eval::Pattern pattern;
    pattern.append_wild(p.table);
    const StackTable* named = analyze::table_named(&stack, p.table).table;
    for (const StackTable& t : stack.tables) {
        if (&t != named && !eval::arn_match(pattern.view(), t.arn)) continue;
        for (const TableIndex& ix : t.indexes)
            if (ix.global && !ix.partition_key.empty() && ix.partition_key != t.partition_key)
                out.push_back({&t, &ix});
    }
    return out;
}

// The row property of such an index: the row filter compares the caller's id with the
// index's partition key, which IAM cannot relate to the table's owner.
ProofResult rekeyed_result(const ProofResult& table, const StackIndex& x) {
    ProofResult r;
    r.property = table.property;
    r.resource = x.table->arn + "/index/" + x.index->name;
    r.intent = table.intent;
    r.status = ProofStatus::unknown;
    const std::string& key = x.index->partition_key;
    const std::string owner = x.table->partition_key.empty() ? std::string("the table's partition key")
                                                             : "the table's partition key '" + x.table->partition_key + "'";
    r.explanation = "the policies allow keyed reads of the global secondary index " + x.index->name + " of table " +
                    x.table->name + ", which is keyed on '" + key + "', not on " + owner +
                    ": on a Query of the index, dynamodb:LeadingKeys is the '" + key +
                    "' value, so the row filter admits the items whose '" + key +
                    "' holds the caller's id, whoever owns them, and IAM alone cannot show whether those are the "
                    "caller's. Grant the index only if its partition key holds the same user id as the table's (or "
                    "use a local secondary index, which shares the table's partition key), or serve queries across "
                    "users through a back-end role";
    return r;
}

// One set of shared assertions per policy set: the request's variables, what DynamoDB
// sends and the decision "allow" are built once, and each property checks them with its
// actions, its table pattern and its negation in a solver of its own.
class Prover {
public:
    Prover(const std::vector<const Policy*>& set, const iso::Intent& intent, const ProveOptions& options)
        : set_(set), intent_(intent), options_(options), base_(iso::caller_context(set)), ctx_(context(own_)),
          solver_(ctx_, z3::solver::simple()),
          sem_(ctx_, set, all_actions(), "", finite_keys()), names_(ctx_),
          partition_(ctx_.string_const("partition")), region_(ctx_.string_const("region")),
          account_(ctx_.string_const("account")), name_(ctx_.string_const("table_name")),
          index_(ctx_.string_const("index")), label_(ctx_.string_const("stream_label")),
          on_index_(ctx_.bool_const("on_index")), on_stream_(ctx_.bool_const("on_stream")),
          table_(arn(z3::concat(ctx_.string_val("table/"), name_))), resource_(table_) {
        z3::params params(ctx_);
        params.set("timeout", options_.timeout_ms);
        solver_.set(params);
        encode();
    }

    // `off`: indexes this property leaves out (each reported on its own, see prove()).
    ProofResult run(const Property& p, const std::vector<StackIndex>& off = {}) {
        ProofResult result;
        result.property = std::string(property_name(p.kind));
        std::string others;
        for (const StackIndex& x : off) others += (others.empty() ? "" : ", ") + x.index->name;
        result.resource = p.table + (p.kind == Kind::row_write ? ""
                                     : p.kind == Kind::stream  ? "/stream/*"
                                     : off.empty()             ? " (and its indexes)"
                                                               : " (and its indexes other than " + others + ")");
        for (const auto& i : p.intent) result.intent += (result.intent.empty() ? "" : "; ") + i;
        const std::vector<std::string> actions = p.kind == Kind::row_read    ? list(kReads)
                                                 : p.kind == Kind::row_write ? list(kWrites)
                                                 : p.kind == Kind::full_scan ? list(kScans)
                                                 : p.kind == Kind::stream    ? list(kStreams)
                                                                             : list(kColumn);
        // Build every term before the scope opens: a key met for the first time adds its
        // value-count constraint to the domain, which holds for every property.
        z3::expr acts = ctx_.bool_val(false);
        for (const std::string& a : actions) acts = acts || sem_.is_action(a);
        const z3::expr matches = table_matches(p.table);
        const z3::expr violation = violates(p);
        assert_domain();
        z3::expr goal = acts && matches && violation;
        // Readings nothing depends on: the evaluator's own, so that the model says so.
        if (!sem_.readings_used()) goal = goal && sem_.reading_negated_true() && sem_.reading_entry_matches_none();
        for (const StackIndex& x : off)
            goal = goal && !(on_index_ && name_ == sem_.str(x.table->name) && index_ == sem_.str(x.index->name));

        // First a simple solver, on a small deterministic budget (rlimit): most
        // properties are decided there in a few milliseconds. Past the budget, a
        // QF_SLIA solver of its own (non-incremental: it preprocesses the whole problem,
        // which the string-heavy ones need), within the timeout.
        // A solver of the property's own, given the shared assertions: checking one
        // solver again after a pop let Z3 4.8.12 crash (a segmentation fault in its
        // string solver, generated policy 1243 of seed 20261205).
        z3::solver first(ctx_, z3::solver::simple());
        first.add(solver_.assertions());
        first.add(goal);
        z3::solver* active = &first;
        std::optional<z3::solver> full;
        z3::check_result r = check(first, kFirstBudget);
        if (r == z3::unknown) {
            full.emplace(ctx_, "QF_SLIA");
            z3::params params(ctx_);
            params.set("timeout", options_.timeout_ms);
            full->set(params);
            full->add(first.assertions());
            active = &*full;
            r = full->check();
        }
        z3::solver& solver = *active;
        const std::string approx =
            sem_.approximations().empty()
                ? std::string()
                : " The encoding over-approximates " + join(sem_.approximations()) +
                      " (any truth value), so the proof also holds for the exact semantics.";
        if (r == z3::unsat) {
            // Never a vacuous proof: some table must match the property's pattern.
            if (!some_table(p.table)) {
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
        // The evaluator's chosen readings when they suffice, so that a counterexample names
        // the other reading only when it needs it.
        z3::model m = solver.get_model();
        if (sem_.readings_used() && (!m.eval(sem_.reading_negated_true(), true).is_true() ||
                                     !m.eval(sem_.reading_entry_matches_none(), true).is_true())) {
            z3::expr_vector chosen(ctx_);
            chosen.push_back(sem_.reading_negated_true());
            chosen.push_back(sem_.reading_entry_matches_none());
            if (check(solver, 0, &chosen) == z3::sat) m = solver.get_model();
        }
        // A witness may need an over-approximated truth value that its request does not
        // have: look for another assignment of the free Booleans (a few times). Running out
        // of them proves nothing (another request might realise a ruled-out assignment), so
        // the property then stays unknown.
        for (int attempt = 0;; ++attempt) {
            result = confirm(std::move(result), p, m, violation, solver);
            if (result.status != ProofStatus::unknown || sem_.opaque().empty() || attempt == 3) return result;
            z3::expr same = ctx_.bool_val(true);
            for (const z3::expr& b : sem_.opaque()) same = same && b == m.eval(b, true);
            solver.add(!same);
            if (check(solver, 0) != z3::sat) return result;
            m = solver.get_model();
        }
    }

    // Whether the policies may allow a keyed read (a request with dynamodb:LeadingKeys) of
    // `x` under `p`'s table pattern; a solver that gives up counts as yes.
    bool reads_index(const Property& p, const StackIndex& x) {
        z3::expr acts = ctx_.bool_val(false);
        for (std::string_view a : kReads) acts = acts || sem_.is_action(a);
        const z3::expr matches = table_matches(p.table);
        const z3::expr keyed = sem_.key("dynamodb:LeadingKeys").present;
        assert_domain();
        z3::solver s(ctx_, z3::solver::simple());
        s.add(solver_.assertions());
        s.add(acts && matches && keyed && on_index_ && name_ == sem_.str(x.table->name) &&
              index_ == sem_.str(x.index->name));
        return check(s, 0) != z3::unsat;
    }

private:
    // rlimit units of the first try on the shared solver (Z3 4.8.12: the row properties of
    // a typical set take 3,000-60,000, about 1 ms per 20,000 on the string-heavy ones).
    static constexpr unsigned kFirstBudget = 30000;

    // solver.check() within `budget` rlimit units or, when it is 0, within the timeout (a
    // first try needs no timer: Z3 4.8.12's timer threads are best used sparingly).
    z3::check_result check(z3::solver& solver, unsigned budget, const z3::expr_vector* assumptions = nullptr) {
        z3::params params(ctx_);
        params.set("timeout", budget ? std::numeric_limits<unsigned>::max() : options_.timeout_ms);
        params.set("rlimit", budget);
        solver.set(params);
        return assumptions ? solver.check(*assumptions) : solver.check();
    }

    // The keys DynamoDB fills from a few constants (add_request_domain), in the order a
    // counterexample prefers them.
    static std::map<std::string, std::vector<std::string>> finite_keys() {
        return {{"dynamodb:select", {"SPECIFIC_ATTRIBUTES", "ALL_ATTRIBUTES", "COUNT", "ALL_PROJECTED_ATTRIBUTES"}},
                {"dynamodb:returnvalues", {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"}},
                {"dynamodb:fulltablescan", {"false", "true"}}};
    }

    static std::vector<std::string> all_actions() {
        std::vector<std::string> out = list(kColumn);  // holds kReads, kWrites and kScans
        for (std::string_view a : kStreams) out.emplace_back(a);
        return out;
    }

    smt::ArnTerm arn(const z3::expr& rest) {
        return smt::arn_term(ctx_, {ctx_.string_val("arn"), partition_, ctx_.string_val("dynamodb"), region_,
                                    account_, rest});
    }

    // The request's resource: a table, an index of it (Query, Scan and PartiQL SELECT
    // only) or one of its streams (the stream actions, and only they), segment by segment
    // (names as DynamoDB allows them); what DynamoDB sends; and the decision "allow".
    void encode() {
        const z3::expr digit = z3::range(ctx_.string_val("0"), ctx_.string_val("9"));
        const z3::expr letters = sem_.re_union(z3::range(ctx_.string_val("a"), ctx_.string_val("z")),
                                               z3::range(ctx_.string_val("A"), ctx_.string_val("Z")));
        // Placeholders of templates ("<AWS.Region>", "<Param.TableName>") are names too.
        const z3::expr placeholder = sem_.re_union(sem_.re_lit("<"), sem_.re_lit(">"));
        const z3::expr name_char = sem_.re_union(
            sem_.re_union(sem_.re_union(letters, digit), placeholder),
            sem_.re_union(sem_.re_lit("_"), sem_.re_union(sem_.re_lit("-"), sem_.re_lit("."))));
        names_.push_back(z3::in_re(partition_, z3::plus(name_char)));
        names_.push_back(z3::in_re(region_, z3::star(name_char)));
        names_.push_back(z3::in_re(account_, z3::star(name_char)));
        names_.push_back(z3::in_re(name_, z3::plus(name_char)));
        names_.push_back(z3::in_re(index_, z3::plus(name_char)));
        names_.push_back(z3::in_re(label_, z3::plus(sem_.re_union(name_char, sem_.re_lit(":")))));
        // The solver's requests: names without the separators that would split the ARN
        // otherwise than DynamoDB's names do (':' before the sixth segment, '/' in a table
        // or index name), a superset of DynamoDB's names that the string solver handles
        // far faster than their regular expressions (kept for some_table()).
        const z3::expr slash = ctx_.string_val("/"), colon = ctx_.string_val(":");
        for (const z3::expr* x : {&partition_, &region_, &account_}) solver_.add(!x->contains(colon) && !x->contains(slash));
        solver_.add(partition_.length() > 0);
        for (const z3::expr* x : {&name_, &index_}) solver_.add(!x->contains(colon) && !x->contains(slash) && x->length() > 0);
        solver_.add(!label_.contains(slash) && label_.length() > 0);

        const z3::expr table_rest = z3::concat(ctx_.string_val("table/"), name_);
        // The sixth segment is a variable of its own, equal to the table's, an index's or a
        // stream's: the string solver finds that far easier than one ite term.
        const z3::expr rest = ctx_.string_const("resource_rest");
        resource_ = arn(rest);
        solver_.add(z3::implies(on_stream_, rest == z3::concat(table_rest, z3::concat(ctx_.string_val("/stream/"), label_))));
        solver_.add(z3::implies(on_index_, rest == z3::concat(table_rest, z3::concat(ctx_.string_val("/index/"), index_))));
        solver_.add(z3::implies(!on_index_ && !on_stream_, rest == table_rest));
        z3::expr stream_action = ctx_.bool_val(false);
        for (std::string_view a : kStreams) stream_action = stream_action || sem_.is_action(a);
        solver_.add(on_stream_ == stream_action);
        solver_.add(!(on_stream_ && on_index_));
        solver_.add(z3::implies(on_index_, sem_.is_action("dynamodb:Query") || sem_.is_action("dynamodb:Scan") ||
                                               sem_.is_action("dynamodb:PartiQLSelect")));
        add_request_domain();
        const z3::expr allowed = sem_.allowed(resource_);
        assert_domain();
        solver_.add(allowed);
    }

    // The domain constraints not asserted yet (value counts of keys met so far).
    void assert_domain() {
        const z3::expr_vector& d = sem_.domain();
        for (unsigned i = asserted_; i < d.size(); ++i) solver_.add(d[static_cast<int>(i)]);
        asserted_ = d.size();
    }

    z3::expr table_matches(const std::string& pattern) {
        eval::Pattern p;
        p.append_wild(pattern);
        return sem_.arn_matches(p, table_);
    }

    // Whether some table name matches `pattern` (asked once per pattern): the pattern's
    // own text with its wildcards filled in usually shows one; otherwise the solver.
    bool some_table(const std::string& pattern) {
        if (auto it = some_table_.find(pattern); it != some_table_.end()) return it->second;
        const z3::expr matches = table_matches(pattern);
        for (const char* fill : {"", "a"}) {
            std::string text;
            for (char c : pattern) text += c == '*' ? std::string(fill) : c == '?' ? std::string("a") : std::string(1, c);
            std::string_view seg[6];
            if (!eval::split_arn(text, seg) || !seg[5].starts_with("table/")) break;
            z3::model m(ctx_);
            const std::pair<z3::expr, std::string_view> values[] = {
                {partition_, seg[1]}, {region_, seg[3]}, {account_, seg[4]}, {name_, seg[5].substr(6)}};
            for (const auto& [var, value] : values) {
                z3::func_decl d = var.decl();
                z3::expr v = sem_.str(value);
                m.add_const_interp(d, v);
            }
            bool all = m.eval(matches, true).is_true();
            for (unsigned k = 0; k < 4; ++k) all = all && m.eval(names_[static_cast<int>(k)], true).is_true();
            if (all) return some_table_[pattern] = true;
        }
        z3::solver tables(ctx_);
        z3::params params(ctx_);
        params.set("timeout", options_.timeout_ms);
        tables.set(params);
        tables.add(names_);
        tables.add(matches);
        return some_table_[pattern] = tables.check() == z3::sat;
    }

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
    void add_request_domain() {
        smt::Semantics& sem = sem_;
        z3::solver& solver = solver_;
        const z3::expr& on_index = on_index_;
        z3::context& ctx = ctx_;
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
    z3::expr owned(const z3::expr& v) {
        smt::Semantics& sem = sem_;
        const smt::ArnTerm& table = table_;
        const smt::ArnTerm& resource = resource_;
        z3::context& ctx = ctx_;
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

    z3::expr violates(const Property& p) {
        smt::Semantics& sem = sem_;
        const z3::expr& on_index = on_index_;
        z3::context& ctx = sem.ctx();
        smt::KeyVar& lk = sem.key("dynamodb:LeadingKeys");
        switch (p.kind) {
            case Kind::row_read:
            case Kind::row_write: {
                z3::expr any = ctx.bool_val(false);
                for (std::size_t i = 0; i < lk.values.size(); ++i)
                    any = any || (lk.count > static_cast<int>(i) && !owned(lk.values[i]));
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

    ProofResult confirm(ProofResult result, const Property& p, const z3::model& m, const z3::expr& violation,
                        const z3::solver& solver) {
        smt::Semantics& sem = sem_;
        const z3::expr& resource = resource_.whole;
        const Readings readings = sem.decode_readings(m);
        Request request = sem.decode(canonical(p, m, readings, violation, solver), resource);
        request.principal = base_.principal;
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

    // --- canonical counterexamples ---------------------------------------------------
    // The solver's model, with each of its choices replaced by a fixed canonical one
    // wherever the encoding still holds (every assertion, and the property's negation)
    // and the evaluator still allows the request: the first action of the property's
    // list, the table rather than an index, absent keys, and for each value the first
    // of a fixed list of candidates (the caller's identity, another user's, the values
    // lint's adversarial search uses, then "value-N"). A value no candidate can replace
    // (one that must extend another, say) stays the solver's.

    // `m` with the constants of `set` given new values, and every string constant whose
    // value is `from` given `to` (when `from` is set). Function interpretations are left
    // out: the encoding applies no uninterpreted function.
    z3::model with(const z3::model& m, const std::vector<std::pair<z3::expr, z3::expr>>& set,
                   const std::optional<std::pair<std::string, z3::expr>>& rename = std::nullopt) {
        z3::model out(ctx_);
        std::vector<bool> done(set.size(), false);
        for (unsigned i = 0; i < m.num_consts(); ++i) {
            z3::func_decl d = m.get_const_decl(i);
            const Z3_ast interp = Z3_model_get_const_interp(ctx_, m, d);
            if (!interp) continue;
            z3::expr v(ctx_, interp);
            for (std::size_t k = 0; k < set.size(); ++k)
                if (z3::eq(set[k].first.decl(), d)) {
                    v = set[k].second;
                    done[k] = true;
                }
            if (rename && v.is_string_value() && v.get_escaped_string() == rename->first) v = rename->second;
            out.add_const_interp(d, v);
        }
        for (std::size_t k = 0; k < set.size(); ++k)
            if (!done[k]) {
                z3::func_decl d = set[k].first.decl();
                z3::expr v = set[k].second;
                out.add_const_interp(d, v);
            }
        return out;
    }

    z3::model canonical(const Property& p, z3::model m, const Readings& readings, const z3::expr& violation,
                        const z3::solver& solver) {
        const z3::expr_vector facts = solver.assertions();
        auto holds = [&](const z3::model& c) {
            if (!c.eval(violation, true).is_true()) return false;
            for (unsigned i = 0; i < facts.size(); ++i)
                if (!c.eval(facts[static_cast<int>(i)], true).is_true()) return false;
            Request r = sem_.decode(c, resource_.whole);
            r.principal = base_.principal;
            return Evaluator(set_, readings).decide(r) == Outcome::allow;
        };
        if (!holds(m)) return m;
        auto attempt = [&](const z3::model& c) {
            if (!holds(c)) return false;
            m = c;
            return true;
        };
        const std::vector<std::string> actions = p.kind == Kind::row_read    ? list(kReads)
                                                 : p.kind == Kind::row_write ? list(kWrites)
                                                 : p.kind == Kind::full_scan ? list(kScans)
                                                 : p.kind == Kind::stream    ? list(kStreams)
                                                                             : list(kColumn);
        // An action of one key where the solver chose a batch one needs the multivalued
        // keys cut to their first value too.
        std::vector<std::pair<z3::expr, z3::expr>> single;
        for (const auto& [lower, k] : sem_.keys())
            if (k.multivalued && m.eval(k.present, true).is_true() && m.eval(k.count, true).get_numeral_int() > 1)
                single.emplace_back(k.count, ctx_.int_val(1));
        for (const std::string& a : actions) {
            const auto& all = sem_.actions();
            const auto at = std::find(all.begin(), all.end(), a);
            if (at == all.end()) continue;
            std::vector<std::pair<z3::expr, z3::expr>> set{{sem_.action(), ctx_.int_val(static_cast<int>(at - all.begin()))}};
            if (attempt(with(m, set))) break;
            if (single.empty()) continue;
            set.insert(set.end(), single.begin(), single.end());
            if (attempt(with(m, set))) break;
        }
        attempt(with(m, {{on_index_, ctx_.bool_val(false)}}));
        for (const auto& [lower, k] : sem_.keys())
            if (m.eval(k.present, true).is_true())
                attempt(with(m, {{k.present, ctx_.bool_val(false)}, {k.count, ctx_.int_val(0)}}));

        // Each distinct string value of the request, in a fixed order, with its candidates.
        std::vector<std::string> seen;
        const std::size_t generic = 8;
        auto canonicalise = [&](const z3::expr& var, std::vector<std::string> candidates) {
            const z3::expr v = m.eval(var, true);
            if (!v.is_string_value()) return;
            const std::string value = v.get_escaped_string();
            if (std::find(seen.begin(), seen.end(), value) != seen.end()) return;
            for (std::size_t i = 0; i < generic; ++i) candidates.push_back(fmt::format("value-{}", i));
            for (const std::string& c : candidates) {
                const z3::expr to = sem_.str(c);
                const std::string escaped = to.get_escaped_string();
                if (escaped == value || attempt(with(m, {}, std::make_pair(value, to)))) {
                    seen.push_back(escaped);
                    return;
                }
            }
            seen.push_back(value);
        };
        // The caller's own ids and other users', of the identity keys the policies read.
        std::vector<std::string> identities, others;
        for (const ContextEntry& e : base_.context)
            if (iso::is_identity_variable(e.key) && referenced(e.key))
                for (const std::string& v : e.values) {
                    identities.push_back(v);
                    others.push_back(iso::other_identity(e.key));
                }
        for (const auto& [lower, k] : sem_.keys()) {
            if (!m.eval(k.present, true).is_true() || k.domain.empty()) continue;
            const int n = m.eval(k.count, true).get_numeral_int();
            for (int i = 0; i < n && static_cast<std::size_t>(i) < k.selectors.size(); ++i)
                for (std::size_t j = 0; j < k.domain.size(); ++j)
                    if (attempt(with(m, {{k.selectors[static_cast<std::size_t>(i)], ctx_.int_val(static_cast<int>(j))}})))
                        break;
        }
        for (const auto& [lower, k] : sem_.keys()) {
            if (!m.eval(k.present, true).is_true() || !k.domain.empty()) continue;
            std::vector<std::string> candidates;
            if (const ContextEntry* e = base_.find(k.key)) candidates = e->values;
            if (lower == "dynamodb:leadingkeys") {
                // Another user's first: a key equal to the caller's id is renamed with it.
                candidates.insert(candidates.end(), others.begin(), others.end());
                candidates.insert(candidates.end(), identities.begin(), identities.end());
                candidates.push_back("other-partition");
            } else if (lower == "dynamodb:attributes") {
                candidates.insert(candidates.end(), intent_.allowed_attributes.begin(), intent_.allowed_attributes.end());
                candidates.push_back("HiddenAttribute");
            } else if (iso::is_identity_variable(k.key)) {
                candidates.push_back(iso::other_identity(k.key));
            }
            const int n = m.eval(k.count, true).get_numeral_int();
            for (int i = 0; i < n && static_cast<std::size_t>(i) < k.values.size(); ++i)
                canonicalise(k.values[static_cast<std::size_t>(i)], candidates);
        }
        // Values of a multivalued key in sorted order.
        for (const auto& [lower, k] : sem_.keys()) {
            if (!k.multivalued || !m.eval(k.present, true).is_true()) continue;
            const int n = m.eval(k.count, true).get_numeral_int();
            std::vector<std::pair<std::string, z3::expr>> values;
            for (int i = 0; i < n && static_cast<std::size_t>(i) < k.values.size(); ++i) {
                const z3::expr v = m.eval(k.values[static_cast<std::size_t>(i)], true);
                if (!v.is_string_value()) break;
                values.emplace_back(v.get_escaped_string(), v);
            }
            if (values.size() < 2 || !k.domain.empty()) continue;
            std::stable_sort(values.begin(), values.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            std::vector<std::pair<z3::expr, z3::expr>> sorted;
            for (std::size_t i = 0; i < values.size(); ++i) sorted.emplace_back(k.values[i], values[i].second);
            attempt(with(m, sorted));
        }
        canonicalise(partition_, {"aws"});
        canonicalise(region_, {"us-east-1"});
        canonicalise(account_, {"123456789012"});
        canonicalise(name_, {"Table"});
        if (m.eval(on_index_, true).is_true()) canonicalise(index_, {"Index"});
        if (m.eval(on_stream_, true).is_true()) canonicalise(label_, {"2026-01-01T00:00:00.000"});
        return m;
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

    const std::vector<const Policy*>& set_;
    const iso::Intent& intent_;
    ProveOptions options_;
    Request base_;
    std::vector<std::string> referenced_;
    // A context of its own for each policy set (one reused for many sets let Z3 4.8.12's
    // string solver crash now and then, after a few hundred sets). Creating one touches
    // two 8 MB tables, about 65 ms when their pages are new to the process: glibc's
    // allocator is asked once to keep such blocks instead of giving them back to the
    // system, so that every context after the first reuses the same pages.
    static z3::context& context(std::optional<z3::context>& own) {
        static const bool kept = [] {
            mallopt(M_MMAP_THRESHOLD, 32 << 20);
            mallopt(M_TRIM_THRESHOLD, 128 << 20);
            return true;
        }();
        (void)kept;
        own.emplace();
        return *own;
    }
    std::optional<z3::context> own_;
    z3::context& ctx_;  // declared before everything that holds its terms
    z3::solver solver_;
    smt::Semantics sem_;
    z3::expr_vector names_;  // DynamoDB's names for the resource's segments
    z3::expr partition_, region_, account_, name_, index_, label_, on_index_, on_stream_;
    smt::ArnTerm table_, resource_;
    unsigned asserted_ = 0;  // sem_.domain() entries asserted so far
    std::map<std::string, bool> some_table_;
};

}  // namespace

std::vector<ProofResult> prove(const std::vector<const Policy*>& set, const ProveOptions& options) {
    return prove(set, nullptr, options);
}

std::vector<ProofResult> prove(const std::vector<const Policy*>& set, const Stack* stack, const ProveOptions& options) {
    const iso::Intent intent = iso::detect_intent(set);
    std::vector<ProofResult> out;
    if (!intent.row() && !intent.column()) return out;
    const std::vector<Property> properties = derive(intent);
    auto failed = [&](const Property& p, const z3::exception& e) {
        ProofResult r;
        r.property = std::string(property_name(p.kind));
        r.resource = p.table;
        r.status = ProofStatus::unknown;
        r.explanation = std::string("the solver failed: ") + e.msg();
        out.push_back(std::move(r));
    };
    std::optional<Prover> prover;
    try {
        prover.emplace(set, intent, options);
    } catch (const z3::exception& e) {
        for (const Property& p : properties) failed(p, e);
        return out;
    }
    for (const Property& p : properties) {
        try {
            // A row filter on an index keyed on another attribute than its table filters
            // by that attribute: the table's row property leaves such an index out, and
            // the index gets a result of its own that is never proven.
            std::vector<StackIndex> off;
            if (p.kind == Kind::row_read && stack)
                for (const StackIndex& x : rekeyed_indexes(p, *stack))
                    if (prover->reads_index(p, x)) off.push_back(x);
            out.push_back(prover->run(p, off));
            const ProofResult table = out.back();
            for (const StackIndex& x : off) out.push_back(rekeyed_result(table, x));
        } catch (const z3::exception& e) {
            failed(p, e);
        }
    }
    return out;
}

#endif

}  // namespace ddbguard
