// The Terraform reader: .tf modules to the infrastructure model, positions in the .tf
// files, escapes, references and the practices (lib/sources/terraform).
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "ddbguard/analyze.hpp"
#include "fixture_util.hpp"
#include "sources/sources.hpp"
#include "sources/terraform/tfvars.hpp"

namespace fs = std::filesystem;
using namespace ddbguard;

namespace {

Stack read_module(const std::vector<std::pair<std::string, std::string>>& files, const LintOptions& options = {}) {
    std::vector<Input> inputs;
    for (const auto& [path, bytes] : files) inputs.push_back({path, bytes, true});
    std::vector<const Input*> pointers;
    for (const Input& i : inputs) pointers.push_back(&i);
    return sources::read_terraform(pointers, options);
}

const StackDocument* document_named(const Stack& s, const std::string& owner, const std::string& name = {}) {
    for (const StackDocument& d : s.documents)
        if (d.owner.id == owner && (name.empty() || d.name == name)) return &d;
    return nullptr;
}

const StackPrincipal* principal(const Stack& s, const std::string& id) {
    for (const StackPrincipal& p : s.principals)
        if (p.owner.id == id) return &p;
    return nullptr;
}

std::vector<Finding> findings_of(const std::vector<FileReport>& reports, const std::string& id) {
    std::vector<Finding> out;
    for (const FileReport& r : reports)
        for (const Finding& f : r.findings)
            if (f.check_id == id) out.push_back(f);
    return out;
}

std::string at(const Finding& f) { return std::to_string(f.location.line) + ":" + std::to_string(f.location.column); }

const char* const kModule = R"tf(variable "table" {
  default = "Orders"
}

locals {
  prefix = "app"
}

resource "aws_dynamodb_table" "orders" {
  name      = var.table
  hash_key  = "customerId"
  range_key = "orderId"
  global_secondary_index {
    name            = "ByStatus"
    hash_key        = "status"
    projection_type = "KEYS_ONLY"
  }
  point_in_time_recovery {
    enabled = true
  }
  tags = { Security = "high", Environment = "prod" }
}

resource "aws_iam_role" "app" {
  name = "${local.prefix}-role"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  inline_policy {
    name   = "read"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = aws_dynamodb_table.orders.arn }]
    })
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "write" {
  name   = "write"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": "${aws_dynamodb_table.orders.arn}"}]
    }
  EOF
}

resource "aws_iam_role_policy_attachment" "write" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.write.arn
}

resource "aws_iam_role_policy_attachment" "managed" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"
}
)tf";

}  // namespace

TEST_CASE("a Terraform module becomes principals, documents and tables", "[terraform]") {
    const Stack s = read_module({{"infra/main.tf", kModule}});
    INFO((s.diagnostics.empty() ? std::string() : s.diagnostics.front().message));
    CHECK(s.format == SourceFormat::terraform);
    REQUIRE(s.tables.size() == 1);
    const StackTable& t = s.tables[0];
    CHECK(t.owner.id == "aws_dynamodb_table.orders");
    CHECK(t.name == "Orders");
    CHECK(t.arn == "arn:<AWS.Partition>:dynamodb:<AWS.Region>:<AWS.AccountId>:table/Orders");
    CHECK(t.partition_key == "customerId");
    CHECK(t.sort_key == "orderId");
    REQUIRE(t.indexes.size() == 1);
    CHECK(t.indexes[0].name == "ByStatus");
    CHECK(t.indexes[0].partition_key == "status");
    CHECK(t.indexes[0].global);
    CHECK(t.point_in_time_recovery == std::optional<bool>(true));
    CHECK(t.tags.size() == 2);

    const StackPrincipal* role = principal(s, "aws_iam_role.app");
    REQUIRE(role);
    REQUIRE(role->trust);
    CHECK(s.documents[*role->trust].policy.kind == PolicyKind::trust);
    // Inline policy, the attached aws_iam_policy, and the AWS managed policy.
    CHECK(role->documents.size() == 3);
    std::set<std::string> names;
    for (std::size_t d : role->documents) names.insert(s.documents[d].name);
    CHECK(names.count("inline policy read") == 1);
    CHECK(names.count("managed policy") == 1);
    CHECK(names.count("AWS managed policy AmazonDynamoDBReadOnlyAccess") == 1);

    // The ARN of the table inside jsonencode, at the element that names it.
    const StackDocument* inline_doc = document_named(s, "aws_iam_role.app", "inline policy read");
    REQUIRE(inline_doc);
    REQUIRE(inline_doc->policy.statements.size() == 1);
    const Statement& st = inline_doc->policy.statements[0];
    REQUIRE(st.resources.size() == 1);
    CHECK(st.resources[0].text == t.arn);
    CHECK(st.resources[0].loc.line == 31);
    CHECK(st.resources[0].loc.column == 80);
    CHECK(inline_doc->policy.path == "infra/main.tf");

    // The heredoc: positions are the lines inside it.
    const StackDocument* write = document_named(s, "aws_iam_policy.write");
    REQUIRE(write);
    REQUIRE(write->policy.statements.size() == 1);
    CHECK(write->policy.statements[0].actions[0].loc.line == 51);
    CHECK(write->policy.statements[0].resources[0].text == t.arn);

    // The data source: positions are the attributes of the statement block.
    const Policy& trust = s.documents[*role->trust].policy;
    REQUIRE(trust.statements.size() == 1);
    CHECK(trust.statements[0].actions[0].loc.line == 38);
}

