#include "evaluate/wildcard.hpp"

#include "evaluate/ascii.hpp"

namespace ddbguard::eval {

void Pattern::append_wild(std::string_view s) {
    for (char c : s) {
        push(c, c == '*' ? PatKind::star : c == '?' ? PatKind::question : PatKind::literal);
    }
}

bool Pattern::has_wildcard() const {
    for (PatKind k : kinds)
        if (k != PatKind::literal) return true;
    return false;
}

namespace {

// Length of the UTF-8 sequence starting with byte `c` (1 for invalid lead bytes).
std::size_t utf8_len(unsigned char c) noexcept {
    if (c < 0xC0) return 1;
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    return 4;
}

}  // namespace

bool glob_match(PatternView p, std::string_view s, bool ignore_case) noexcept {
    std::size_t pi = 0, si = 0;
    std::size_t star_p = std::string_view::npos, star_s = 0;
    while (si < s.size()) {
        if (pi < p.size && p.kinds[pi] == PatKind::star) {
            star_p = pi++;
            star_s = si;
            continue;
        }
        if (pi < p.size) {
            if (p.kinds[pi] == PatKind::question) {
                std::size_t n = utf8_len(static_cast<unsigned char>(s[si]));
                if (si + n > s.size()) n = s.size() - si;
                ++pi;
                si += n;
                continue;
            }
            const bool same = ignore_case ? ascii_lower(p.chars[pi]) == ascii_lower(s[si]) : p.chars[pi] == s[si];
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
    while (pi < p.size && p.kinds[pi] == PatKind::star) ++pi;
    return pi == p.size;
}

bool split_arn(std::string_view arn, std::string_view (&segments)[6]) noexcept {
    std::size_t start = 0;
    for (int i = 0; i < 5; ++i) {
        const std::size_t colon = arn.find(':', start);
        if (colon == std::string_view::npos) return false;
        segments[i] = arn.substr(start, colon - start);
        start = colon + 1;
    }
    segments[5] = arn.substr(start);
    return true;
}

bool arn_match(PatternView p, std::string_view subject) noexcept {
    bool only_stars = p.size > 0;
    for (std::size_t i = 0; i < p.size; ++i)
        if (p.kinds[i] != PatKind::star) { only_stars = false; break; }
    if (only_stars) return true;

    std::string_view subject_segments[6];
    if (!split_arn(subject, subject_segments)) {
        // Not an ARN (e.g. "*" for ListTables): only an exact literal pattern matches.
        return glob_match(p, subject, false) && std::string_view(p.chars, p.size) == subject;
    }
    std::size_t start = 0;
    for (int seg = 0; seg < 6; ++seg) {
        std::size_t end = p.size;
        if (seg < 5) {
            end = start;
            while (end < p.size && !(p.chars[end] == ':' && p.kinds[end] == PatKind::literal)) ++end;
            if (end == p.size) return false;  // fewer than six segments
        }
        const PatternView part{p.chars + start, p.kinds + start, end - start};
        if (!glob_match(part, subject_segments[seg], false)) return false;
        start = end + 1;
    }
    return true;
}

}  // namespace ddbguard::eval
