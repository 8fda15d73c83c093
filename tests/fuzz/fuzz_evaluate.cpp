// The evaluator on a parsed policy plus an arbitrary request. The input is the policy
// JSON, a NUL byte, then the request drawn from the remaining bytes.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "ddbguard/evaluate.hpp"
#include "ddbguard/policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto* nul = static_cast<const std::uint8_t*>(std::memchr(data, 0, size));
    std::size_t policy_size = nul ? static_cast<std::size_t>(nul - data) : size;
    ddbguard::ParseResult parsed =
        ddbguard::parse_policy(std::string_view(reinterpret_cast<const char*>(data), policy_size), "fuzz.json");
    if (!parsed.usable) return 0;
    FuzzedDataProvider in(nul ? nul + 1 : data + size, nul ? size - policy_size - 1 : 0);

    static const char* const kActions[] = {"dynamodb:GetItem", "dynamodb:Query",       "dynamodb:Scan",
                                           "dynamodb:PutItem", "dynamodb:BatchGetItem", "dynamodb:GetRecords",
                                           "s3:GetObject",     "sts:AssumeRoleWithWebIdentity"};
    static const char* const kKeys[] = {"dynamodb:LeadingKeys",        "dynamodb:Attributes", "dynamodb:Select",
                                        "dynamodb:ReturnValues",       "aws:SecureTransport", "aws:SourceIp",
                                        "aws:CurrentTime",             "aws:PrincipalTag/team", "aws:username",
                                        "cognito-identity.amazonaws.com:sub", "aws:SourceVpce", "aws:TagKeys"};
    ddbguard::Request request;
    request.action = in.PickValueInArray(kActions);
    request.resource = in.ConsumeBool() ? "arn:aws:dynamodb:us-east-1:123456789012:table/" + in.ConsumeRandomLengthString(32)
                                        : in.ConsumeRandomLengthString(80);
    request.principal = in.ConsumeRandomLengthString(60);
    while (in.remaining_bytes() > 0 && request.context.size() < 12) {
        std::vector<std::string> values;
        for (int n = in.ConsumeIntegralInRange(0, 3); n > 0; --n) values.push_back(in.ConsumeRandomLengthString(24));
        request.set(in.PickValueInArray(kKeys), std::move(values));
    }
    ddbguard::Evaluator evaluator({&parsed.policy});
    ddbguard::Decision decision = evaluator.evaluate(request);
    // The fast path and the explained path must agree.
    if (decision.outcome != evaluator.decide(request)) std::abort();
    return 0;
}
