// Deny-based row filters that do not fire for every foreign key.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

using isolation::Cause;

bool negated(std::string_view base) { return base.find("Not") != std::string_view::npos; }

class DenyFilterForAllValues final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        bool null_companion = false;  // a Deny on {"Null": {"dynamodb:LeadingKeys": "true"}}
        bool broad_allow = false;     // an Allow of item actions without a row filter
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements) {
                if (st.effect == Effect::deny)
                    for (const ConditionEntry* c : conditions_on(st, "dynamodb:LeadingKeys"))
                        if (c->op == "Null")
                            for (const Value& v : c->values) null_companion = null_companion || util::iequals(v.text, "true");
                if (st.effect == Effect::allow && isolation::row_conditions(st).empty() &&
                    !isolation::first_covered(st, {"dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
                                                   "dynamodb:UpdateItem", "dynamodb:DeleteItem"}).empty())
                    broad_allow = true;
            }
        for (const Policy* policy : context.policies()) {
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::deny) continue;
                for (const ConditionEntry* c : isolation::row_conditions(st)) {
                    const OperatorParts parts = split_operator(c->op);
                    if (!negated(parts.base)) continue;
                    const isolation::Analysis& analysis = context.analysis();
                    std::string what;
                    const isolation::Leak* leak = nullptr;
                    if (parts.qualifier == "ForAllValues") {
                        what = describe(st) + " denies with " + c->op + " on " + c->key +
                               ": ForAllValues is true only when NO requested key is the caller's, so a request "
                               "that adds another user's key to the caller's own is not denied";
                        leak = analysis.simplest({Cause::mixed_keys});
                    } else if (parts.qualifier == "ForAnyValue" && !null_companion) {
                        what = describe(st) + " denies with " + c->op + " on " + c->key +
                               ", but ForAnyValue is false when the key is absent (Scan, full-scan PartiQL), and no "
                               "Deny on {\"Null\": {\"" + c->key + "\": \"true\"}} covers that case";
                        leak = analysis.simplest({Cause::scan_without_keys, Cause::partiql_full_scan});
                    }
                    const std::string fix =
                        "prefer an allow-list: grant the item actions only under {\"ForAllValues:StringEquals\": "
                        "{\"dynamodb:LeadingKeys\": [\"${cognito-identity.amazonaws.com:sub}\"]}}; if you keep the "
                        "Deny, use ForAnyValue:" + std::string(parts.base) +
                        " together with a Deny on {\"Null\": {\"dynamodb:LeadingKeys\": \"true\"}}";
                    if (leak) {
                        isolation::report_leak(context, doc_, *policy, c->op_loc, what, fix, analysis, *leak);
                    } else if (broad_allow) {
                        if (what.empty())
                            what = describe(st) + " keeps callers to their rows only by denying with " + c->op +
                                   " on " + c->key + " over an Allow without a row filter: any gap in the Deny "
                                   "(an action, a resource or a key shape it misses) leaks rows";
                        context.report(Finding{std::string(doc_.id), Severity::warning, what, fix, policy->path,
                                               c->op_loc, {}, std::nullopt});
                    }
                }
            }
        }
    }

private:
    CheckDoc doc_{
        "deny-filter-for-all-values", Severity::warning,
        R"txt(A Deny-based row filter does not deny every request for another user's rows.)txt",
        R"txt(Reports a Deny statement whose dynamodb:LeadingKeys condition uses a negated operator: with ForAllValues (an error when the evaluator allows a request mixing the caller's key with another user's), with ForAnyValue but no companion Deny on {"Null": {"dynamodb:LeadingKeys": "true"}} (an error when a Scan or full-scan PartiQL SELECT is allowed), and otherwise a warning when the Deny is the only row filter over an Allow without one.)txt",
        R"txt(ForAllValues:StringNotEquals holds only when no requested key equals the caller's, so [caller, other] is not denied; ForAnyValue:StringNotEquals fixes that but is false when LeadingKeys is absent (IAM User Guide, "Multivalued context keys"). The allow-list pattern of the DynamoDB Developer Guide has neither gap.)txt",
        R"json([{"Effect": "Allow", "Action": ["dynamodb:BatchGetItem", "dynamodb:GetItem"],
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores"},
 {"Effect": "Deny", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
  "Condition": {"ForAllValues:StringNotEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}}])json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:BatchGetItem", "dynamodb:GetItem"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}})json",
        R"txt(Severity: warning: a Deny-only row filter over a broad Allow very likely leaves gaps; error when the evaluator proves a gap with a counterexample.)txt",
    };
};

}  // namespace

const Check& deny_filter_for_all_values() {
    static const DenyFilterForAllValues check;
    return check;
}

}  // namespace ddbguard::analyze
