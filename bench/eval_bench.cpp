// Decisions per second of Evaluator::decide() on a typical Cognito row-level policy
// (docs/dynamodb-iam.md section 4), over a mix of own-row, other-row, batch, Scan and
// index requests. usage: ddbguard_eval_bench [ITERATIONS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ddbguard/evaluate.hpp"
#include "ddbguard/policy.hpp"

namespace {

constexpr const char* kPolicy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OwnRows",
      "Effect": "Allow",
      "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
                 "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"],
      "Resource": ["arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
                   "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores/index/*"],
      "Condition": {
        "ForAllValues:StringEquals": {
          "dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"],
          "dynamodb:Attributes": ["UserId", "GameTitle", "TopScore", "Wins"]
        },
        "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES",
                                 "dynamodb:ReturnValues": ["NONE", "UPDATED_OLD", "UPDATED_NEW"]}
      }
    },
    {
      "Sid": "NoPlainHttp",
      "Effect": "Deny",
      "Action": "dynamodb:*",
      "Resource": "*",
      "Condition": {"Bool": {"aws:SecureTransport": "false"}}
    }
  ]
})";

ddbguard::Request make(const char* action, const char* resource, std::vector<std::string> keys,
                       std::vector<std::string> attributes) {
    ddbguard::Request r;
    r.action = action;
    r.resource = resource;
    r.set("cognito-identity.amazonaws.com:sub", {"us-east-1:0f4c5a2e-1111-2222-3333-444455556666"});
    r.set("aws:SecureTransport", {"true"});
    if (!keys.empty()) r.set("dynamodb:LeadingKeys", std::move(keys));
    if (!attributes.empty()) {
        r.set("dynamodb:Attributes", std::move(attributes));
        r.set("dynamodb:Select", {"SPECIFIC_ATTRIBUTES"});
    }
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    const long iterations = argc > 1 ? std::atol(argv[1]) : 5'000'000;
    auto parsed = ddbguard::parse_policy(kPolicy, "bench.json");
    if (!parsed.usable) {
        std::fprintf(stderr, "benchmark policy did not parse\n");
        return 2;
    }
    const ddbguard::Evaluator evaluator({&parsed.policy});
    const std::string self = "us-east-1:0f4c5a2e-1111-2222-3333-444455556666";
    const char* table = "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores";
    const std::vector<ddbguard::Request> requests{
        make("dynamodb:GetItem", table, {self}, {"UserId", "TopScore"}),
        make("dynamodb:GetItem", table, {"us-east-1:someone-else"}, {"UserId"}),
        make("dynamodb:BatchGetItem", table, {self, "us-east-1:someone-else"}, {}),
        make("dynamodb:Query", "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores/index/TopScoreIndex", {self},
             {"GameTitle", "TopScore"}),
        make("dynamodb:Scan", table, {}, {}),
        make("dynamodb:UpdateItem", table, {self}, {"Wins"}),
    };
    // Warm up (and check the expected decisions of the mix).
    long allowed = 0;
    for (const auto& r : requests) allowed += evaluator.decide(r) == ddbguard::Outcome::allow;
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < iterations; ++i)
        allowed += evaluator.decide(requests[static_cast<std::size_t>(i) % requests.size()]) == ddbguard::Outcome::allow;
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::printf("%ld decisions in %.3f s: %.2f million decisions/s on one core (%ld allowed)\n", iterations,
                elapsed.count(), static_cast<double>(iterations) / elapsed.count() / 1e6, allowed);
    return 0;
}