TEST_CASE("Terraform variables: defaults, --var, and what stays unknown", "[terraform]") {
    const char* tf = R"tf(variable "table" {}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = "arn:aws:dynamodb:us-east-1:111122223333:table/${var.table}" }]
  })
}
)tf";
    {
        const Stack s = read_module({{"main.tf", tf}});
        REQUIRE(s.documents.size() == 1);
        CHECK(s.documents[0].policy.statements[0].resources[0].text ==
              "arn:aws:dynamodb:us-east-1:111122223333:table/<var.table>");
        bool named = false;
        for (const Finding& f : s.diagnostics)
            named = named || (f.check_id == "unresolved-value" && f.message.find("var.table") != std::string::npos &&
                              f.fix.find("--var table=") != std::string::npos);
        CHECK(named);
    }
    LintOptions options;
    options.values.variables["table"] = "Orders";
    const Stack s = read_module({{"main.tf", tf}}, options);
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].policy.statements[0].resources[0].text == "arn:aws:dynamodb:us-east-1:111122223333:table/Orders");
    CHECK(s.diagnostics.empty());
}

TEST_CASE("a Terraform policy that cannot be built is a finding naming the reference", "[terraform]") {
    const Stack s = read_module({{"main.tf", R"tf(variable "doc" {}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = var.doc
}
)tf"}});
    CHECK(s.documents.empty());
    REQUIRE(s.diagnostics.size() == 1);
    CHECK(s.diagnostics[0].check_id == "unresolved-value");
    CHECK(s.diagnostics[0].severity == Severity::warning);
    CHECK(s.diagnostics[0].message.find("aws_iam_policy.p") != std::string::npos);
    CHECK(s.diagnostics[0].message.find("var.doc") != std::string::npos);
    CHECK(at(s.diagnostics[0]) == "4:12");
}

TEST_CASE("Terraform escapes: $${...}, &{...} in the data source, and the mistakes", "[terraform]") {
    const char* tf = R"tf(data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["dynamodb:GetItem"]
    resources = ["arn:aws:dynamodb:us-east-1:111122223333:table/T"]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "dynamodb:LeadingKeys"
      values   = ["&{aws:username}"]
    }
  }
}
resource "aws_iam_policy" "d" {
  name   = "d"
  policy = data.aws_iam_policy_document.d.json
}
resource "aws_iam_policy" "e" {
  name   = "e"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = "arn:aws:dynamodb:us-east-1:111122223333:table/$${aws:username}" }] })
}
resource "aws_iam_policy" "bare" {
  name   = "bare"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = "arn:aws:dynamodb:us-east-1:111122223333:table/${aws:username}" }] })
}
)tf";
    const Stack s = read_module({{"main.tf", tf}});
    const StackDocument* d = document_named(s, "aws_iam_policy.d");
    REQUIRE(d);
    CHECK(d->policy.statements[0].conditions[0].values[0].text == "${aws:username}");
    CHECK(d->policy.statements[0].conditions[0].values[0].loc.line == 8);
    const StackDocument* e = document_named(s, "aws_iam_policy.e");
    REQUIRE(e);
    CHECK(e->policy.statements[0].resources[0].text == "arn:aws:dynamodb:us-east-1:111122223333:table/${aws:username}");
    // The bare one is reported, and the policy still judged as meant.
    const StackDocument* bare = document_named(s, "aws_iam_policy.bare");
    REQUIRE(bare);
    CHECK(bare->policy.statements[0].resources[0].text == "arn:aws:dynamodb:us-east-1:111122223333:table/${aws:username}");
    REQUIRE(s.diagnostics.size() == 1);
    CHECK(s.diagnostics[0].check_id == "terraform-unescaped-variable");
    CHECK(at(s.diagnostics[0]) == "22:169");
}

