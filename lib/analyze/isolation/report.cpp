// Turning a leak into a finding, and which pattern check explains which cause.
#include <algorithm>
#include <map>

#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze::isolation {

const std::vector<Cause>& explained_causes(std::string_view check_id) {
    static const std::map<std::string_view, std::vector<Cause>> table = {
        {"scan-with-row-filter", {Cause::scan_without_keys}},
        {"partiql-select-without-full-scan-guard", {Cause::partiql_full_scan}},
        {"stream-access-row-scoped", {Cause::stream_records}},
        {"for-any-value-leading-keys", {Cause::mixed_keys, Cause::other_key}},
        {"leading-keys-wildcard", {Cause::extended_key, Cause::other_key, Cause::mixed_keys}},
        {"unscoped-regrant",
         {Cause::other_key, Cause::mixed_keys, Cause::extended_key, Cause::variable_text, Cause::scan_without_keys,
          Cause::partiql_full_scan}},
        {"deny-filter-for-all-values", {Cause::mixed_keys, Cause::scan_without_keys, Cause::partiql_full_scan}},
        {"literal-leading-keys", {Cause::literal_key}},
        {"attributes-without-select", {Cause::no_projection, Cause::projected_index}},
        {"update-without-return-values", {Cause::returns_whole_item}},
        {"whole-item-write-column-scoped", {Cause::whole_item_write}},
    };
    static const std::vector<Cause> none;
    const auto it = table.find(check_id);
    return it == table.end() ? none : it->second;
}

bool already_explained(Context& context, const Leak& leak) {
    for (const Finding& f : context.findings()) {
        if (!f.counterexample) continue;
        const auto& causes = explained_causes(f.check_id);
        if (std::find(causes.begin(), causes.end(), leak.cause) == causes.end()) continue;
        for (const StatementTrace& m : f.counterexample->decision.matched)
            for (const StatementRef& ref : leak.allowed_by)
                // Many documents of a template share its path: the statement's position tells them apart.
                if (m.path == ref.policy->path && m.statement == ref.statement->index && !m.deny &&
                    m.location.line == ref.statement->loc.line && m.location.column == ref.statement->loc.column &&
                    m.location.pointer == ref.statement->loc.pointer)
                    return true;
    }
    return false;
}

void qualify(Finding& f, const Leak& leak) {
    if (leak.ambiguity.empty()) return;
    f.severity = Severity::warning;
    f.message += "; this holds only under ddbguard's reading that " + leak.ambiguity +
                 ", a case AWS does not document";
    f.fix = leak.ambiguity_fix + (f.fix.empty() ? std::string() : "; " + f.fix);
}

void report_leak(Context& context, const CheckDoc& check, const Policy& policy, const Location& where,
                 std::string message, std::string fix, const Analysis& analysis, const Leak& leak) {
    Finding f;
    f.check_id = std::string(check.id);
    f.severity = Severity::error;
    f.message = std::move(message);
    f.fix = std::move(fix);
    f.path = policy.path;
    f.location = where;
    f.counterexample = analysis.counterexample(leak);
    qualify(f, leak);
    context.report(std::move(f));
}

std::string escape_phrase(const Intent& intent, const Statement& st) {
    const RowScope* scope = intent.scope_of(&st);
    if (!scope || scope->filter == RowFilter::per_user) return "every user's items";
    std::string listed;
    for (const std::string& v : scope->values) listed += (listed.empty() ? "'" : ", '") + v + "'";
    return "the items of every partition, not only the listed " + listed;
}

