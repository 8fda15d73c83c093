#include "analyze/risk_facts.hpp"

#include "analyze/statement_facts.hpp"
#include "ddbguard/catalog.hpp"
#include "evaluate/wildcard.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

bool action_pattern_matches(std::string_view pattern, std::string_view action) {
    return catalog::action_matches(pattern, action);
}

bool has_wildcard(std::string_view text) { return util::has_wildcard(text); }

const Value* granting_value(const Statement& st, std::string_view action) {
    if (!st.has_action || st.not_action) return nullptr;
    const std::string_view service = action.substr(0, action.find(':'));
    for (const Value& v : st.actions)
        if (may_match_service(v.text, service) && action_pattern_matches(v.text, action)) return &v;
    return nullptr;
}

const std::vector<DangerousAction>& dangerous_dynamodb_actions() {
    // What each action does: DynamoDB API Reference and Developer Guide (global tables,
    // backups, export/import, resource-based policies, ABAC, fault injection).
    static const std::vector<DangerousAction> list = {
        {"dynamodb:DeleteTable", "deletes a table and every item in it"},
        {"dynamodb:UpdateTable",
         "changes a table's capacity, indexes, stream, deletion protection and global-table replicas"},
        {"dynamodb:CreateTableReplica", "copies a table's data into a replica in another Region"},
        {"dynamodb:DeleteTableReplica", "deletes a global-table replica and its data in that Region"},
        {"dynamodb:AssociateTableReplica", "joins a table to a global table, replicating its data"},
        {"dynamodb:CreateGlobalTableWitness", "changes the multi-Region setup of a global table"},
        {"dynamodb:DeleteGlobalTableWitness", "changes the multi-Region setup of a global table"},
        {"dynamodb:ReadDataForReplication", "reads every item of a table for replication"},
        {"dynamodb:WriteDataForReplication", "writes items into a table as replication traffic"},
        {"dynamodb:ReplicateSettings", "copies table settings to replicas"},
        {"dynamodb:CreateGlobalTable", "creates a legacy global table that replicates data to other Regions"},
        {"dynamodb:UpdateGlobalTable", "adds or removes Regions of a legacy global table"},
        {"dynamodb:UpdateGlobalTableSettings", "changes capacity settings of a legacy global table"},
        {"dynamodb:UpdateGlobalTableVersion", "upgrades a legacy global table, changing how it replicates"},
        {"dynamodb:DeleteBackup", "deletes an on-demand backup, losing that recovery point"},
        {"dynamodb:CreateBackup", "makes a full copy of a table's data as a backup"},
        {"dynamodb:StartAwsBackupJob", "makes a full copy of a table's data through AWS Backup"},
        {"dynamodb:RestoreTableFromBackup", "restores a backup into a new table the caller can name"},
        {"dynamodb:RestoreTableFromAwsBackup", "restores an AWS Backup recovery point into a new table"},
        {"dynamodb:RestoreTableToPointInTime", "restores a table's past data into a new table"},
        {"dynamodb:ExportTableToPointInTime", "exports a table's whole data to an S3 bucket, possibly outside the account"},
        {"dynamodb:ImportTable", "creates a table from data in an S3 bucket"},
        {"dynamodb:UpdateTimeToLive", "turns on expiry of items, so DynamoDB deletes them"},
        {"dynamodb:PutResourcePolicy", "rewrites the table's resource-based policy, granting anyone access"},
        {"dynamodb:DeleteResourcePolicy", "removes the table's resource-based policy and its Deny guards"},
        {"dynamodb:EnableKinesisStreamingDestination", "streams every change of the table to a Kinesis data stream"},
        {"dynamodb:UpdateKinesisStreamingDestination", "changes where the table's changes are streamed"},
        {"dynamodb:DisableKinesisStreamingDestination", "stops streaming the table's changes to Kinesis"},
        {"dynamodb:UpdateAbacStatus", "turns attribute-based access control on or off for the account"},
        {"dynamodb:InjectError", "injects faults into DynamoDB calls (AWS FIS), disrupting applications"},
        {"dynamodb:TagResource", "changes the tags that aws:ResourceTag conditions rely on"},
        {"dynamodb:UntagResource", "removes the tags that aws:ResourceTag conditions rely on"},
    };
    return list;
}

