// DynamoDB actions that destroy, copy out or re-permission data, named in an Allow.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

namespace {

bool is_tagging(std::string_view action) {
    return util::iequals(action, "dynamodb:TagResource") || util::iequals(action, "dynamodb:UntagResource");
}

bool is_tag_control(std::string_view action) {
    return is_tagging(action) || util::iequals(action, "dynamodb:UpdateAbacStatus");
}

class DangerousActionCheck final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        // When the set decides access by aws:ResourceTag, tag-control reports tagging grants.
        const bool tags_decide_access = resource_tag_reliance(ctx.policies()) != nullptr;
        for (const Policy* policy : ctx.policies()) {
            if (policy->kind == PolicyKind::trust || policy->kind == PolicyKind::kms_key) continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || st.not_action || !may_name_service(st, "dynamodb")) continue;
                const bool tags_constrained =
                    has_condition_on(st, "aws:TagKeys") || has_condition_on(st, "aws:RequestTag/");
                // The entries that may name a DynamoDB action, in order: the first of them that
                // matches is the one granting_value() would give, without a pass over them all
                // for each dangerous action.
                // An entry without a wildcard matches only the action it names (compared at once).
                std::vector<std::pair<const Value*, bool>> candidates;  // entry, written without a wildcard
                for (const Value& a : st.actions)
                    if (may_match_service(a.text, "dynamodb")) candidates.emplace_back(&a, !has_wildcard(a.text));
                std::string list;
                const Value* first = nullptr;
                for (const DangerousAction& d : dangerous_dynamodb_actions()) {
                    const Value* v = nullptr;
                    for (const auto& [c, literal] : candidates)
                        if (literal ? util::iequals(c->text, d.action) : action_pattern_matches(c->text, d.action)) {
                            v = c;
                            break;
                        }
                    // Broad wildcards are reported (with these actions named) by action-wildcard.
                    if (!v || action_wildcard_reports(*v)) continue;
                    if (tags_constrained && is_tagging(d.action)) continue;
                    if (tags_decide_access && is_tag_control(d.action)) continue;
                    if (!first || v->loc.line < first->loc.line ||
                        (v->loc.line == first->loc.line && v->loc.column < first->loc.column))
                        first = v;
                    list += (list.empty() ? "" : "; ") + std::string(d.action) + " " + std::string(d.sentence);
                }
                if (!first) continue;
                const bool pinned = pins_resource_by_tag(st);
                std::string message = describe(st) + " allows dangerous DynamoDB actions: " + list;
                if (pinned) message += " (an aws:ResourceTag condition limits them to tagged tables)";
                report_with(ctx, doc_, pinned ? Severity::info : Severity::warning, *policy, first->loc,
                            std::move(message),
                            "Grant these only to an administrator or deployment role, on named table ARNs, "
                            "ideally behind an aws:ResourceTag or aws:MultiFactorAuthPresent condition; remove "
                            "them from application roles");
            }
        }
    }

private:
    CheckDoc doc_{
        "dangerous-action", Severity::warning,
        R"txt(An Allow names DynamoDB actions that destroy data, copy it out, or change who can reach it.)txt",
        R"txt(Reports once per Allow statement the dangerous DynamoDB actions it grants, each with what it lets the
caller do, located at the first Action value granting one: DeleteTable, UpdateTable, the replica and
global-table actions (CreateTableReplica, DeleteTableReplica, AssociateTableReplica,
Read/WriteDataForReplication, ReplicateSettings, CreateGlobalTable, UpdateGlobalTable*), DeleteBackup,
CreateBackup, StartAwsBackupJob, RestoreTable*, ExportTableToPointInTime, ImportTable, UpdateTimeToLive,
PutResourcePolicy, DeleteResourcePolicy, the Kinesis streaming destination actions, UpdateAbacStatus,
InjectError, TagResource and UntagResource.
Severity: warning; info when the statement has a positive aws:ResourceTag condition (the grant is then
limited to tables an administrator tagged). TagResource/UntagResource are left out when the statement
constrains aws:TagKeys or aws:RequestTag, and TagResource, UntagResource and UpdateAbacStatus are left
to tag-control when the policy set decides access by aws:ResourceTag. Actions granted through "*", dynamodb:* or other write
wildcards are reported by action-wildcard, through NotAction by allow-not-action, and
UpdateContinuousBackups (turns off point-in-time recovery) by monitoring-tamper, so one grant gives
one finding. Deny statements are never reported.)txt",
        R"txt(These actions delete tables and backups, copy a whole table to another Region, an S3 bucket or a new
table the caller controls, rewrite the table's resource policy, or change the tags that tag-based
access relies on. An application role needs none of them; a leaked credential with them can destroy
or exfiltrate everything (DynamoDB Developer Guide, "Security best practices").)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:DeleteTable", "dynamodb:ExportTableToPointInTime"],
 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],
 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"txt(Severity: warning: very likely more than the application needs; info where a condition pins the grant.)txt",
    };
};

}  // namespace

const Check& dangerous_action() {
    static const DangerousActionCheck check;
    return check;
}

}  // namespace ddbguard::analyze
