// A service-specific condition key that none of the statement's actions carries.
#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "analyze/check.hpp"
#include "analyze/grammar_facts.hpp"
#include "ddbguard/catalog.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

class ConditionKeyNotForAction final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements) check_statement(context, *policy, st);
    }

private:
    void check_statement(Context& context, const Policy& policy, const Statement& st) const {
        // NotAction covers unknown sets of actions; "*" covers every action.
        if (!st.has_action || st.not_action || st.conditions.empty()) return;
        // The keys judged: known service keys (not global ones, nor a federated session's).
        // Found first, so that a statement without any skips expanding its actions.
        std::vector<std::pair<const ConditionEntry*, catalog::KeyInfo>> judged;
        for (const ConditionEntry& c : st.conditions) {
            if (catalog::is_global_key(c.key)) continue;
            // Keys of a federated session (saml:sub, an OIDC provider's "host/path:sub") belong to the
            // principal, not the action: IAM documents them for permissions policies too.
            const std::string prefix = c.key.substr(0, c.key.find(':'));
            if (util::iequals(prefix, "saml") || prefix.find('.') != std::string::npos) continue;
            if (auto key = catalog::find_key(c.key)) judged.emplace_back(&c, *key);  // else unknown-condition-key
        }
        if (judged.empty()) return;
        std::vector<std::string> actions;
        for (const Value& a : st.actions) {
            if (a.text == "*") return;
            for (std::string& m : catalog::match_actions(a.text)) actions.push_back(std::move(m));
        }
        if (actions.empty()) return;
        std::sort(actions.begin(), actions.end());
        actions.erase(std::unique(actions.begin(), actions.end()), actions.end());
        // Each action is looked up when a key first needs it: the first action usually carries the key.
        std::vector<std::optional<std::optional<catalog::ActionInfo>>> infos(actions.size());
        auto carries = [&](std::size_t i, std::string_view name) {
            if (!infos[i]) infos[i] = catalog::find_action(actions[i]);
            if (!*infos[i]) return false;
            for (std::string_view k : (*infos[i])->condition_keys)
                if (util::iequals(k, name)) return true;
            return false;
        };

        for (const auto& [c, key] : judged) {
            bool carried = false;
            for (std::size_t i = 0; i < actions.size() && !carried; ++i) carried = carries(i, key.name);
            if (carried) continue;
            std::string listed;
            for (std::size_t i = 0; i < actions.size() && i < 4; ++i) listed += (i ? ", " : "") + actions[i];
            if (actions.size() > 4) listed += " and " + std::to_string(actions.size() - 4) + " more";
            context.report(doc_, policy, c->key_loc,
                           std::string(key.name) + " is in the request of none of this statement's actions (" +
                               listed + "), so it is always absent here: " + absent_key_consequence(st, *c),
                           "move the condition to a statement whose actions carry " + std::string(key.name) +
                               " (the Service Authorization Reference lists them), or remove it");
        }
    }

    CheckDoc doc_{
        "condition-key-not-for-action", Severity::warning,
        R"txt(A service condition key is used on a statement none of whose actions carries it.)txt",
        R"txt(For each service-specific condition key (not aws:* or other global keys), checks that at least one action the statement's Action covers lists the key in the Service Authorization Reference, and says what the condition evaluates to when the key is absent. Statements with NotAction or Action "*" are skipped.)txt",
        R"txt(A key that the action does not carry is absent from its request. A positive operator on it is then always false: an Allow never applies and a Deny never fires. A negated, IfExists or ForAllValues operator is always true: the condition restricts nothing. dynamodb:LeadingKeys on a statement of DescribeTable and ListTables protects no row; IAM Access Analyzer reports such keys too.)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:DescribeTable", "dynamodb:ListStreams"],
 "Resource": "*",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:userid}"]}}})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Notes",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:userid}"]}}})json",
        R"txt(Severity: warning: on these actions the key is absent, so the condition is very likely not doing what was meant, yet other requests may carry it.)txt",
    };
};

}  // namespace

const Check& condition_key_not_for_action() {
    static const ConditionKeyNotForAction check;
    return check;
}

}  // namespace ddbguard::analyze
