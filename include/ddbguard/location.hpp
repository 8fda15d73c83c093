#pragma once
// Source positions. Error model of the whole library: no function declared in
// include/ddbguard throws for bad input; problems come back as findings.
#include <cstdint>
#include <string>

namespace ddbguard {

// 1-based line and column; the column counts Unicode code points (a tab is one),
// so an editor that shows characters lands on the token. `pointer` is the RFC 6901
// JSON pointer of the value ("" for the document root). line == 0: no position.
struct Location {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string pointer;
};

}  // namespace ddbguard