TEST_CASE("file() reads a policy beside the module, with positions in that file", "[terraform]") {
    const fs::path dir = fs::temp_directory_path() / "ddbguard-tf-file-test";
    fs::create_directories(dir);
    {
        std::ofstream(dir / "policy.json") << "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\",\n"
                                               "    \"Action\": \"dynamodb:*\", \"Resource\": \"*\"}]\n}\n";
    }
    const std::string main = (dir / "main.tf").string();
    const Stack s = read_module({{main, "resource \"aws_iam_policy\" \"p\" {\n  name = \"p\"\n  policy = file(\"${path.module}/policy.json\")\n}\n"}});
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].policy.path.ends_with("policy.json"));
    CHECK(s.documents[0].policy.statements[0].actions[0].loc.line == 4);
    CHECK(s.documents[0].policy.statements[0].actions[0].loc.column == 15);
    fs::remove_all(dir);
}

TEST_CASE("an identity pool's authenticated role is end-user-facing and leaks without a row filter", "[terraform]") {
    const fs::path fixture =
        fs::path(DDBGUARD_SOURCE_DIR) / "policies/unscoped-end-user-access/bad-tf-identity-pool-full-access";
    const auto reports = fixture::lint(fixture);
    const auto leaks = findings_of(reports, "unscoped-end-user-access");
    REQUIRE(leaks.size() == 1);
    CHECK(leaks[0].severity == Severity::error);
    CHECK(leaks[0].counterexample.has_value());
    CHECK(leaks[0].message.find("aws_iam_role_policy.notes") != std::string::npos);
    CHECK(leaks[0].message.find("identity pool aws_cognito_identity_pool.main") != std::string::npos);
}

TEST_CASE("a row-level aws_iam_policy_document for an identity pool role is clean", "[terraform]") {
    const fs::path fixture =
        fs::path(DDBGUARD_SOURCE_DIR) / "policies/unscoped-end-user-access/good-tf-row-level-policy-document.tf";
    for (const FileReport& r : fixture::lint(fixture))
        for (const Finding& f : r.findings) {
            INFO(f.check_id << " " << f.message);
            CHECK(f.severity == Severity::info);
        }
}

