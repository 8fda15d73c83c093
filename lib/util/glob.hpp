#pragma once
// IAM wildcard matching without regular expressions, for actions and for the evaluator.
//
// A pattern is bytes plus, optionally, a kind per byte, so that a literal '*' (from the
// ${*} escape or from a substituted variable value) stays distinct from the wildcard '*'.
// Without kinds every '*' and '?' is a wildcard (action names, catalog look-ups).
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ddbguard::util {

enum class PatKind : std::uint8_t { literal = 0, star = 1, question = 2 };

struct PatternView {
    const char* chars = nullptr;
    const PatKind* kinds = nullptr;  // nullptr: every '*' and '?' is a wildcard
    std::size_t size = 0;
};

// Whole-string match: '*' spans any run (also empty), '?' is one character (one UTF-8
// code point); `ignore_case` folds ASCII letters. Iterative with one backtrack point.
bool glob_match(PatternView pattern, std::string_view subject, bool ignore_case) noexcept;
inline bool glob_match(std::string_view pattern, std::string_view subject, bool ignore_case) noexcept {
    return glob_match(PatternView{pattern.data(), nullptr, pattern.size()}, subject, ignore_case);
}

}  // namespace ddbguard::util
