// Risk checks that depend on a forced --kind, which fixtures cannot express.
#include <catch2/catch.hpp>

#include <algorithm>

#include "ddbguard/analyze.hpp"

namespace {

std::vector<ddbguard::Finding> lint_as(const std::string& json, ddbguard::PolicyKind kind) {
    ddbguard::LintOptions options;
    options.kind = kind;
    return ddbguard::lint_each({{"p.json", json}}, options).front().findings;
}

bool has(const std::vector<ddbguard::Finding>& findings, std::string_view id) {
    return std::any_of(findings.begin(), findings.end(), [&](const auto& f) { return f.check_id == id; });
}

const char* kTablePolicy = R"({"Version": "2012-10-17", "Statement": [{"Sid": "Reporting", "Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::111122223333:role/Reporting"}, "Action": "dynamodb:GetItem",
  "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"}]})";

const char* kOpenEndpoint = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
  "Action": "dynamodb:*", "Resource": "*"}]})";

}  // namespace

TEST_CASE("principal-in-identity-policy fires only when the identity kind is forced", "[checks][risk]") {
    auto forced = lint_as(kTablePolicy, ddbguard::PolicyKind::identity);
    REQUIRE(has(forced, "principal-in-identity-policy"));
    auto it = std::find_if(forced.begin(), forced.end(),
                           [](const auto& f) { return f.check_id == "principal-in-identity-policy"; });
    CHECK(it->location.line == 2);
    CHECK(it->severity == ddbguard::Severity::error);
    auto detected = ddbguard::lint_each({{"p.json", kTablePolicy}}).front().findings;
    CHECK_FALSE(has(detected, "principal-in-identity-policy"));
}

TEST_CASE("an open endpoint policy is judged as an endpoint, a forced table policy as public", "[checks][risk]") {
    auto endpoint = lint_as(kOpenEndpoint, ddbguard::PolicyKind::vpc_endpoint);
    CHECK(has(endpoint, "vpc-endpoint-policy-open"));
    CHECK_FALSE(has(endpoint, "public-resource-policy"));
    CHECK_FALSE(has(endpoint, "action-wildcard"));
    auto table = lint_as(kOpenEndpoint, ddbguard::PolicyKind::resource);
    CHECK(has(table, "public-resource-policy"));
    CHECK_FALSE(has(table, "vpc-endpoint-policy-open"));
}

TEST_CASE("AWS's read-only managed policy: only the data reads on * are flagged", "[checks][risk]") {
    const char* read_only = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
      "application-autoscaling:DescribeScalableTargets", "cloudwatch:GetMetricStatistics", "datapipeline:ListPipelines",
      "dynamodb:BatchGet*", "dynamodb:Describe*", "dynamodb:Get*", "dynamodb:List*", "dynamodb:Query",
      "dynamodb:Scan", "dynamodb:PartiQLSelect", "iam:GetRole", "kms:ListAliases", "sns:ListTopics"],
      "Resource": "*"}]})";
    auto findings = ddbguard::lint_each({{"ro.json", read_only}}).front().findings;
    CHECK(has(findings, "data-access-on-any-resource"));
    CHECK_FALSE(has(findings, "action-wildcard"));
    CHECK_FALSE(has(findings, "dangerous-action"));
    for (const auto& f : findings)
        if (f.check_id == "data-access-on-any-resource") {
            CHECK(f.severity == ddbguard::Severity::warning);
            CHECK(f.message.find("DescribeTable") == std::string::npos);
            CHECK(f.message.find("ListTables") == std::string::npos);
        }
}
