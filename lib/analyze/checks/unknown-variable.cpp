// Policy variables that IAM cannot substitute: unknown, malformed, multivalued, or
// in a place where variables are not allowed.
#include "analyze/check.hpp"
#include "analyze/grammar_facts.hpp"
#include "ddbguard/catalog.hpp"
#include "evaluate/keys.hpp"
#include "evaluate/operators.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// The nearest single-valued key to `key`, for did-you-mean; templates are offered as written.
std::optional<std::string> nearest_variable(std::string_view key) {
    std::vector<catalog::KeyInfo> candidates;
    const auto colon = key.find(':');
    if (colon != std::string_view::npos) candidates = catalog::keys_with_prefix(key.substr(0, colon));
    for (std::string_view prefix : {"aws", "cognito-identity.amazonaws.com", "www.amazon.com", "graph.facebook.com",
                                    "accounts.google.com"})
        for (catalog::KeyInfo& k : catalog::keys_with_prefix(prefix)) candidates.push_back(k);
    std::vector<std::string_view> names;
    for (const catalog::KeyInfo& k : candidates)
        if (!k.multivalued) names.push_back(k.name);
    if (auto best = util::did_you_mean(key, names)) return std::string(*best);
    return std::nullopt;
}

class UnknownVariable final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements) {
                for (const Value& a : st.actions) not_allowed(context, *policy, a, st.not_action ? "NotAction" : "Action");
                for (const auto& [type, values] : st.principal.by_type)
                    for (const Value& p : values)
                        not_allowed(context, *policy, p, st.not_principal ? "NotPrincipal" : "Principal");
                for (const Value& r : st.resources) check_value(context, *policy, st, r, nullptr);
                for (const ConditionEntry& c : st.conditions)
                    for (const Value& v : c.values) check_value(context, *policy, st, v, &c);
            }
    }

private:
    void not_allowed(Context& context, const Policy& policy, const Value& v, const char* element) const {
        if (v.text.find("${") == std::string::npos) return;
        context.report(doc_, policy, v.loc,
                       std::string("policy variables are not substituted in ") + element + ": \"" + v.text +
                           "\" is taken literally and matches nothing",
                       "name the value explicitly; variables work only in Resource, NotResource and String/Arn "
                       "condition values");
    }

    // What an unresolvable variable does where it stands.
    static std::string consequence(const Statement& st, const ConditionEntry* c) {
        if (!c) {
            if (st.not_resource) return "this NotResource entry exempts nothing";
            return "this Resource entry matches no resource, " + never_true_consequence(st);
        }
        const eval::OperatorInfo op = eval::classify_operator(c->op);
        if (op.negated)
            return "the negated operator " + c->op + " is then true for every request, " + always_true_consequence(st);
        return "the comparison is then false, " + never_true_consequence(st);
    }

    void check_value(Context& context, const Policy& policy, const Statement& st, const Value& v,
                     const ConditionEntry* c) const {
        if (v.text.find("${") == std::string::npos) return;
        for (const VariableRef& ref : variables_in(v.text)) {
            std::string problem, fix;
            const std::string shown = "${" + std::string(ref.inner) + (ref.closed ? "}" : "");
            if (!ref.closed) {
                problem = "\"" + shown + "\" has no closing '}': it is literal text";
                fix = "close the variable: \"" + shown + "}\"";
            } else if (trim(ref.inner).empty()) {
                problem = "\"${}\" is an empty policy variable";
                fix = "name a key, e.g. ${aws:username}, or write ${$} for a literal '$'";
            } else if (ref.inner == "*" || ref.inner == "?" || ref.inner == "$") {
                continue;
            } else {
                std::string_view inner = ref.inner;
                std::string_view key = inner;
                if (const auto comma = inner.find(','); comma != std::string_view::npos) {
                    key = inner.substr(0, comma);
                    const std::string_view def = trim(inner.substr(comma + 1));
                    if (def.size() < 2 || def.front() != '\'' || def.back() != '\'') {
                        report(context, policy, v, "the default value of \"" + shown +
                                                       "\" must be in single quotes; IAM cannot read the variable",
                               "write ${" + std::string(trim(key)) + ", '" + std::string(def) + "'}");
                        continue;
                    }
                }
                if (trim(key) != key || key.find(' ') != std::string_view::npos) {
                    report(context, policy, v, "\"" + shown + "\" has a space in the variable name",
                           "write ${" + std::string(trim(key)) + "} without spaces");
                    continue;
                }
                const auto info = catalog::find_key(key);
                if (!info) {
                    auto near = nearest_variable(key);
                    problem = "\"" + shown + "\" names no condition key, so IAM never substitutes it";
                    fix = near ? "did you mean ${" + *near + "}?"
                               : std::string("use a known key such as ${aws:username} or "
                                             "${cognito-identity.amazonaws.com:sub}");
                } else if (eval::is_multivalued_key(key)) {
                    problem = "\"" + shown + "\" is a multivalued key, and multivalued keys cannot be policy "
                              "variables: IAM never substitutes it";
                    fix = "compare " + std::string(info->name) + " with ForAllValues:/ForAnyValue: in a condition instead";
                } else if (c) {
                    const eval::OperatorInfo op = eval::classify_operator(c->op);
                    if (op.family == eval::Family::unknown || eval::takes_variables(op.family)) continue;
                    report(context, policy, v,
                           "\"" + shown + "\" is used with " + c->op +
                               ", but policy variables work only with String and Arn operators",
                           "compare with a String or Arn operator, or write the value explicitly");
                    continue;
                } else {
                    continue;
                }
            }
            report(context, policy, v, problem + "; " + consequence(st, c), fix);
        }
    }

    void report(Context& context, const Policy& policy, const Value& v, std::string message, std::string fix) const {
        context.report(doc_, policy, v.loc, std::move(message), std::move(fix));
    }

    CheckDoc doc_{
        "unknown-variable", Severity::error,
        R"txt(A policy variable names no known key, is malformed, is multivalued, or stands where variables are not allowed.)txt",
        R"txt(Reads every ${...} in Resource, NotResource and condition values: unclosed "${", empty "${}", spaces in the name, a default value without single quotes, a key that no service or the global context defines (with the nearest real key), a multivalued key, and a variable under an operator other than String* or Arn*. Also reports variables in Action, NotAction, Principal and NotPrincipal.)txt",
        R"txt(IAM substitutes only known single-valued keys, and only in Resource and String/Arn condition values (IAM User Guide, "IAM policy elements: Variables and tags"). Anything else stays unresolved: a positive comparison with it is false (the Allow grants nothing, the Deny never fires) and a negated one is true for every request, so a row filter on ${cognito-identity.amazonaws.com:subs} with a negated Deny locks everyone out, and under ForAllValues: it lets key-less requests through. IAM Access Analyzer reports these as errors.)txt",
        R"json("Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:subs}"]}})json",
        R"json("Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}})json",
        R"txt(Severity: error: the variable never resolves, so the statement does not do what it says.)txt",
    };
};

}  // namespace

const Check& unknown_variable() {
    static const UnknownVariable check;
    return check;
}

}  // namespace ddbguard::analyze
