#pragma once
// Small string helpers shared by the modules (ASCII case folding: IAM names are ASCII).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ddbguard::util {

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
// Levenshtein distance, case-insensitive, capped: returns cap+1 when the distance exceeds `cap`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap = 64);
// Items as the inside of a JSON array of strings: "a", "b" (quotes and backslashes escaped),
// for the snippets a fix shows.
std::string json_string_list(const std::vector<std::string>& items);
// The candidate nearest to `word` when it is close enough to be a likely typo.
std::optional<std::string_view> did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace ddbguard::util
