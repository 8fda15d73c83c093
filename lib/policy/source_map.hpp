#pragma once
// Byte offsets to 1-based line and code-point column.
#include <cstdint>
#include <string_view>
#include <vector>

#include "ddbguard/location.hpp"

namespace ddbguard::policy {

class SourceMap {
public:
    explicit SourceMap(std::string_view text);
    // Line and column of the byte at `offset` (clamped to the end of the text).
    void locate(std::size_t offset, Location& out) const;

private:
    std::string_view text_;
    std::vector<std::size_t> line_starts_;
};

}  // namespace ddbguard::policy
