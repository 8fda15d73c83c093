#pragma once
// From a located position back to the bytes of the file, and from the bytes of a decoded
// string value (JSON or YAML, quoted, escaped or block) to where each came from in the
// file: for positions inside a string (a variable inside Fn::Sub, a policy written as a
// JSON string inside a template).
#include <cstddef>
#include <string_view>
#include <vector>

#include "ddbguard/location.hpp"

namespace ddbguard::sources {

// Where each line starts (a UTF-8 byte order mark is not part of line 1), as SourceMap counts lines.
std::vector<std::size_t> line_starts(std::string_view text);
// The byte offset of `loc` (1-based line, code-point column) in `text`.
std::size_t offset_of(std::string_view text, const std::vector<std::size_t>& starts, const Location& loc);
// For each byte of `decoded` (and one past its end), the byte of `text` it was read from,
// for a scalar whose token (or YAML tag) starts at `start`. Exact for JSON strings and YAML
// quoted scalars; close for YAML block and folded scalars (indentation and line folding).
std::vector<std::size_t> scalar_offsets(std::string_view text, std::size_t start, std::string_view decoded);

}  // namespace ddbguard::sources