std::string_view danger_of(std::string_view action) {
    for (const DangerousAction& d : dangerous_dynamodb_actions())
        if (util::iequals(d.action, action)) return d.sentence;
    return {};
}

std::vector<std::string> dangerous_among(const std::vector<std::string>& actions) {
    std::vector<std::string> out;
    for (const DangerousAction& d : dangerous_dynamodb_actions())
        for (const std::string& a : actions)
            if (util::iequals(d.action, a)) {
                out.emplace_back(d.action);
                break;
            }
    return out;
}

bool action_wildcard_reports(const Value& action) {
    if (!may_match_service(action.text, "dynamodb")) return false;  // "ec2:Describe*": no DynamoDB action
    if (!has_wildcard(action.text)) return false;
    if (action.text == "*") return true;
    for (const std::string& a : catalog::actions_of("dynamodb")) {
        if (!action_pattern_matches(action.text, a)) continue;
        auto info = catalog::find_action(a);
        if (info && info->access != catalog::AccessLevel::read && info->access != catalog::AccessLevel::list)
            return true;
    }
    return false;
}

bool is_scopable_data_or_control_action(std::string_view action) {
    auto info = catalog::find_action(action);
    if (!info || info->resource_types.empty()) return false;  // accepts only "*"
    switch (info->access) {
        case catalog::AccessLevel::write:
        case catalog::AccessLevel::permissions: return true;
        default: break;
    }
    // Tagging is judged by dangerous-action and tag-control. Reads that return item data (not metadata such as DescribeTable).
    static constexpr std::string_view kDataReads[] = {"GetItem", "BatchGetItem", "Query",  "Scan",
                                                      "PartiQLSelect", "GetRecords", "SearchVectors",
                                                      "ReadDataForReplication"};
    if (!util::iequals(info->service, "dynamodb")) return false;
    for (std::string_view r : kDataReads)
        if (util::iequals(info->name, r)) return true;
    return false;
}

std::string any_table_reach(std::string_view resource) {
    if (resource == "*") return "every table of every account and Region";
    if (resource.find("${") != std::string_view::npos) return {};
    std::string_view seg[6];
    if (!eval::split_arn(resource, seg)) return {};
    eval::Pattern service, rest;
    service.append_wild(seg[2]);
    rest.append_wild(seg[5]);
    if (!eval::glob_match(service.view(), "dynamodb", false)) return {};
    // Two unrelated table names: a pattern matching both matches every table name.
    if (!eval::glob_match(rest.view(), "table/ddbguard-probe-Q1", false) ||
        !eval::glob_match(rest.view(), "table/z", false))
        return {};
    const bool any_account = has_wildcard(seg[4]) || seg[4].empty();
    const bool any_region = has_wildcard(seg[3]) || seg[3].empty();
    if (any_account && any_region) return "every table of every account and Region";
    if (any_account) return "every table named in Region " + std::string(seg[3]) + " of every account";
    if (any_region) return "every table of account " + std::string(seg[4]) + " in every Region";
    return "every table of account " + std::string(seg[4]) + " in " + std::string(seg[3]);
}

bool pins_resource_by_tag(const Statement& st) {
    for (const ConditionEntry& c : st.conditions) {
        if (!util::istarts_with(c.key, "aws:ResourceTag/")) continue;
        OperatorParts parts = split_operator(c.op);
        if (parts.if_exists || parts.qualifier == "ForAllValues") continue;
        if (parts.base.find("Not") != std::string_view::npos) continue;
        if (parts.base != "StringEquals" && parts.base != "StringLike" && parts.base != "StringEqualsIgnoreCase")
            continue;
        bool all_narrow = !c.values.empty();
        for (const Value& v : c.values)
            if (v.text.empty() || v.text == "*") all_narrow = false;
        if (all_narrow) return true;
    }
    return false;
}

bool has_condition_on(const Statement& st, std::string_view key) {
    for (const ConditionEntry& c : st.conditions) {
        if (!key.empty() && key.back() == '/') {
            if (util::istarts_with(c.key, key)) return true;
        } else if (util::iequals(c.key, key)) {
            return true;
        }
    }
    return false;
}

