// Permissions that switch off the audit trail or the recovery point of DynamoDB tables.
#include <string>
#include <vector>

#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {

namespace {

struct TamperAction {
    std::string_view action;
    std::string_view effect;
};

// CloudTrail logs DynamoDB control-plane calls (and data events with a selector); AWS Config
// rules watch PITR, encryption and deletion protection (DynamoDB Developer Guide, "Logging and
// monitoring"; AWS Config managed rules dynamodb-pitr-enabled and others).
constexpr TamperAction kTamper[] = {
    {"cloudtrail:StopLogging", "stops a trail, so DynamoDB calls go unrecorded"},
    {"cloudtrail:DeleteTrail", "deletes a trail and its logging"},
    {"cloudtrail:PutEventSelectors", "can drop DynamoDB data events from a trail"},
    {"cloudtrail:UpdateTrail", "can redirect or narrow a trail"},
    {"config:StopConfigurationRecorder", "stops AWS Config from recording table changes"},
    {"config:DeleteConfigRule", "deletes rules such as dynamodb-pitr-enabled"},
    {"config:DeleteConfigurationRecorder", "deletes the AWS Config recorder"},
    {"config:DeleteDeliveryChannel", "stops AWS Config from delivering its findings"},
    {"dynamodb:UpdateContinuousBackups", "can turn off point-in-time recovery, losing 35 days of restore points"},
};

class MonitoringTamper final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const Policy* policy : ctx.policies()) {
            if (policy->kind == PolicyKind::trust || policy->kind == PolicyKind::kms_key) continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || !st.has_action) continue;
                // NotAction covering DynamoDB actions is reported by allow-not-action.
                if (st.not_action && covers_any_action(st, "dynamodb")) continue;
                std::string list;
                Location where = st.action_loc;
                bool found = false;
                // One pass over the actions per service instead of one per tamper action: most
                // statements name none of these services.
                const bool names_cloudtrail = may_name_service(st, "cloudtrail");
                const bool names_config = may_name_service(st, "config");
                const bool names_dynamodb = may_name_service(st, "dynamodb");
                for (const TamperAction& t : kTamper) {
                    const std::string_view service = t.action.substr(0, t.action.find(':'));
                    if (!(service == "cloudtrail" ? names_cloudtrail : service == "config" ? names_config : names_dynamodb))
                        continue;
                    if (!covers_action(st, t.action)) continue;
                    if (!st.not_action) {
                        const Value* v = granting_value(st, t.action);
                        // "*" and DynamoDB write wildcards are reported by action-wildcard.
                        if (!v || action_wildcard_reports(*v)) continue;
                        if (!found) where = v->loc;
                    }
                    found = true;
                    list += (list.empty() ? "" : "; ") + std::string(t.action) + " " + std::string(t.effect);
                }
                if (!found) continue;
                ctx.report(doc_, *policy, where,
                           describe(st) + " allows turning off monitoring or recovery: " + list + stack_targets(ctx, st),
                           "Keep these actions for a dedicated security or audit role, and add a Deny for them "
                           "(or an SCP) to application and developer roles");
            }
        }
    }

    // The stack's own trails and Config resources that the statement's actions reach, by name:
    // "; in this stack: trail AuditTrail, Config recorder Recorder".
    static std::string stack_targets(const Context& ctx, const Statement& st) {
        const Stack* stack = ctx.stack();
        if (!stack) return {};
        // Name them only when the statement's Resource is open ("*", a wildcard ARN): a
        // statement naming one trail's ARN may be about another account's trail.
        bool open = st.not_resource || !st.has_resource;
        for (const Value& r : st.resources) open = open || r.text.find('*') != std::string::npos;
        if (!open) return {};
        std::vector<std::string> names;
        const bool trails = covers_action(st, "cloudtrail:StopLogging") || covers_action(st, "cloudtrail:DeleteTrail") ||
                            covers_action(st, "cloudtrail:PutEventSelectors") || covers_action(st, "cloudtrail:UpdateTrail");
        if (trails)
            for (const StackTrail& t : stack->trails)
                if (!t.owner.id.empty()) names.push_back("trail " + t.owner.id);
        const bool config = covers_action(st, "config:StopConfigurationRecorder") ||
                            covers_action(st, "config:DeleteConfigurationRecorder");
        if (config)
            for (const Owner& r : stack->config_recorders)
                if (!r.id.empty()) names.push_back("Config recorder " + r.id);
        if (names.empty()) return {};
        std::string out = "; in this stack: ";
        for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
        return out;
    }

private:
    CheckDoc doc_{
        "monitoring-tamper", Severity::warning,
        R"txt(An Allow grants actions that stop CloudTrail or AWS Config, or turn off point-in-time recovery.)txt",
        R"txt(Reports once per Allow statement the actions it grants among cloudtrail:StopLogging, DeleteTrail,
PutEventSelectors, UpdateTrail, config:StopConfigurationRecorder, DeleteConfigRule,
DeleteConfigurationRecorder, DeleteDeliveryChannel and dynamodb:UpdateContinuousBackups, located at the
Action value that grants the first one. Grants through "*" or a DynamoDB write wildcard are reported by
action-wildcard, through NotAction over DynamoDB by allow-not-action. Deny statements are never reported.)txt",
        R"txt(Whoever can stop the trail or the Config recorder can act on tables unseen; whoever can call
UpdateContinuousBackups can turn off point-in-time recovery before deleting or corrupting data, so the
table cannot be restored to a moment before the damage (DynamoDB Developer Guide, "Point-in-time
recovery"; AWS CloudTrail User Guide).)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:UpdateContinuousBackups", "cloudtrail:StopLogging"], "Resource": "*"})json",
        R"json({"Effect": "Deny", "Action": ["dynamodb:UpdateContinuousBackups", "cloudtrail:StopLogging",
 "cloudtrail:DeleteTrail", "config:StopConfigurationRecorder"], "Resource": "*"})json",
        R"txt(Severity: warning: very likely more than the role needs, and it lets the role hide what it does.)txt",
    };
};

}  // namespace

const Check& monitoring_tamper() {
    static const MonitoringTamper check;
    return check;
}

}  // namespace ddbguard::analyze