TEST_CASE("a Terraform stack that meets the practices gives no practice finding", "[terraform]") {
    const fs::path fixture = fs::path(DDBGUARD_SOURCE_DIR) / "policies/table-pitr-disabled/good-tf-complete-stack";
    static const std::set<std::string> practices = {
        "table-pitr-disabled", "table-deletion-protection-disabled", "table-sse-owned-key", "table-without-stream",
        "table-missing-tags", "trail-without-dynamodb-data-events", "config-without-dynamodb-rules",
        "vpc-without-dynamodb-endpoint", "identity-pool-guest-writes", "identity-pool-classic-flow",
        "iam-user-data-access", "stream-images-row-scoped", "kms-key-account-wide", "kms-grant-without-via-service",
        "unresolved-value"};
    const auto reports = fixture::lint(fixture);
    std::size_t files = 0;
    for (const FileReport& r : reports) {
        ++files;
        for (const Finding& f : r.findings) {
            INFO(r.path << ": " << f.check_id << " " << f.message);
            CHECK(practices.count(f.check_id) == 0);
            CHECK(f.severity == Severity::info);
        }
    }
    CHECK(files == 4);
    // The model the practice checks read.
    std::vector<Input> inputs;
    for (const auto& [path, bytes] : fixture::inputs(fixture)) inputs.push_back({path, bytes, true});
    std::vector<const Input*> pointers;
    for (const Input& i : inputs) pointers.push_back(&i);
    const Stack s = sources::read_terraform(pointers, LintOptions{});
    REQUIRE(s.tables.size() == 1);
    CHECK(s.tables[0].deletion_protection == std::optional<bool>(true));
    CHECK(s.tables[0].sse_enabled == std::optional<bool>(true));
    CHECK(s.tables[0].stream_view_type == "KEYS_ONLY");
    CHECK(s.trails.size() == 1);
    CHECK(s.config_rules.size() == 2);
    CHECK(s.config_recorders.size() == 1);
    CHECK(s.vpc_endpoints.size() == 1);
    REQUIRE(s.workloads.size() == 1);
    CHECK(s.workloads[0].principal == "aws_iam_role.orders");
    CHECK(s.workloads[0].vpc == "aws_vpc.main");
    REQUIRE(s.kms_keys.size() == 1);
    CHECK(s.kms_keys[0].policy.has_value());
}

TEST_CASE("a .tf file that does not parse is a located finding, the module's other files are read", "[terraform]") {
    const Stack s = read_module({{"a.tf", "resource \"aws_iam_policy\" \"p\" {\n  name = \n}\n"},
                                 {"b.tf", "resource \"aws_dynamodb_table\" \"t\" {\n  name = \"T\"\n  hash_key = \"id\"\n}\n"}});
    REQUIRE(!s.diagnostics.empty());
    CHECK(s.diagnostics[0].check_id == "invalid-hcl");
    CHECK(s.diagnostics[0].path == "a.tf");
    CHECK(s.diagnostics[0].location.line == 2);
    CHECK(s.tables.size() == 1);
}

TEST_CASE("Terraform variables from the command line: lists as HCL, and .tfvars files", "[terraform]") {
    const char* tf = R"tf(variable "actions" {}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "arn:aws:dynamodb:us-east-1:111122223333:table/T" }]
  })
}
)tf";
    LintOptions options;
    REQUIRE(sources::read_tfvars("actions = [\"dynamodb:GetItem\", \"dynamodb:Query\"]\nname = \"x\"\n",
                                 options.values.variables) == "");
    CHECK(options.values.variables["name"] == "x");
    const Stack s = read_module({{"main.tf", tf}}, options);
    REQUIRE(s.documents.size() == 1);
    REQUIRE(s.documents[0].policy.statements[0].actions.size() == 2);
    CHECK(s.documents[0].policy.statements[0].actions[1].text == "dynamodb:Query");
    CHECK(s.diagnostics.empty());
    std::map<std::string, std::string> bad;
    CHECK(sources::read_tfvars("x = \n", bad).rfind("1:5: ", 0) == 0);
}

TEST_CASE("a Terraform plan: planned values, data sources rebuilt from the configuration's references", "[terraform]") {
    const fs::path fixture = fs::path(DDBGUARD_SOURCE_DIR) / "policies/unscoped-end-user-access/good-tf-plan-row-level.json";
    const std::string bytes = fixture::slurp(fixture);
    const Input input{fixture.string(), bytes, true};
    const Stack s = sources::read_terraform_plan(input, LintOptions{});
    CHECK(s.format == SourceFormat::terraform_plan);
    CHECK(s.diagnostics.empty());
    REQUIRE(s.tables.size() == 1);
    CHECK(s.tables[0].partition_key == "userId");
    const StackPrincipal* role = principal(s, "aws_iam_role.authenticated");
    REQUIRE(role);
    CHECK(role->end_user);
    CHECK(role->end_user_reason.find("identity pool") != std::string::npos);
    REQUIRE(role->documents.size() == 1);
    const Policy& p = s.documents[role->documents[0]].policy;
    CHECK(p.path == fixture.string());
    REQUIRE(p.statements.size() == 1);
    // The data source's resources were unknown at plan time: rebuilt from the reference.
    CHECK(p.statements[0].resources[0].text == s.tables[0].arn);
    CHECK(p.statements[0].conditions[0].values[0].text == "${cognito-identity.amazonaws.com:sub}");
    // Positions: the resource's values in the plan, and the address in the pointer.
    CHECK(p.statements[0].actions[0].loc.line == 22);
    CHECK(p.statements[0].actions[0].loc.pointer == "/aws_iam_role_policy.notes/policy/Statement/0/Action/0");
}

