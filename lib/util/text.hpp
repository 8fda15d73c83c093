#pragma once
// Small string helpers shared by the modules (ASCII case folding: IAM names are ASCII).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ddbguard::util {

// ASCII case folding: IAM folds case only for its ASCII names (actions, condition keys,
// Bool values), and the *IgnoreCase operators fold the same way.
constexpr char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
std::string to_lower(std::string_view s);

constexpr int ci_compare(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i) {
        const auto x = static_cast<unsigned char>(lower(a[i]));
        const auto y = static_cast<unsigned char>(lower(b[i]));
        if (x != y) return x < y ? -1 : 1;
    }
    if (a.size() == b.size()) return 0;
    return a.size() < b.size() ? -1 : 1;
}

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    // Names are mostly written as the other side spells them: one memcmp settles those (a
    // 20-character condition key compared byte by byte took 160 instructions).
    if (a == b) return true;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

constexpr bool istarts_with(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// True when `s` holds the byte `a` or the byte `b`. Eight bytes at a time: the checks and
// the readers ask this of every Action entry, Resource and member name (a byte loop was 3% of
// linting AWS's managed policies; find_first_of with a set of two calls memchr per character).
constexpr bool contains_either(std::string_view s, char a, char b) noexcept {
    std::size_t i = 0;
    if (!std::is_constant_evaluated()) {
        constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
        // Nonzero when a byte of `w` equals `c`: a zero byte of w ^ (c in every byte).
        auto has_byte = [](std::uint64_t w, char c) {
            const std::uint64_t y = w ^ (kOnes * static_cast<unsigned char>(c));
            return (y - kOnes) & ~y & kHighs;
        };
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (has_byte(w, a) | has_byte(w, b)) return true;
        }
    }
    for (; i < s.size(); ++i)
        if (s[i] == a || s[i] == b) return true;
    return false;
}

// True when `s` holds an IAM wildcard ('*' or '?').
constexpr bool has_wildcard(std::string_view s) noexcept { return contains_either(s, '*', '?'); }

// Unicode code points in UTF-8 text (bytes that are not continuation bytes 10xxxxxx), eight
// bytes at a time: columns and policy sizes count them over whole files.
inline std::size_t code_points(std::string_view s) noexcept {
    std::size_t continuation = 0, i = 0;
    constexpr std::uint64_t kHighs = 0x8080808080808080ull;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        // Bit 7 set and bit 6 clear, per byte (w << 1 brings bit 6 up to bit 7), as a 0 or 1
        // in each byte; the multiply adds the eight bytes up into the top one.
        const std::uint64_t ones = (w & ~(w << 1) & kHighs) >> 7;
        continuation += static_cast<std::size_t>((ones * 0x0101010101010101ull) >> 56);
    }
    for (; i < s.size(); ++i) continuation += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
    return s.size() - continuation;
}
// True when `items`, projected to names by `name_of`, is strictly increasing under
// ci_compare (the catalog's generator sorts with Python's str.lower(), which orders ASCII
// names the same way).
template <class Range, class Proj>
constexpr bool ci_strictly_sorted(const Range& items, Proj name_of) {
    bool first = true;
    std::string_view prev;
    for (const auto& item : items) {
        const std::string_view cur = name_of(item);
        if (!first && ci_compare(prev, cur) >= 0) return false;
        prev = cur;
        first = false;
    }
    return true;
}
// Levenshtein distance, case-insensitive, capped: returns cap+1 when the distance exceeds `cap`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap = 64);
// Items as the inside of a JSON array of strings: "a", "b" (quotes and backslashes escaped),
// for the snippets a fix shows.
std::string json_string_list(const std::vector<std::string>& items);
// The candidate nearest to `word` when it is close enough to be a likely typo.
std::optional<std::string_view> did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace ddbguard::util
