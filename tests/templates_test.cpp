// Templates and serverless.yml: what the readers make of them (principals, end users,
// tables, placeholders, variants), and that every counterexample found in a template is
// allowed by the policy set of one of its principals.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ddbguard/analyze.hpp"
#include "fixture_util.hpp"
#include "ddbguard/evaluate.hpp"
#include "sources/sources.hpp"

namespace fs = std::filesystem;

namespace {

using fixture::slurp;

ddbguard::Stack read(const std::string& path, const std::string& text, ddbguard::LintOptions options = {}) {
    std::vector<ddbguard::Input> inputs{{path, text, true}};
    std::vector<bool> skipped;
    const auto jobs = ddbguard::sources::plan(inputs, options, false, skipped);
    REQUIRE(jobs.size() == 1);
    return ddbguard::sources::read(jobs.front(), inputs, options);
}

bool is_template(const fs::path& p) {
    const std::string ext = p.extension().string();
    if (ext == ".yaml" || ext == ".yml" || ext == ".template") return true;
    if (ext != ".json") return false;
    const std::string text = slurp(p);
    return text.find("\"Resources\"") != std::string::npos && text.find("AWS::") != std::string::npos;
}

const ddbguard::Finding* first(const std::vector<ddbguard::FileReport>& reports, std::string_view id) {
    for (const auto& r : reports)
        for (const auto& f : r.findings)
            if (f.check_id == id) return &f;
    return nullptr;
}

}  // namespace

TEST_CASE("every counterexample found in a template is allowed for one of its principals", "[templates]") {
    std::size_t proofs = 0;
    for (const auto& dir : fs::directory_iterator(fs::path(DDBGUARD_SOURCE_DIR) / "policies")) {
        if (!dir.is_directory()) continue;
        for (const auto& e : fs::directory_iterator(dir.path())) {
            if (!e.path().filename().string().starts_with("bad-") || !is_template(e.path())) continue;
            const std::string text = slurp(e.path());
            const std::string path = e.path().filename().string();
            const auto reports = ddbguard::lint_each({{path, text}});
            const ddbguard::Stack stack = read(path, text);
            for (const auto& f : reports.front().findings) {
                if (!f.counterexample) continue;
                bool allowed = false;
                for (const ddbguard::StackPrincipal& p : stack.principals) {
                    std::vector<const ddbguard::Policy*> set;
                    for (std::size_t i : p.documents) set.push_back(&stack.documents[i].policy);
                    if (p.trust) set.push_back(&stack.documents[*p.trust].policy);
                    allowed = allowed || ddbguard::Evaluator(set).decide(f.counterexample->request) == ddbguard::Outcome::allow;
                }
                for (std::size_t i = 0; i < stack.documents.size() && !allowed; ++i)
                    allowed = ddbguard::Evaluator({&stack.documents[i].policy}).decide(f.counterexample->request) ==
                              ddbguard::Outcome::allow;
                INFO(e.path().string() << ": " << f.check_id << ": " << f.message);
                CHECK(allowed);
                CHECK(f.severity == ddbguard::Severity::error);
                ++proofs;
            }
        }
    }
    CHECK(proofs >= 3);
}

TEST_CASE("a CloudFormation template becomes principals, documents and tables", "[templates]") {
    const auto stack = read("t.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Notes:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: notes
      KeySchema: [{AttributeName: userId, KeyType: HASH}, {AttributeName: noteId, KeyType: RANGE}]
      LocalSecondaryIndexes:
        - {IndexName: ByDate, KeySchema: [{AttributeName: userId, KeyType: HASH}, {AttributeName: date, KeyType: RANGE}], Projection: {ProjectionType: KEYS_ONLY}}
      PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
      SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: alias/notes}
      StreamSpecification: {StreamViewType: NEW_IMAGE}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {Federated: accounts.google.com}, Action: sts:AssumeRoleWithWebIdentity}]
      Policies:
        - PolicyName: Own
          PolicyDocument: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": {"Fn::GetAtt": ["Notes", "Arn"]}}]}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess]
)");
    REQUIRE(stack.tables.size() == 1);
    const auto& t = stack.tables.front();
    CHECK(t.name == "notes");
    CHECK(t.arn == "arn:<AWS.Partition>:dynamodb:<AWS.Region>:<AWS.AccountId>:table/notes");
    CHECK(t.partition_key == "userId");
    CHECK(t.sort_key == "noteId");
    REQUIRE(t.indexes.size() == 1);
    CHECK_FALSE(t.indexes[0].global);
    CHECK(t.indexes[0].partition_key == "userId");
    CHECK(t.point_in_time_recovery == std::optional<bool>(true));
    CHECK(t.sse_type == "KMS");
    CHECK(t.kms_key == "alias/notes");
    CHECK(t.stream_view_type == "NEW_IMAGE");
    REQUIRE(stack.principals.size() == 1);
    const auto& p = stack.principals.front();
    CHECK(p.end_user);
    CHECK(p.documents.size() == 2);  // the inline policy and the AWS managed policy
    REQUIRE(p.trust);
    CHECK(stack.documents[*p.trust].policy.kind == ddbguard::PolicyKind::trust);
    bool managed = false;
    for (std::size_t i : p.documents) managed = managed || stack.documents[i].managed_policy == "AmazonDynamoDBReadOnlyAccess";
    CHECK(managed);
    // Pointers inside the template, the document root at the property.
    std::size_t own = p.documents.front();
    for (std::size_t i : p.documents)
        if (stack.documents[i].name == "inline policy Own") own = i;
    const auto& inline_doc = stack.documents[own];
    CHECK(inline_doc.policy.root.loc.pointer == "/Resources/Role/Properties/Policies/0/PolicyDocument");
    REQUIRE(inline_doc.policy.statements.size() == 1);
    CHECK(inline_doc.policy.statements[0].resources[0].text == t.arn);
    CHECK(inline_doc.policy.statements[0].resources[0].loc.line == 21);
}

