#include "util/glob.hpp"

#include "util/text.hpp"

namespace ddbguard::util {

namespace {

// Length of the UTF-8 sequence starting with byte `c` (1 for invalid lead bytes).
std::size_t utf8_len(unsigned char c) noexcept {
    if (c < 0xC0) return 1;
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    return 4;
}

PatKind kind_at(const PatternView& p, std::size_t i) noexcept {
    if (p.kinds) return p.kinds[i];
    return p.chars[i] == '*' ? PatKind::star : p.chars[i] == '?' ? PatKind::question : PatKind::literal;
}

}  // namespace

bool glob_match(PatternView p, std::string_view s, bool ignore_case) noexcept {
    if (!p.kinds) {
        // Without a wildcard the pattern matches only text of its own length (most Action entries).
        if (!has_wildcard(std::string_view(p.chars, p.size))) {
            if (p.size != s.size()) return false;
            for (std::size_t i = 0; i < p.size; ++i)
                if (ignore_case ? lower(p.chars[i]) != lower(s[i]) : p.chars[i] != s[i]) return false;
            return true;
        }
    }
    std::size_t pi = 0, si = 0;
    std::size_t star_p = std::string_view::npos, star_s = 0;
    while (si < s.size()) {
        if (pi < p.size && kind_at(p, pi) == PatKind::star) {
            star_p = pi++;
            star_s = si;
            continue;
        }
        if (pi < p.size) {
            if (kind_at(p, pi) == PatKind::question) {
                std::size_t n = utf8_len(static_cast<unsigned char>(s[si]));
                if (si + n > s.size()) n = s.size() - si;
                ++pi;
                si += n;
                continue;
            }
            const bool same = ignore_case ? lower(p.chars[pi]) == lower(s[si]) : p.chars[pi] == s[si];
            if (same) {
                ++pi;
                ++si;
                continue;
            }
        }
        if (star_p != std::string_view::npos) {
            pi = star_p + 1;
            si = ++star_s;
            continue;
        }
        return false;
    }
    while (pi < p.size && kind_at(p, pi) == PatKind::star) ++pi;
    return pi == p.size;
}

}  // namespace ddbguard::util
