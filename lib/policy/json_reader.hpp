#pragma once
// JSON bytes to a located Node tree, through nlohmann's SAX interface (no JSON
// tokenizer of our own): positions come from the bytes each event consumed.
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/finding.hpp"
#include "ddbguard/policy.hpp"
#include "policy/source_map.hpp"

namespace ddbguard::policy {

// Returns false when no tree could be built (the reason is in `findings`). When it returns
// true and `space` is given, *space is the number of white-space bytes between the tokens
// (outside strings), which the reader walks over anyway.
bool read_json(std::string_view bytes, const SourceMap& map, const std::string& path, unsigned max_depth,
               Node& root, std::vector<Finding>& findings, std::size_t* space = nullptr);

// JSON pointer escaping of one reference token (RFC 6901).
std::string pointer_token(std::string_view key);

}  // namespace ddbguard::policy
