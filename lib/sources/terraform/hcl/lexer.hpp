#pragma once
// Tokens of HCL's expression and structure syntax. The parser drives the lexer from a
// position it chooses, because the text inside a template ("...", <<EOT) is not made of
// these tokens: the parser scans template literals itself and calls back here only for
// the expressions inside ${...} and %{...}.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sources/terraform/hcl/ast.hpp"

namespace ddbguard::hcl {

enum class TokenKind {
    eof,
    newline,  // also a line comment, which ends with the newline it contains
    identifier,
    number,
    open_quote,    // "
    open_heredoc,  // <<EOT or <<-EOT and its newline
    lbrace,
    rbrace,
    tilde_rbrace,  // ~} : closes a template sequence and strips the space after it
    lbracket,
    rbracket,
    lparen,
    rparen,
    dot,
    comma,
    star,
    slash,
    percent,
    plus,
    minus,
    equal,
    less,
    greater,
    bang,
    question,
    colon,
    equal_equal,
    not_equal,
    less_equal,
    greater_equal,
    and_and,
    or_or,
    double_colon,
    ellipsis,
    fat_arrow,
    invalid,  // `problem` (or describe()) says what is wrong
};

struct Token {
    TokenKind kind = TokenKind::eof;
    Pos begin, end;
    std::string_view text;
    const char* problem = nullptr;  // invalid tokens: what is wrong, when more than the character itself
};

// An open_heredoc token's parts (its text is "<<EOT\n", "<<-EOT\n" or with "\r\n"): the
// marker, and whether it is <<- (strip the common indentation). Kept out of Token, which is
// copied for every token.
inline bool heredoc_flush(const Token& t) { return t.text.size() > 2 && t.text[2] == '-'; }
inline std::string_view heredoc_marker(const Token& t) {
    std::string_view s = t.text.substr(heredoc_flush(t) ? 3 : 2);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// How a token is named in a diagnostic: "'}'", "the end of the file", "identifier 'foo'".
std::string describe(const Token& token);

class Lexer {
public:
    explicit Lexer(std::string_view source);

    std::string_view source() const { return source_; }
    // Where the text starts (after a UTF-8 byte order mark, if any).
    Pos start() const { return start_; }
    // The position of byte `to`, counting forward from `from` (to >= from.offset).
    Pos advance(Pos from, std::size_t to) const;
    // The token at `at`, skipping spaces, tabs and /* */ comments.
    Token next(Pos at) const;

private:
    std::string_view source_;
    Pos start_;
};

// `from` moved over `bytes` (which start at from.offset): lines, code-point columns, offset.
Pos advance_text(Pos from, std::string_view bytes);

// Checks that `source` is UTF-8 without NUL bytes; returns the offset of the first bad byte.
std::optional<std::size_t> find_invalid_utf8(std::string_view source, std::string& what);

// Decodes the code point at `offset` (input already validated); `length` receives its byte count.
char32_t decode_utf8(std::string_view s, std::size_t offset, std::size_t& length);
void append_utf8(std::string& out, char32_t cp);
// Unicode white space as Go's unicode.IsSpace defines it (what HCL's strip markers remove).
bool is_unicode_space(char32_t cp);
bool is_identifier_start(char32_t cp);
bool is_identifier_continue(char32_t cp);

}  // namespace ddbguard::hcl
