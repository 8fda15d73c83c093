// Builds the role policy, the trust policy and the KMS key-policy statement from a valid
// spec. Output is deterministic: keys in the order Version, Statement and Sid, Effect,
// Principal, Action, Resource, Condition; lists in spec order; 2-space indent.
//
// Shapes follow the AWS documentation:
// - row filter: ForAllValues:StringEquals dynamodb:LeadingKeys [identity variable]; column
//   filter: ForAllValues:StringEquals dynamodb:Attributes with StringEqualsIfExists
//   dynamodb:Select SPECIFIC_ATTRIBUTES (reads) and dynamodb:ReturnValues NONE,
//   UPDATED_OLD, UPDATED_NEW (updates) (DynamoDB Developer Guide, "Using IAM policy
//   conditions for fine-grained access control");
// - PartiQL: PartiQLSelect/Insert/Update/Delete, and a Deny of PartiQLSelect when
//   dynamodb:FullTableScan is true (DynamoDB Developer Guide, "IAM security policies with
//   PartiQL for DynamoDB");
// - Cognito trust: Federated cognito-identity.amazonaws.com, aud = pool id,
//   ForAnyValue:StringLike amr (Amazon Cognito Developer Guide, "Role trust and permissions");
//   web identity: the provider's app id key (www.amazon.com:app_id, accounts.google.com:aud,
//   graph.facebook.com:app_id; IAM User Guide, "Available keys for AWS web identity federation");
// - KMS: server-side encryption is reached through DynamoDB, so the role's grant is pinned with
//   kms:ViaService = dynamodb.<region>.amazonaws.com, and the key-policy statement uses
//   dynamodb.*.amazonaws.com (global-table replicas call from other Regions) with
//   kms:CallerAccount. Client-side encryption (AWS Database Encryption SDK) calls KMS directly,
//   so no ViaService there: the grant is pinned to the table by the SDK's encryption context
//   key aws-crypto-table-name (the logical table name it puts in every KMS request).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "generate/spec.hpp"

