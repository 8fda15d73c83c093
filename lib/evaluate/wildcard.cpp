#include "evaluate/wildcard.hpp"


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
