// The parser on arbitrary bytes: never crashes, and an unusable result always says why.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ddbguard/policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    ddbguard::ParseResult r = ddbguard::parse_policy(bytes, "fuzz.json");
    if (!r.usable && r.diagnostics.empty()) std::abort();  // a silent failure
    for (const ddbguard::Finding& f : r.diagnostics)
        if (f.location.line == 0 && f.check_id != "unreadable-file") std::abort();  // every finding is located
    return 0;
}