TEST_CASE("every prefix of the Terraform fixtures ends in findings, never a crash", "[terraform]") {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(DDBGUARD_SOURCE_DIR) / "policies"))
        if (e.path().extension() == ".tf" || e.path().filename().string().starts_with("bad-tf-plan") ||
            e.path().filename().string().starts_with("good-tf-plan"))
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 10);
    std::size_t runs = 0;
    for (const fs::path& f : files) {
        const std::string bytes = fixture::slurp(f);
        const bool plan = f.extension() == ".json";
        for (std::size_t n = 0; n < bytes.size(); n += 17) {
            LintOptions options;
            options.format = plan ? SourceFormat::terraform_plan : SourceFormat::terraform;
            const auto reports = lint_inputs({{plan ? "plan.json" : "m/main.tf", bytes.substr(0, n), true}}, options);
            CHECK(reports.size() == 1);
            ++runs;
        }
    }
    CHECK(runs > 100);
}

TEST_CASE("Terraform: dynamic statements, source and override documents, count and managed policy ARNs", "[terraform]") {
    const char* tf = R"tf(locals {
  tables = { orders = "Orders", users = "Users" }
}
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["dynamodb:GetItem"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "narrow" {
  statement {
    sid       = "Read"
    actions   = ["dynamodb:Query"]
    resources = ["arn:aws:dynamodb:us-east-1:111122223333:table/Orders"]
  }
}
data "aws_iam_policy_document" "all" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.narrow.json]
  dynamic "statement" {
    for_each = local.tables
    content {
      sid       = "Write${statement.key}"
      actions   = ["dynamodb:PutItem"]
      resources = ["arn:aws:dynamodb:us-east-1:111122223333:table/${statement.value}"]
    }
  }
}
resource "aws_iam_role" "app" {
  count               = 2
  name                = "app"
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess", aws_iam_policy.all.arn]
}
resource "aws_iam_policy" "all" {
  name   = "all"
  policy = data.aws_iam_policy_document.all.json
}
)tf";
    const Stack s = read_module({{"main.tf", tf}});
    for (const Finding& f : s.diagnostics) INFO(f.message);
    CHECK(s.diagnostics.empty());
    const StackDocument* all = document_named(s, "aws_iam_policy.all");
    REQUIRE(all);
    const auto& st = all->policy.statements;
    REQUIRE(st.size() == 3);
    // The override replaced the source's statement of the same Sid; the dynamic block gave one per table.
    CHECK(st[0].sid->text == "Read");
    CHECK(st[0].actions[0].text == "dynamodb:Query");
    CHECK(st[1].sid->text == "Writeorders");
    CHECK(st[2].resources[0].text == "arn:aws:dynamodb:us-east-1:111122223333:table/Users");
    const StackPrincipal* role = principal(s, "aws_iam_role.app");
    REQUIRE(role);
    CHECK(role->documents.size() == 2);
}

TEST_CASE("the default AWS provider's region fills the table ARNs unless --region says", "[terraform]") {
    const char* tf = R"tf(provider "aws" {
  region = var.region
}
provider "aws" {
  alias  = "replica"
  region = "us-west-2"
}
variable "region" {
  default = "eu-west-1"
}
resource "aws_dynamodb_table" "t" {
  name     = "T"
  hash_key = "id"
}
)tf";
    const Stack s = read_module({{"main.tf", tf}});
    REQUIRE(s.tables.size() == 1);
    CHECK(s.tables[0].arn == "arn:aws:dynamodb:eu-west-1:<AWS.AccountId>:table/T");
    LintOptions options;
    options.values.region = "us-east-1";
    const Stack given = read_module({{"main.tf", tf}}, options);
    CHECK(given.tables[0].arn == "arn:aws:dynamodb:us-east-1:<AWS.AccountId>:table/T");
}