TEST_CASE("a policy written as a JSON string is located inside the string", "[templates]") {
    const std::string text =
        "{\"Resources\": {\"P\": {\"Type\": \"AWS::IAM::ManagedPolicy\", \"Properties\": {\"PolicyDocument\":\n"
        "  \"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\", "
        "\\\"Action\\\": \\\"dynamodb:GetItme\\\", \\\"Resource\\\": \\\"*\\\"}]}\"}}}}\n";
    const auto reports = ddbguard::lint_each({{"t.json", text}});
    const ddbguard::Finding* f = first(reports, "unknown-action");
    REQUIRE(f);
    CHECK(f->location.line == 2);
    // The raw text: 2 spaces, the quote, then the escaped document; the action's string
    // token starts at its escaped quote.
    const std::string line2 = text.substr(text.find('\n') + 1);
    CHECK(f->location.column == line2.find("\\\"dynamodb:GetItme") + 1);
    CHECK(f->location.pointer == "/Resources/P/Properties/PolicyDocument/Statement/0/Action");
}

TEST_CASE("Fn::If gives each document a variant per branch", "[templates]") {
    const std::string text = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: !If [IsProd, dynamodb:GetItem, "dynamodb:*"]
            Resource: arn:aws:dynamodb:us-east-1:111122223333:table/T
)";
    const auto stack = read("t.yaml", text);
    REQUIRE(stack.documents.size() == 2);
    CHECK(stack.documents[0].variant == "condition IsProd = true");
    CHECK(stack.documents[1].variant == "condition IsProd = false");
    const auto reports = ddbguard::lint_each({{"t.yaml", text}});
    const ddbguard::Finding* f = first(reports, "action-wildcard");
    REQUIRE(f);
    CHECK(f->message.find("(in the variant where condition IsProd = false)") != std::string::npos);
    // A parameter that decides the condition leaves one document.
    ddbguard::LintOptions options;
    options.values.parameters["Stage"] = "prod";
    CHECK(read("t.yaml", text, options).documents.size() == 1);
}

TEST_CASE("the given Region, account and parameters fill the placeholders", "[templates]") {
    const std::string text = R"(Resources:
  T: {Type: AWS::DynamoDB::Table, Properties: {TableName: !Sub "orders-${Stage}"}}
Parameters:
  Stage: {Type: String, Default: dev}
)";
    ddbguard::LintOptions options;
    options.values.region = "cn-north-1";
    options.values.account = "111122223333";
    options.values.parameters["Stage"] = "prod";
    const auto stack = read("t.yaml", text, options);
    REQUIRE(stack.tables.size() == 1);
    CHECK(stack.tables[0].arn == "arn:aws-cn:dynamodb:cn-north-1:111122223333:table/orders-prod");
    CHECK(read("t.yaml", text).tables[0].name == "orders-<Param.Stage>");
}

TEST_CASE("serverless.yml variables resolve from the file and the parameters", "[templates]") {
    const std::string text = R"(service: notes
custom:
  table: notes-${sls:stage}
provider:
  name: aws
  stage: ${opt:stage, 'beta'}
  iamRoleStatements:
    - Effect: Allow
      Action: dynamodb:GetItem
      Resource: arn:aws:dynamodb:us-east-1:111122223333:table/${self:custom.table}
)";
    auto stack = read("serverless.yml", text);
    REQUIRE(stack.documents.size() == 1);
    CHECK(stack.documents[0].policy.statements[0].resources[0].text ==
          "arn:aws:dynamodb:us-east-1:111122223333:table/notes-beta");
    CHECK(stack.documents[0].policy.statements[0].resources[0].loc.line == 10);
    CHECK(stack.documents[0].policy.statements[0].resources[0].loc.pointer == "/provider/iamRoleStatements/0/Resource");
    ddbguard::LintOptions options;
    options.values.parameters["stage"] = "prod";
    stack = read("serverless.yml", text, options);
    CHECK(stack.documents[0].policy.statements[0].resources[0].text ==
          "arn:aws:dynamodb:us-east-1:111122223333:table/notes-prod");
}

