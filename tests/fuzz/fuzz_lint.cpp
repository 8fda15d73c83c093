// The whole lint pipeline and every writer on arbitrary bytes.
#include <cstdint>
#include <string>

#include "ddbguard/analyze.hpp"
#include "ddbguard/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    auto reports = ddbguard::lint_each({{"fuzz.json", bytes}});
    (void)ddbguard::write_text(reports);
    (void)ddbguard::write_json(reports);
    (void)ddbguard::write_sarif(reports);
    // The same bytes as a two-file bundle exercise the set-wide checks.
    (void)ddbguard::lint_bundle({{"a.json", bytes}, {"b.json", bytes}});
    return 0;
}