TEST_CASE("a JSON file a module reads with file() is linted with the module, not again on its own", "[terraform]") {
    const fs::path dir = fs::path(DDBGUARD_SOURCE_DIR) / "policies/data-access-on-any-resource/bad-tf-user-group-attachments";
    std::vector<Input> inputs;
    for (const char* name : {"iam.tf", "scan.json"})
        inputs.push_back({(dir / name).string(), fixture::slurp(dir / name), false});  // met in a directory walk
    const auto reports = lint_inputs(inputs);
    REQUIRE(reports.size() == 2);
    const auto& scan = reports[1];
    CHECK(scan.format == SourceFormat::terraform);
    REQUIRE(scan.findings.size() >= 1);
    std::size_t star = 0;
    for (const Finding& f : scan.findings)
        if (f.check_id == "data-access-on-any-resource") {
            ++star;
            CHECK(f.message.rfind("aws_iam_policy.scan: ", 0) == 0);
        }
    CHECK(star == 1);
}

TEST_CASE("a long chain of Terraform locals ends in a finding, not a stack overflow", "[terraform]") {
    std::string tf = "locals {\n  l0 = \"dynamodb:GetItem\"\n";
    for (int i = 1; i < 5000; ++i) tf += "  l" + std::to_string(i) + " = local.l" + std::to_string(i - 1) + "\n";
    tf += "}\nresource \"aws_iam_policy\" \"p\" {\n  name = \"p\"\n  policy = jsonencode({ Version = \"2012-10-17\", "
          "Statement = [{ Effect = \"Allow\", Action = local.l4999, Resource = \"*\" }] })\n}\n";
    const Stack s = read_module({{"main.tf", tf}});
    bool deep = false;
    for (const Finding& f : s.diagnostics) deep = deep || f.message.find("nested deeper") != std::string::npos;
    CHECK(deep);
}

TEST_CASE("policy attachments with for_each over managed policy ARNs attach each of them", "[terraform]") {
    const char* tf = R"tf(resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy_attachment" "managed" {
  for_each   = toset(["arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"])
  role       = aws_iam_role.app.name
  policy_arn = each.value
}
)tf";
    const Stack s = read_module({{"main.tf", tf}});
    const StackPrincipal* role = principal(s, "aws_iam_role.app");
    REQUIRE(role);
    CHECK(role->unknown_policies.empty());
    std::set<std::string> names;
    for (std::size_t d : role->documents) names.insert(s.documents[d].managed_policy);
    CHECK(names == std::set<std::string>{"AmazonDynamoDBReadOnlyAccess", "AmazonDynamoDBFullAccess"});
}

TEST_CASE("Terraform JSON syntax files are not taken for policies", "[terraform]") {
    CHECK(!sources::detect("main.tf.json", R"({"resource": {"aws_iam_policy": {"p": {"policy": "{\"Statement\": []}"}}}})"));
    CHECK(sources::detect("main.tf", "") == SourceFormat::terraform);
}

TEST_CASE("identity pool roles given through a local are end-user-facing too", "[terraform]") {
    const char* tf = R"tf(resource "aws_iam_role" "auth" {
  name               = "auth"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_cognito_identity_pool" "p" {
  identity_pool_name = "p"
}
locals {
  roles = merge({ authenticated = aws_iam_role.auth.arn }, {})
}
resource "aws_cognito_identity_pool_roles_attachment" "p" {
  identity_pool_id = aws_cognito_identity_pool.p.id
  roles            = local.roles
}
)tf";
    const Stack s = read_module({{"main.tf", tf}});
    const StackPrincipal* role = principal(s, "aws_iam_role.auth");
    REQUIRE(role);
    CHECK(role->end_user);
    REQUIRE(s.identity_pools.size() == 1);
    CHECK(s.identity_pools[0].authenticated_role == "aws_iam_role.auth");
}