bool principal_is_public(const PrincipalSet& p) {
    if (!p.present) return false;
    if (p.wildcard) return true;
    for (const auto& [type, values] : p.by_type)
        if (type == "AWS")
            for (const Value& v : values)
                if (v.text == "*") return true;
    return false;
}

Location public_principal_location(const PrincipalSet& p) {
    if (!p.wildcard)
        for (const auto& [type, values] : p.by_type)
            if (type == "AWS")
                for (const Value& v : values)
                    if (v.text == "*") return v.loc;
    return p.loc;
}

const Value* cognito_federated(const Statement& st) {
    for (const auto& [type, values] : st.principal.by_type)
        if (type == "Federated")
            for (const Value& v : values)
                if (util::iequals(v.text, "cognito-identity.amazonaws.com") ||
                    util::iequals(v.text, "cognito-identity.amazonaws.com.cn"))
                    return &v;
    return nullptr;
}

std::vector<CognitoTrust> cognito_trusts(const std::vector<const Policy*>& set, std::string_view claim) {
    std::vector<CognitoTrust> out;
    for (const Policy* policy : set)
        for (const Statement& st : policy->statements) {
            if (st.effect != Effect::allow || st.not_principal) continue;
            const Value* fed = cognito_federated(st);
            if (!fed || !covers_action(st, "sts:AssumeRoleWithWebIdentity")) continue;
            CognitoTrust t{policy, &st, fed, {}};
            for (std::string_view prefix : {"cognito-identity.amazonaws.com:", "cognito-identity.amazonaws.com.cn:"})
                for (const ConditionEntry* c : conditions_on(st, std::string(prefix) + std::string(claim)))
                    t.claims.push_back(c);
            out.push_back(std::move(t));
        }
    return out;
}

std::optional<Unguarded> unguarded_dynamodb_allow(const Context& ctx, bool (*guarded)(const Statement&)) {
    std::optional<Unguarded> first;
    bool every_allow_guarded = true;
    for (const Policy* policy : ctx.policies()) {
        if (policy->kind != PolicyKind::identity && policy->kind != PolicyKind::resource &&
            policy->kind != PolicyKind::unknown)
            continue;
        for (const Statement& st : policy->statements) {
            if (!covers_any_action(st, "dynamodb") || endpoint_like(*policy, st, ctx)) continue;
            if (st.effect == Effect::deny && guarded(st)) return std::nullopt;  // the set-wide guard
            if (st.effect != Effect::allow) continue;
            if (!first) first = Unguarded{policy, &st};
            every_allow_guarded = every_allow_guarded && guarded(st);
        }
    }
    if (every_allow_guarded) return std::nullopt;
    return first;
}

bool endpoint_like(const Policy& policy, const Statement& st, const Context& context) {
    if (policy.kind == PolicyKind::vpc_endpoint) return true;
    if (policy.kind != PolicyKind::resource || context.options().kind == PolicyKind::resource) return false;
    if (context.stack() && context.stack()->format != SourceFormat::policy) return false;
    if (!st.has_resource || st.not_resource || st.resources.empty()) return false;
    for (const Value& r : st.resources)
        if (r.text != "*") return false;
    return true;
}

const ConditionEntry* resource_tag_reliance(const std::vector<const Policy*>& set, const Statement** in) {
    for (const Policy* policy : set)
        for (const Statement& st : policy->statements) {
            if (st.effect == Effect::invalid || !covers_any_action(st, "dynamodb")) continue;
            for (const ConditionEntry& c : st.conditions)
                if (util::istarts_with(c.key, "aws:ResourceTag/")) {
                    if (in) *in = &st;
                    return &c;
                }
        }
    return nullptr;
}

std::string join_list(const std::vector<std::string>& items, std::size_t max) {
    std::string out;
    const std::size_t shown = items.size() > max ? max : items.size();
    for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0) out += (i + 1 == shown && shown == items.size()) ? " and " : ", ";
        out += items[i];
    }
    if (items.size() > shown) out += " and " + std::to_string(items.size() - shown) + " more";
    return out;
}

void report_with(Context& ctx, const CheckDoc& doc, Severity severity, const Policy& policy, const Location& where,
                 std::string message, std::string fix) {
    ctx.report(doc, policy, where, std::move(message), std::move(fix));
    ctx.findings().back().severity = severity;
}

}  // namespace ddbguard::analyze