namespace ddbguard::generate {
namespace {

using ojson = nlohmann::ordered_json;

std::string dns_suffix(const std::string& partition) { return partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"; }

// "game-scores_v2" -> "GameScoresV2": Sids allow only letters and digits.
std::string sid_part(const std::string& name) {
    std::string out;
    bool upper = true;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper = false;
        } else {
            upper = true;
        }
    }
    return out;
}

class SidMaker {
public:
    std::string operator()(const std::string& base) {
        std::string sid = base;
        for (int n = 2; !used_.insert(sid).second; ++n) sid = base + std::to_string(n);
        return sid;
    }

private:
    std::set<std::string> used_;
};

ojson statement(const std::string& sid, const char* effect, const std::vector<std::string>& actions,
                const std::vector<std::string>& resources, ojson condition = nullptr) {
    ojson s;
    s["Sid"] = sid;
    s["Effect"] = effect;
    s["Action"] = actions;
    s["Resource"] = resources;
    if (!condition.is_null()) s["Condition"] = std::move(condition);
    return s;
}

std::vector<std::string> with_keys(const Table& t, const std::vector<Located>& list) {
    std::vector<std::string> out;
    auto add = [&](const std::string& a) {
        if (!a.empty() && std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
    };
    add(t.partition_key.text);
    add(t.sort_key.text);
    for (const Located& a : list) add(a.text);
    return out;
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
    for (const auto& s : from)
        if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

std::string dump(const ojson& j) { return j.dump(2) + "\n"; }

}  // namespace

std::string identity_variable(const Identity& identity) { return "${" + identity_context_key(identity) + "}"; }

std::string identity_context_key(const Identity& identity) {
    switch (identity.type) {
        case IdentityType::cognito: return "cognito-identity.amazonaws.com:sub";
        case IdentityType::web_identity:
            if (identity.provider.text == "amazon") return "www.amazon.com:user_id";
            if (identity.provider.text == "google") return "accounts.google.com:sub";
            return "graph.facebook.com:id";
        case IdentityType::iam_user: return "aws:username";
        case IdentityType::principal_tag: return "aws:PrincipalTag/" + identity.tag.text;
    }
    return {};
}

std::string table_arn(const Spec& spec, const Table& table) {
    return "arn:" + spec.partition + ":dynamodb:" + spec.region.text + ":" + spec.account.text + ":table/" + table.name.text;
}

std::string index_arn(const Spec& spec, const Table& table, const Index& index) {
    return table_arn(spec, table) + "/index/" + index.name.text;
}

Built build_policies(const Spec& spec) {
    Built built;
    SidMaker sid;
    ojson statements = ojson::array();
    const std::string variable = identity_variable(spec.identity);
    std::vector<std::string> all_actions, all_resources, partiql_tables;

    for (const Table& t : spec.tables) {
        const std::string name = sid_part(t.name.text);
        const std::string arn = table_arn(spec, t);
        std::vector<std::string> index_arns;
        for (const Index& ix : t.indexes) index_arns.push_back(index_arn(spec, t, ix));
        add_unique(all_resources, {arn});
        add_unique(all_resources, index_arns);

        auto row_filter = [&]() {
            ojson c;
            c["ForAllValues:StringEquals"]["dynamodb:LeadingKeys"] = ojson::array({variable});
            return c;
        };
        auto read_condition = [&]() {
            ojson c = row_filter();
            if (t.has_read_attributes) {
                c["ForAllValues:StringEquals"]["dynamodb:Attributes"] = with_keys(t, t.read_attributes);
                c["StringEqualsIfExists"]["dynamodb:Select"] = "SPECIFIC_ATTRIBUTES";
            }
            return c;
        };

        std::vector<std::string> reads;
        if (t.has(Operation::read)) reads.push_back("dynamodb:GetItem");
        if (t.has(Operation::read) && t.has(Operation::batch)) reads.push_back("dynamodb:BatchGetItem");
        if (t.has(Operation::query)) reads.push_back("dynamodb:Query");
        if (!reads.empty()) {
            statements.push_back(statement(sid("ReadOwnItems" + name), "Allow", reads, {arn}, read_condition()));
            add_unique(all_actions, reads);
        }
        if (t.has(Operation::query) && !index_arns.empty())
            statements.push_back(statement(sid("QueryOwnItemsByIndex" + name), "Allow", {"dynamodb:Query"}, index_arns,
                                           read_condition()));

        if (t.has_write_attributes) {
            // Only UpdateItem can be column-scoped (the reader refused PutItem/DeleteItem here).
            ojson c = row_filter();
            c["ForAllValues:StringEquals"]["dynamodb:Attributes"] = with_keys(t, t.write_attributes);
            c["StringEqualsIfExists"]["dynamodb:ReturnValues"] = ojson::array({"NONE", "UPDATED_OLD", "UPDATED_NEW"});
            statements.push_back(statement(sid("UpdateAllowedAttributes" + name), "Allow", {"dynamodb:UpdateItem"}, {arn}, c));
            add_unique(all_actions, {"dynamodb:UpdateItem"});
        } else {
            std::vector<std::string> writes;
            if (t.has(Operation::write)) writes.push_back("dynamodb:PutItem");
            if (t.has(Operation::update)) writes.push_back("dynamodb:UpdateItem");
            if (t.has(Operation::del)) writes.push_back("dynamodb:DeleteItem");
            if (t.has(Operation::batch) && (t.has(Operation::write) || t.has(Operation::del)))
                writes.push_back("dynamodb:BatchWriteItem");
            if (!writes.empty()) {
                statements.push_back(statement(sid("WriteOwnItems" + name), "Allow", writes, {arn}, row_filter()));
                add_unique(all_actions, writes);
            }
        }

        if (t.partiql) {
            std::vector<std::string> ql;
            if (t.has(Operation::read) || t.has(Operation::query)) ql.push_back("dynamodb:PartiQLSelect");
            if (t.has(Operation::write)) ql.push_back("dynamodb:PartiQLInsert");
            if (t.has(Operation::update)) ql.push_back("dynamodb:PartiQLUpdate");
            if (t.has(Operation::del)) ql.push_back("dynamodb:PartiQLDelete");
            if (!ql.empty()) {
                statements.push_back(statement(sid("PartiQLOwnItems" + name), "Allow", ql, {arn}, row_filter()));
                add_unique(all_actions, ql);
                if (ql.front() == "dynamodb:PartiQLSelect") partiql_tables.push_back(arn);
            }
        }
    }

    if (!partiql_tables.empty()) {
        ojson c;
        c["Bool"]["dynamodb:FullTableScan"] = "true";
        statements.push_back(statement(sid("DenyPartiQLFullTableScan"), "Deny", {"dynamodb:PartiQLSelect"}, partiql_tables, c));
    }
    if (spec.options.require_tls) {
        ojson c;
        c["Bool"]["aws:SecureTransport"] = "false";
        statements.push_back(statement(sid("DenyInsecureTransport"), "Deny", all_actions, all_resources, c));
    }
    if (!spec.options.vpc_endpoints.empty()) {
        ojson c;
        std::vector<std::string> ids;
        for (const Located& e : spec.options.vpc_endpoints) add_unique(ids, {e.text});
        c["StringNotEquals"]["aws:SourceVpce"] = ids;
        statements.push_back(statement(sid("DenyOutsideVpcEndpoints"), "Deny", all_actions, all_resources, c));
    }

    const std::string& key = spec.options.kms_key_arn.text;
    const std::string account_root = "arn:" + spec.partition + ":iam::" + spec.account.text + ":root";
    if (!key.empty()) {
        std::vector<std::string> table_names;
        for (const Table& t : spec.tables) table_names.push_back(t.name.text);
        ojson kp_statement;
        if (spec.options.client_side_encryption) {
            ojson c;
            c["StringEquals"]["kms:EncryptionContext:aws-crypto-table-name"] = table_names;
            statements.push_back(statement(sid("UseClientSideEncryptionKey"), "Allow",
                                           {"kms:GenerateDataKey", "kms:Decrypt"}, {key}, c));
            ojson kc;
            kc["StringEquals"]["kms:CallerAccount"] = spec.account.text;
            kc["StringEquals"]["kms:EncryptionContext:aws-crypto-table-name"] = table_names;
            kp_statement["Sid"] = "AllowClientSideEncryptionOfTables";
            kp_statement["Effect"] = "Allow";
            kp_statement["Principal"]["AWS"] = account_root;
            kp_statement["Action"] = {"kms:GenerateDataKey", "kms:Decrypt"};
            kp_statement["Resource"] = "*";
            kp_statement["Condition"] = kc;
            built.notes.push_back("kms-key-policy.json holds one statement: merge it into the key policy of " + key +
                                  " and keep the key's administrator statements.");
        } else {
            ojson c;
            c["StringEquals"]["kms:ViaService"] = "dynamodb." + spec.region.text + "." + dns_suffix(spec.partition);
            statements.push_back(statement(sid("UseTableKeyThroughDynamoDB"), "Allow", {"kms:Decrypt", "kms:GenerateDataKey"},
                                           {key}, c));
            ojson kc;
            kc["StringLike"]["kms:ViaService"] = "dynamodb.*." + dns_suffix(spec.partition);
            kc["StringEquals"]["kms:CallerAccount"] = spec.account.text;
            kp_statement["Sid"] = "AllowDynamoDBForAccountPrincipals";
            kp_statement["Effect"] = "Allow";
            kp_statement["Principal"]["AWS"] = account_root;
            kp_statement["Action"] = {"kms:Encrypt",       "kms:Decrypt",     "kms:ReEncryptFrom",
                                      "kms:ReEncryptTo",   "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
                                      "kms:DescribeKey",   "kms:CreateGrant"};
            kp_statement["Resource"] = "*";
            kp_statement["Condition"] = kc;
            built.notes.push_back("kms-key-policy.json holds one statement: merge it into the key policy of " + key +
                                  " and keep the key's administrator statements.");
        }
        ojson kp;
        kp["Version"] = "2012-10-17";
        kp["Statement"] = ojson::array({kp_statement});
        built.kms_key_policy = dump(kp);
    }

    ojson role;
    role["Version"] = "2012-10-17";
    role["Statement"] = statements;
    built.role_policy = dump(role);

    const Identity& id = spec.identity;
    if (id.type == IdentityType::cognito || id.type == IdentityType::web_identity) {
        ojson s;
        ojson c;
        if (id.type == IdentityType::cognito) {
            // China Regions name the service principal with the .com.cn suffix; the condition keys keep theirs.
            s["Sid"] = "AssumeFromIdentityPool";
            s["Effect"] = "Allow";
            s["Principal"]["Federated"] = "cognito-identity." + dns_suffix(spec.partition);
            c["StringEquals"]["cognito-identity.amazonaws.com:aud"] = id.identity_pool_id.text;
            c["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"] = id.guest ? "unauthenticated" : "authenticated";
        } else {
            const std::string& p = id.provider.text;
            const std::string provider = p == "amazon" ? "www.amazon.com" : p == "google" ? "accounts.google.com" : "graph.facebook.com";
            const std::string app_key = p == "google" ? "accounts.google.com:aud" : provider + ":app_id";
            s["Sid"] = "AssumeFromWebIdentity";
            s["Effect"] = "Allow";
            s["Principal"]["Federated"] = provider;
            c["StringEquals"][app_key] = id.app_id.text;
        }
        s["Action"] = "sts:AssumeRoleWithWebIdentity";
        s["Condition"] = c;
        ojson trust;
        trust["Version"] = "2012-10-17";
        trust["Statement"] = ojson::array({s});
        built.trust_policy = dump(trust);
    } else if (id.type == IdentityType::iam_user) {
        built.notes.push_back("No trust policy: IAM users do not assume a role. Attach role-policy.json to the users "
                              "(or their group); ${aws:username} is each user's own name.");
    } else {
        built.notes.push_back("No trust policy: whoever carries the principal tag " + id.tag.text +
                              " gets these permissions. Attach role-policy.json to those users or roles, and make sure "
                              "callers cannot set the tag themselves (iam:TagUser, iam:TagRole, sts:TagSession).");
    }
    return built;
}

}  // namespace ddbguard::generate