void report_row_filtered_grant(Context& context, const CheckDoc& check, std::string_view action, Cause cause,
                               std::string_view how, std::string (*fix)(const Statement&)) {
    for (const Policy* policy : context.policies()) {
        for (const Statement& st : policy->statements) {
            if (st.effect != Effect::allow || !covers_action(st, action)) continue;
            const auto rows = row_conditions(st);
            if (rows.empty()) continue;
            const Analysis& analysis = context.analysis();
            const Leak* leak = analysis.simplest({cause}, &st);
            if (!leak) continue;  // a Deny or a guard in the statement stops it
            report_leak(context, check, *policy, action_location(st, action),
                        describe(st) + " grants " + std::string(action) + " under its row filter " + rows.front()->op +
                            " on " + rows.front()->key + " (" + position(rows.front()->key_loc) + ")" +
                            std::string(how) + " " + escape_phrase(analysis.intent(), st),
                        fix(st), analysis, *leak);
        }
    }
}

Location action_location(const Statement& st, std::string_view action) {
    if (!st.not_action) {
        for (const Value& v : st.actions) {
            Statement one;
            one.has_action = true;
            one.actions.push_back(v);
            if (covers_action(one, action)) return v.loc;
        }
    }
    return st.action_loc;
}

std::string first_covered(const Statement& st, std::initializer_list<std::string_view> actions) {
    // Most statements name no action of the service asked about: one pass over their entries
    // says so, instead of one for each action.
    std::string_view unnamed;
    for (std::string_view a : actions) {
        const std::string_view service = a.substr(0, a.find(':'));
        if (service == unnamed) continue;
        if (!may_name_service(st, service)) {
            unnamed = service;
            continue;
        }
        if (covers_action(st, a)) return std::string(a);
    }
    return {};
}

std::string position(const Location& loc) { return std::to_string(loc.line) + ":" + std::to_string(loc.column); }

std::string fix_for(Cause cause) {
    switch (cause) {
        case Cause::scan_without_keys:
            return "remove dynamodb:Scan (and any wildcard that covers it) from the row-scoped grant; read the "
                   "caller's items with Query on the partition key";
        case Cause::partiql_full_scan:
            return "add a Deny of dynamodb:PartiQLSelect with {\"Bool\": {\"dynamodb:FullTableScan\": \"true\"}}, "
                   "or require {\"Null\": {\"dynamodb:LeadingKeys\": \"false\"}} in the Allow";
        case Cause::stream_records:
            return "grant stream actions (GetRecords, GetShardIterator, DescribeStream) only to a back-end role, "
                   "never to the row-scoped principal";
        case Cause::other_key:
        case Cause::mixed_keys:
        case Cause::extended_key:
            return "grant the item actions only under {\"ForAllValues:StringEquals\": {\"dynamodb:LeadingKeys\": "
                   "[\"${cognito-identity.amazonaws.com:sub}\"]}} and remove every grant of the same table without it";
        case Cause::variable_text:
            return "set \"Version\": \"2012-10-17\" and spell the variable exactly, e.g. "
                   "\"${cognito-identity.amazonaws.com:sub}\", so IAM substitutes it";
        case Cause::literal_key:
            return "write the policy variable, e.g. \"${cognito-identity.amazonaws.com:sub}\", instead of the "
                   "hard-coded value";
        case Cause::no_projection:
        case Cause::projected_index:
            return "add {\"StringEquals\": {\"dynamodb:Select\": \"SPECIFIC_ATTRIBUTES\"}} next to the "
                   "dynamodb:Attributes condition";
        case Cause::unlisted_attribute:
            return "use {\"ForAllValues:StringEquals\": {\"dynamodb:Attributes\": [...]}} listing exactly the "
                   "allowed attribute names";
        case Cause::returns_whole_item:
            return "add {\"StringEqualsIfExists\": {\"dynamodb:ReturnValues\": [\"NONE\", \"UPDATED_OLD\", "
                   "\"UPDATED_NEW\"]}} to the column-scoped write grant";
        case Cause::whole_item_write:
            return "grant only dynamodb:UpdateItem in the column-scoped statement; PutItem, DeleteItem and "
                   "BatchWriteItem act on whole items";
    }
    return {};
}

std::string describe_request(const Request& request) { return request.action + " on " + request.resource; }

