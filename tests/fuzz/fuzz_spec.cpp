// libFuzzer target: generate_from_spec must never crash, hang or throw on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ddbguard/generate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ddbguard::GenerateResult result = ddbguard::generate_from_spec(text, "fuzz.yaml");
    // A result is either a set of policies or at least one located problem, never neither.
    if (result.ok == !result.problems.empty()) __builtin_trap();
    if (result.ok && result.role_policy_json.empty()) __builtin_trap();
    return 0;
}
