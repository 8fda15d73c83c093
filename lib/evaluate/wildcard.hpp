#pragma once
// IAM wildcard matching without regular expressions.
//
// A pattern is a byte string plus a parallel kind per byte, so a literal '*'
// (from the ${*} escape or from a substituted variable value) stays distinct
// from the wildcard '*'. IAM User Guide, "IAM JSON policy elements: Resource":
// wildcards match within one colon-separated ARN segment; the resource part
// (after the fifth colon) is one segment in which '*' spans '/' and ':'.
#include <string>
#include <string_view>
#include <vector>

#include "util/glob.hpp"

namespace ddbguard::eval {

using util::glob_match;
using util::PatKind;
using util::PatternView;

struct Pattern {
    std::string chars;
    std::vector<PatKind> kinds;

    void clear() { chars.clear(); kinds.clear(); }
    void push(char c, PatKind k) { chars.push_back(c); kinds.push_back(k); }
    void append_literal(std::string_view s) {
        chars.append(s);
        kinds.insert(kinds.end(), s.size(), PatKind::literal);
    }
    // Every '*' and '?' of `s` is a wildcard.
    void append_wild(std::string_view s);
    PatternView view() const { return {chars.data(), kinds.data(), chars.size()}; }
    bool has_wildcard() const;
};

// ARN match, case-sensitive, segment by segment (first five colons split; the rest
// is one segment). A pattern made only of '*' matches anything. A pattern or subject
// with fewer than six segments matches nothing (except the all-'*' pattern).
bool arn_match(PatternView pattern, std::string_view subject) noexcept;

// Splits an ARN into its six segments; false when it has fewer than five colons.
bool split_arn(std::string_view arn, std::string_view (&segments)[6]) noexcept;

}  // namespace ddbguard::eval
