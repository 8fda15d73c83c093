#include "policy/source_map.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace ddbguard::policy {

SourceMap::SourceMap(std::string_view text) : text_(text) {
    // A UTF-8 byte order mark is invisible in editors: columns on line 1 start after it.
    line_starts_.push_back(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    line_starts_.reserve(text.size() / 32 + 1);
    if (text.find('\r') == std::string_view::npos) {
        // The common case, "\n" line ends only: let memchr find them.
        for (std::size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1))
            line_starts_.push_back(at + 1);
        return;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        // "\r\n", "\n" and a lone "\r" each end a line.
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
            line_starts_.push_back(i + 1);
    }
}

void SourceMap::locate(std::size_t offset, Location& out) const {
    offset = std::min(offset, text_.size());
    std::size_t line;
    if (last_line_ != 0 && offset >= last_offset_) {
        // The parser asks in increasing order, mostly on the same or the next few lines.
        line = last_line_;
        while (line < line_starts_.size() && line_starts_[line] <= offset) ++line;
    } else {
        auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
        line = static_cast<std::size_t>(it - line_starts_.begin());
        if (line == 0) line = 1;  // an offset inside the byte order mark
    }
    std::size_t start = std::min(line_starts_[line - 1], offset);
    std::uint32_t column = 1;
    if (line == last_line_ && offset >= last_offset_) {
        start = last_offset_;
        column = last_column_;
    }
    column += static_cast<std::uint32_t>(util::code_points(text_.substr(start, offset - start)));
    last_line_ = line;
    last_offset_ = offset;
    last_column_ = column;
    out.line = static_cast<std::uint32_t>(line);
    out.column = column;
}

}  // namespace ddbguard::policy
