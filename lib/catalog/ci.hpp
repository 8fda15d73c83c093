#pragma once
// Case-insensitive (ASCII) comparison used by the catalog's sorted tables.
// The generator sorts with Python's str.lower(), which for ASCII names orders
// exactly like ci_compare below.
#include <cstddef>
#include <string_view>

namespace ddbguard::catalog::detail {

constexpr char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

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

constexpr bool ci_equal(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && ci_compare(a, b) == 0;
}

// True when `items`, projected to names by `name_of`, is strictly increasing.
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

}  // namespace ddbguard::catalog::detail