TEST_CASE("hostile templates end in a located finding, never a crash or a hang", "[templates]") {
    // A billion laughs: nine levels of ten aliases.
    std::string bomb = "AWSTemplateFormatVersion: \"2010-09-09\"\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
        bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int j = 0; j < 10; ++j) bomb += std::string(j ? ", " : "") + "*a" + std::to_string(i - 1);
        bomb += "]\n";
    }
    bomb += "Resources: {}\n";
    auto reports = ddbguard::lint_each({{"bomb.yaml", bomb}});
    REQUIRE_FALSE(reports.front().findings.empty());
    CHECK(reports.front().findings.front().severity == ddbguard::Severity::error);
    // Deep flow nesting: stopped at the depth limit, before yaml-cpp's recursion matters.
    const std::string deep = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: " + std::string(100000, '[') + "\n";
    reports = ddbguard::lint_each({{"deep.yaml", deep}});
    REQUIRE(first(reports, "nesting-too-deep"));
    const std::string deep_json = "{\"Resources\": " + std::string(100000, '[') + "}";
    reports = ddbguard::lint_each({{"deep.json", deep_json}});
    REQUIRE(first(reports, "nesting-too-deep"));
    // Too large.
    std::string huge = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\n# ";
    huge.resize(3u << 20, 'x');
    reports = ddbguard::lint_each({{"huge.yaml", huge}});
    REQUIRE(first(reports, "file-too-large"));
}

TEST_CASE("YAML positions are code points, with a byte order mark and CRLF line ends", "[templates]") {
    const std::string body =
        "AWSTemplateFormatVersion: \"2010-09-09\"\r\nDescription: \"h\xC3\xA9llo w\xC3\xB6rld\"\r\nResources:\r\n"
        "  P:\r\n    Type: AWS::IAM::ManagedPolicy\r\n    Properties:\r\n      PolicyDocument:\r\n"
        "        Version: \"2012-10-17\"\r\n        Statement:\r\n"
        "          - {Sid: \"\xC3\xA9\", Effect: Allow, Action: \"dynamodb:GetItme\", Resource: \"*\"}\r\n";
    for (const std::string& text : {body, std::string("\xEF\xBB\xBF") + body}) {
        const auto reports = ddbguard::lint_each({{"t.yaml", text}});
        const ddbguard::Finding* f = first(reports, "unknown-action");
        REQUIRE(f);
        CHECK(f->location.line == 10);
        CHECK(f->location.column == 47);
        CHECK(f->location.pointer == "/Resources/P/Properties/PolicyDocument/Statement/0/Action");
    }
}

TEST_CASE("Fn::If combinations are capped with a finding, and a resource Condition is a variant", "[templates]") {
    std::string text = "AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  A: {Type: String}\nConditions:\n";
    for (int i = 0; i < 4; ++i) text += "  C" + std::to_string(i) + ": !Equals [!Ref A, v" + std::to_string(i) + "]\n";
    text += "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n"
            "        Version: \"2012-10-17\"\n        Statement:\n";
    for (int i = 0; i < 4; ++i)
        text += "          - !If [C" + std::to_string(i) +
                ", {Effect: Allow, Action: \"dynamodb:GetItem\", Resource: \"arn:aws:dynamodb:us-east-1:111122223333:table/T" +
                std::to_string(i) + "\"}, !Ref \"AWS::NoValue\"]\n";
    text += "  Q:\n    Type: AWS::IAM::ManagedPolicy\n    Condition: C0\n    Properties:\n      PolicyDocument:\n"
            "        Version: \"2012-10-17\"\n        Statement: [{Effect: Allow, Action: \"dynamodb:Query\", "
            "Resource: \"arn:aws:dynamodb:us-east-1:111122223333:table/T\"}]\n";
    const auto stack = read("t.yaml", text);
    std::size_t p = 0, q = 0;
    for (const auto& doc : stack.documents) (doc.owner.id == "P" ? p : q) += 1;
    CHECK(p == 8);  // 16 combinations, 8 judged
    CHECK(q == 1);  // deployed when C0 holds; the other variant has no document
    bool capped = false;
    for (const auto& f : stack.diagnostics)
        capped = capped || (f.check_id == "unresolved-value" && f.message.find("only the first 8") != std::string::npos);
    CHECK(capped);
    // Deciding the condition with a parameter leaves one document each.
    ddbguard::LintOptions options;
    options.values.parameters["A"] = "v1";
    const auto decided = read("t.yaml", text, options);
    REQUIRE(decided.documents.size() == 1);  // Q's condition C0 is false: Q is not deployed
    CHECK(decided.documents[0].policy.statements.size() == 1);
    CHECK(decided.documents[0].policy.statements[0].resources[0].text.ends_with("table/T1"));
}
