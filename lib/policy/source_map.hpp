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
    // The parser asks for offsets in increasing order: continuing from the last answer
    // keeps a minified one-line file linear instead of quadratic.
    mutable std::size_t last_offset_ = 0;
    mutable std::size_t last_line_ = 0;  // 0: no answer yet
    mutable std::uint32_t last_column_ = 1;
};

}  // namespace ddbguard::policy