TEST_CASE("policy attachments name their principals by reference, by name, or through a list value", "[terraform]") {
    const char* tf = R"tf(resource "aws_iam_role" "a" {
  name               = "a"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role" "b" {
  name               = "b"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
locals {
  roles = [aws_iam_role.a.name, "b"]
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = "*" }] })
}
resource "aws_iam_policy_attachment" "p" {
  name       = "p"
  roles      = local.roles
  policy_arn = aws_iam_policy.p.arn
}
)tf";
    const Stack s = read_module({{"main.tf", tf}});
    for (const char* id : {"aws_iam_role.a", "aws_iam_role.b"}) {
        const StackPrincipal* role = principal(s, id);
        REQUIRE(role);
        CHECK(role->documents.size() == 1);
    }
}

TEST_CASE("role policies with for_each over known policies give one document each", "[terraform]") {
    const char* tf = R"tf(resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
locals {
  policies = {
    read  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = "*" }] })
    write = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "dynamodb:PutItem", Resource = "*" }] })
  }
}
resource "aws_iam_role_policy" "each" {
  for_each = local.policies
  name     = each.key
  role     = aws_iam_role.app.id
  policy   = each.value
}
)tf";
    const Stack s = read_module({{"main.tf", tf}});
    for (const Finding& f : s.diagnostics) INFO(f.message);
    CHECK(s.diagnostics.empty());
    const StackPrincipal* role = principal(s, "aws_iam_role.app");
    REQUIRE(role);
    REQUIRE(role->documents.size() == 2);
    std::set<std::string> names, actions;
    for (std::size_t d : role->documents) {
        names.insert(s.documents[d].name);
        actions.insert(s.documents[d].policy.statements[0].actions[0].text);
    }
    CHECK(names == std::set<std::string>{"inline policy each[\"read\"]", "inline policy each[\"write\"]"});
    CHECK(actions == std::set<std::string>{"dynamodb:GetItem", "dynamodb:PutItem"});
}

TEST_CASE("EC2 instances in a subnet of the module are workloads with their profile's role", "[terraform]") {
    const char* tf = R"tf(resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_instance_profile" "app" {
  name = "app"
  role = aws_iam_role.app.name
}
resource "aws_instance" "app" {
  ami                  = "ami-12345678"
  instance_type        = "t3.micro"
  subnet_id            = aws_subnet.a.id
  iam_instance_profile = aws_iam_instance_profile.app.name
}
)tf";
    const Stack s = read_module({{"main.tf", tf}});
    REQUIRE(s.workloads.size() == 1);
    CHECK(s.workloads[0].vpc == "aws_vpc.main");
    CHECK(s.workloads[0].principal == "aws_iam_role.app");
}

TEST_CASE("templatefile() policies: variables filled, positions in the template", "[terraform]") {
    const fs::path dir = fs::temp_directory_path() / "ddbguard-tf-templatefile-test";
    fs::create_directories(dir);
    std::ofstream(dir / "policy.json.tpl")
        << "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"dynamodb:GetItem\",\n"
           "    \"Resource\": \"${table_arn}\"}]\n}\n";
    const std::string main = (dir / "main.tf").string();
    const Stack s = read_module({{main, R"tf(resource "aws_dynamodb_table" "t" {
  name     = "T"
  hash_key = "id"
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = templatefile("${path.module}/policy.json.tpl", { table_arn = aws_dynamodb_table.t.arn })
}
)tf"}});
    const StackDocument* p = document_named(s, "aws_iam_policy.p");
    REQUIRE(p);
    CHECK(p->policy.path.ends_with("policy.json.tpl"));
    REQUIRE(p->policy.statements.size() == 1);
    CHECK(p->policy.statements[0].resources[0].text == s.tables[0].arn);
    CHECK(p->policy.statements[0].actions[0].loc.line == 3);
    fs::remove_all(dir);
}

TEST_CASE("a JSON template a module fills with templatefile() is not linted on its own in a walk", "[terraform]") {
    std::vector<Input> inputs{
        {"m/main.tf", "resource \"aws_iam_policy\" \"p\" {\n  name = \"p\"\n  policy = templatefile(\"${path.module}/p.json\", { t = \"x\" })\n}\n", false},
        {"m/p.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"dynamodb:GetItem\", \"Resource\": \"${t}\"}]}", false}};
    std::vector<bool> skipped;
    const auto jobs = sources::plan(inputs, LintOptions{}, false, skipped);
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].inputs.size() == 2);
    CHECK(jobs[0].format == SourceFormat::terraform);
}