std::string why_allowed(const Counterexample& proof, const Statement& st, bool row) {
    const StatementTrace* trace = nullptr;
    for (const StatementTrace& t : proof.decision.matched)
        if (t.statement == st.index && t.location.line == st.loc.line && t.location.column == st.loc.column)
            trace = &t;
    std::string out;
    if (trace) {
        for (const ConditionTrace& c : trace->conditions) {
            const bool relevant = row ? is_row_key(c.key)
                                      : (util::iequals(c.key, "dynamodb:Attributes") ||
                                         util::iequals(c.key, "dynamodb:Select") ||
                                         util::iequals(c.key, "dynamodb:ReturnValues"));
            if (!relevant) continue;
            out += (out.empty() ? "" : "; ") + c.op + " on " + c.key + " holds (" + c.why + ")";
        }
    }
    if (out.empty())
        out = row ? "it has no condition on dynamodb:LeadingKeys"
                  : "it has no condition on dynamodb:Attributes, dynamodb:Select or dynamodb:ReturnValues";
    return out;
}

namespace {

std::string request_keys(const Request& r, bool row) {
    auto show = [&](std::string_view key) -> std::string {
        const ContextEntry* e = r.find(key);
        if (!e) return {};
        std::string v;
        for (const std::string& x : e->values) v += (v.empty() ? "'" : ", '") + x + "'";
        return std::string(key) + " [" + v + "]";
    };
    if (row) {
        const std::string k = show("dynamodb:LeadingKeys");
        return k.empty() ? " with no dynamodb:LeadingKeys" : " with " + k;
    }
    std::string out;
    for (std::string_view key : {"dynamodb:Select", "dynamodb:ReturnValues", "dynamodb:Attributes"}) {
        const std::string k = show(key);
        if (!k.empty()) out += (out.empty() ? " with " : ", ") + k;
    }
    return out;
}

}  // namespace

void report_unexplained(Context& context, const CheckDoc& check, bool row) {
    const Analysis& analysis = context.analysis();
    if (row ? !analysis.intent().row() : !analysis.intent().column()) return;
    std::vector<std::pair<const Statement*, Cause>> seen;
    for (const Leak& leak : analysis.leaks()) {
        if (is_row_cause(leak.cause) != row || leak.allowed_by.empty()) continue;
        const StatementRef by = leak.allowed_by.front();
        // Foreign keys of any shape are one mistake; so are the two projection-less reads.
        Cause kind = leak.cause;
        if (kind == Cause::mixed_keys || kind == Cause::extended_key) kind = Cause::other_key;
        if (kind == Cause::projected_index) kind = Cause::no_projection;
        const std::pair<const Statement*, Cause> key{by.statement, kind};
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
        seen.push_back(key);
        if (already_explained(context, leak)) continue;
        const Statement& st = *by.statement;
        const auto conds = row ? row_conditions(st) : column_conditions(st);
        const Location where = conds.empty() ? action_location(st, leak.request.action) : conds.front()->key_loc;
        Counterexample proof = analysis.counterexample(leak);
        std::string message = describe(st) + " allows " + describe_request(leak.request) +
                              request_keys(leak.request, row) + ", which reaches " + leak.reaches + ": " +
                              why_allowed(proof, st, row);
        for (const std::string& line : proof.decision.explanation) {
            const std::size_t at = line.find(" Deny does not apply: ");
            if (at == std::string::npos || line.find("LeadingKeys") == std::string::npos) continue;
            message += "; " + line.substr(0, at) + " Deny does not apply (" + line.substr(at + 22) + ")";
            break;
        }
        Finding f;
        f.check_id = std::string(check.id);
        f.severity = Severity::error;
        f.message = std::move(message);
        f.fix = fix_for(leak.cause);
        f.path = by.policy->path;
        f.location = where;
        f.counterexample = std::move(proof);
        qualify(f, leak);
        context.report(std::move(f));
    }
}

}  // namespace ddbguard::analyze::isolation
