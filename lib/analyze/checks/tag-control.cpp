// Tag-based access (aws:ResourceTag) next to unconstrained permission to change tags.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

namespace {

constexpr std::string_view kTagActions[] = {"dynamodb:TagResource", "dynamodb:UntagResource",
                                            "dynamodb:UpdateAbacStatus"};

bool denied_somewhere(const std::vector<const Policy*>& set, std::string_view action) {
    for (const Policy* policy : set)
        for (const Statement& st : policy->statements)
            if (st.effect == Effect::deny && covers_action(st, action)) return true;
    return false;
}

class TagControl final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        const Statement* relying = nullptr;
        const ConditionEntry* cond = resource_tag_reliance(ctx.policies(), &relying);
        if (!cond) return;
        for (const Policy* policy : ctx.policies()) {
            if (policy->kind == PolicyKind::trust || policy->kind == PolicyKind::kms_key) continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow) continue;
                const bool constrained =
                    has_condition_on(st, "aws:TagKeys") || has_condition_on(st, "aws:RequestTag/");
                std::vector<std::string> open;
                Location where = st.action_loc;
                for (std::string_view a : kTagActions) {
                    if (!covers_action(st, a) || denied_somewhere(ctx.policies(), a)) continue;
                    // UpdateAbacStatus takes no tags: TagKeys/RequestTag do not constrain it.
                    if (constrained && !util::iequals(a, "dynamodb:UpdateAbacStatus")) continue;
                    if (open.empty())
                        if (const Value* v = granting_value(st, a)) where = v->loc;
                    open.emplace_back(a);
                }
                if (open.empty()) continue;
                ctx.report(doc_, *policy, where,
                           describe(st) + " allows " + join_list(open) + " without an aws:TagKeys or "
                           "aws:RequestTag condition, while " + describe(*relying) + " decides access by " +
                           cond->key + ": the caller can retag a table to give itself access",
                           "Constrain tagging, e.g. \"Condition\": {\"ForAllValues:StringEquals\": {\"aws:TagKeys\": "
                           "[\"CostCenter\"]}}, so the keys used for access cannot be set or removed; or Deny "
                           "TagResource/UntagResource on those keys, and keep UpdateAbacStatus for administrators");
            }
        }
    }

private:
    CheckDoc doc_{
        "tag-control", Severity::warning,
        R"txt(Access depends on aws:ResourceTag, yet the caller may change DynamoDB tags freely.)txt",
        R"txt(When some statement of the policy set (Allow or Deny) decides DynamoDB access with an
aws:ResourceTag/... condition, reports each Allow statement that grants dynamodb:TagResource or
UntagResource without an aws:TagKeys or aws:RequestTag/... condition, or grants UpdateAbacStatus, unless
a Deny statement of the set covers that action. Located at the Action value that grants it.)txt",
        R"txt(A tag condition is only as strong as the control over the tags (IAM User Guide, "Controlling access to
AWS resources using tags"; DynamoDB Developer Guide, "Using ABAC with DynamoDB"). A caller that can tag
any table with team=payments reads the payments team's tables; one that can untag can escape a Deny
keyed on a tag; UpdateAbacStatus switches tag-based authorization for the account.)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:TagResource"], "Resource": "*",
 "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
 "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}},
{"Effect": "Allow", "Action": "dynamodb:TagResource", "Resource": "*",
 "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["CostCenter"]}}})json",
        R"txt(Severity: warning: the tag condition very likely does not protect what it seems to.)txt",
    };
};

}  // namespace

const Check& tag_control() {
    static const TagControl check;
    return check;
}

}  // namespace ddbguard::analyze
