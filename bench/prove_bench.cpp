// Time of `ddbguard prove` (issue 18) on a typical row-level policy set: the Cognito
// GameScores role with a row filter, a column filter and a TLS guard (the policy of
// eval_bench.cpp). Budget: the whole set proven in under 100 ms. The first set of a
// process also pays for the first Z3 context's fresh pages (about 65 ms with Z3 4.8.12;
// later contexts reuse them), reported on its own.
// usage: ddbguard_prove_bench [ITERATIONS]
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>

#include "ddbguard/policy.hpp"
#include "ddbguard/prove.hpp"

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

}  // namespace

int main(int argc, char** argv) {
    if (!ddbguard::prover_available()) {
        std::fprintf(stderr, "built without Z3\n");
        return 2;
    }
    const int iterations = argc > 1 ? std::atoi(argv[1]) : 20;
    const ddbguard::ParseResult parsed = ddbguard::parse_policy(kPolicy, "game-scores.json");
    const std::vector<const ddbguard::Policy*> set{&parsed.policy};
    std::size_t properties = 0, proven = 0;
    const auto first_start = std::chrono::steady_clock::now();
    (void)ddbguard::prove(set);
    const double first_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - first_start).count();
    const std::clock_t cpu_start = std::clock();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < iterations; ++i) {
        const auto results = ddbguard::prove(set);
        properties = results.size();
        proven = 0;
        for (const auto& r : results) proven += r.status == ddbguard::ProofStatus::proven;
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / iterations;
    // CPU time too: on a shared machine the wall clock also counts other processes.
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC / iterations;
    std::printf("prove: %zu properties, %zu proven, %.1f ms per policy set (%.1f ms CPU; budget 100 ms); "
                "the first set of the process %.1f ms\n",
                properties, proven, ms, cpu_ms, first_ms);
    return cpu_ms < 100.0 && proven == properties ? 0 : 1;
}
