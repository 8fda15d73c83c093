// A grant without the row filter on a table that another statement row-scopes.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "evaluate/wildcard.hpp"

namespace ddbguard::analyze {
namespace {

using isolation::Cause;

// The Resource entry of `st` that matches `arn`, or the Resource element itself.
Location resource_location(const Statement& st, const std::string& arn) {
    if (!st.not_resource) {
        for (const Value& r : st.resources) {
            if (r.text.find("${") != std::string::npos) continue;
            eval::Pattern p;
            p.append_wild(r.text);
            if (eval::arn_match(p.view(), arn)) return r.loc;
        }
    }
    return st.resource_loc;
}

std::string_view class_name(isolation::ActionClass k) { return k == isolation::ActionClass::read ? "reads" : "writes"; }

// The table an item, index or stream ARN belongs to.
std::string table_of(const std::string& arn) {
    const std::size_t table = arn.find(":table/");
    if (table == std::string::npos) return arn;
    return arn.substr(0, arn.find('/', table + 7));
}

// A table ARN that a row scope names (its first Resource entry, rendered for the caller).
std::string scope_table(const isolation::RowScope& scope) {
    for (const Value& r : scope.ref.statement->resources) {
        const std::string arn = table_of(isolation::render_for_caller(r.text));
        if (arn.find(":table/") != std::string::npos) return arn;
    }
    return {};
}

class UnscopedRegrant final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || !isolation::row_conditions(st).empty()) continue;
                const std::vector<std::string> granted = covered_actions(st);
                if (granted.empty()) continue;
                const isolation::Analysis& analysis = context.analysis();
                if (!analysis.intent().row()) return;
                // The analysis counts a foreign key as a leak only for the class of actions
                // (reads or writes) that some row filter governs on that table.
                const isolation::Leak* leak = analysis.simplest(isolation::explained_causes(doc_.id), &st);
                if (leak) {
                    regrant(context, *policy, st, analysis, *leak);
                    continue;
                }
                mixing(context, *policy, st, analysis, granted);
            }
        }
    }

private:
    void regrant(Context& context, const Policy& policy, const Statement& st, const isolation::Analysis& analysis,
                 const isolation::Leak& leak) const {
        const isolation::ActionClass k = isolation::action_class(leak.request.action);
        const isolation::RowScope* scope = nullptr;
        for (const isolation::RowScope& s : analysis.intent().row_scopes) {
            if (s.ref.statement->effect != Effect::allow) continue;
            if (!isolation::covers_resource(*s.ref.statement, table_of(leak.request.resource))) continue;
            if ((k == isolation::ActionClass::read && s.reads) || (k == isolation::ActionClass::write && s.writes)) {
                scope = &s;
                break;
            }
        }
        if (!scope) return;  // only a Deny filters this table: deny-filter-for-all-values' case
        const auto rows = isolation::row_conditions(*scope->ref.statement);
        const std::string kept = scope->filter == isolation::RowFilter::per_user
                                     ? std::string("to the caller's rows")
                                     : "to the listed partitions " + quoted(scope->values);
        Finding f;
        f.check_id = std::string(doc_.id);
        f.severity = Severity::error;
        f.message = describe(st) + " allows " + leak.request.action + " on " + leak.request.resource +
                    " with no dynamodb:LeadingKeys condition, while " + describe(*scope->ref.statement) +
                    " keeps the " + std::string(class_name(k)) + " of the same table " + kept +
                    ": Allows add up, so this grant cancels the row filter";
        f.fix = "remove " + leak.request.action + " (and the other item " + std::string(class_name(k)) +
                ") from this statement, or give it the same row filter " + rows.front()->op + " on " +
                rows.front()->key;
        f.path = policy.path;
        f.location = resource_location(st, leak.request.resource);
        f.related.push_back({scope->ref.policy->path, rows.front()->key_loc, "the row filter it cancels"});
        f.counterexample = analysis.counterexample(leak);
        isolation::qualify(f, leak);
        context.report(std::move(f));
    }

    // Unfiltered reads beside filtered writes (or the other way round) on one table: a
    // design ("everyone reads, each writes their own"), said as an info.
    void mixing(Context& context, const Policy& policy, const Statement& st, const isolation::Analysis& analysis,
                const std::vector<std::string>& granted) const {
        for (const isolation::RowScope& s : analysis.intent().row_scopes) {
            if (s.ref.statement->effect != Effect::allow || s.ref.statement == &st) continue;
            const std::string table = scope_table(s);
            if (table.empty() || !isolation::covers_resource(st, table)) continue;
            for (const isolation::ActionClass k : {isolation::ActionClass::read, isolation::ActionClass::write}) {
                const bool filtered = k == isolation::ActionClass::read ? s.reads : s.writes;
                if (filtered) continue;
                std::string action;
                for (const std::string& a : granted)
                    if (isolation::action_class(a) == k) {
                        action = a;
                        break;
                    }
                if (action.empty()) continue;
                const isolation::ActionClass other =
                    k == isolation::ActionClass::read ? isolation::ActionClass::write : isolation::ActionClass::read;
                report_with(context, doc_, Severity::info, policy, resource_location(st, table),
                            describe(st) + " grants " + action + " on " + table + " to every caller, while " +
                                describe(*s.ref.statement) + " keeps the " + std::string(class_name(other)) +
                                " of that table to each caller's rows: the table mixes unfiltered " +
                                std::string(class_name(k)) + " with filtered " + std::string(class_name(other)),
                            "if the " + std::string(class_name(k)) + " should be per-user too, give this statement "
                            "the same row filter");
                return;
            }
        }
    }

    static std::string quoted(const std::vector<std::string>& values) {
        std::string out;
        for (const std::string& v : values) out += (out.empty() ? "'" : ", '") + v + "'";
        return out;
    }

private:
    CheckDoc doc_{
        "unscoped-regrant", Severity::error,
        R"txt(Another statement or attached policy grants the row-scoped table without the row filter.)txt",
        R"txt(Reports an Allow statement without any dynamodb:LeadingKeys condition that grants DynamoDB item actions on a table (its ARN, an index, table/*, or *) which another Allow of the same policy set restricts with a row filter. With `ddbguard lint --bundle`, the statements may sit in different files of one principal. The counterexample is a request for another user's partition that this statement allows.)txt",
        R"txt(IAM allows a request when any applicable Allow matches and no Deny does (IAM User Guide, "Policy evaluation logic"): a second statement that grants the same actions without the condition makes the row filter meaningless.)txt",
        R"json([{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
  "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}},
 {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/*"}])json",
        R"json([{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
  "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}},
 {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Settings"}])json",
        R"txt(Severity: error: the counterexample proves the row filter is cancelled; info when the unfiltered grant is of the other class of actions (everyone reads, each writes their own); warning when it depends on a reading AWS does not document.)txt",
    };
};

}  // namespace

const Check& unscoped_regrant() {
    static const UnscopedRegrant check;
    return check;
}

}  // namespace ddbguard::analyze
