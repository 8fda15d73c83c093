#include "sources/terraform/hcl/lexer.hpp"

#include <array>
#include <cstring>

namespace ddbguard::hcl {

namespace {

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Punctuation and symbols outside ASCII that are never part of a name. The rest of the
// non-ASCII code points count as letters: an approximation of Unicode's ID_Start and
// ID_Continue (we carry no Unicode tables), which errs on the side of accepting names.
bool is_non_ascii_symbol(char32_t c) {
    if (is_unicode_space(c)) return true;
    if (c >= 0x80 && c <= 0xBF) return c != 0xAA && c != 0xB5 && c != 0xBA;  // Latin-1 symbols, ª µ º are letters
    if (c == 0xD7 || c == 0xF7) return true;                                  // × ÷
    if (c >= 0x2000 && c <= 0x2BFF) return true;  // general punctuation (smart quotes), arrows, math, boxes
    if (c >= 0x3000 && c <= 0x303F) return true;  // CJK punctuation
    if (c >= 0xFE30 && c <= 0xFE4F) return true;
    if (c >= 0xFF00 && c <= 0xFF0F) return true;  // fullwidth punctuation
    if (c == 0xFEFF || c == 0xFFFD) return true;
    return false;
}

// ASCII bytes that may start (1) or continue (2) a name; bytes from 0x80 are decoded.
constexpr unsigned char kNameStart = 1, kNameContinue = 2;
constexpr auto kNameBytes = [] {
    std::array<unsigned char, 128> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[c] = kNameStart | kNameContinue;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = kNameStart | kNameContinue;
    for (int c = '0'; c <= '9'; ++c) t[c] = kNameContinue;
    t['_'] = kNameStart | kNameContinue;
    t['-'] = kNameContinue;
    return t;
}();

Token make(TokenKind kind, std::string_view source, Pos begin, Pos end) {
    Token t;
    t.kind = kind;
    t.begin = begin;
    t.end = end;
    t.text = source.substr(begin.offset, end.offset - begin.offset);
    return t;
}

}  // namespace

bool is_unicode_space(char32_t c) {
    switch (c) {
        case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0: case 0x1680:
        case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
            return true;
        default:
            return c >= 0x2000 && c <= 0x200A;
    }
}

bool is_identifier_start(char32_t c) { return is_ascii_letter(c) || c == '_' || (c >= 0x80 && !is_non_ascii_symbol(c)); }

bool is_identifier_continue(char32_t c) {
    return is_identifier_start(c) || (c >= '0' && c <= '9') || c == '-';
}

char32_t decode_utf8(std::string_view s, std::size_t offset, std::size_t& length) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[offset + i]); };
    unsigned char b0 = byte(0);
    if (b0 < 0x80 || offset + 1 >= s.size()) {
        length = 1;
        return b0;
    }
    if ((b0 & 0xE0) == 0xC0) {
        length = 2;
        return static_cast<char32_t>(((b0 & 0x1F) << 6) | (byte(1) & 0x3F));
    }
    if ((b0 & 0xF0) == 0xE0 && offset + 2 < s.size()) {
        length = 3;
        return static_cast<char32_t>(((b0 & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F));
    }
    if ((b0 & 0xF8) == 0xF0 && offset + 3 < s.size()) {
        length = 4;
        return static_cast<char32_t>(((b0 & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) |
                                     (byte(3) & 0x3F));
    }
    length = 1;
    return b0;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::optional<std::size_t> find_invalid_utf8(std::string_view s, std::string& what) {
    std::size_t i = 0;
    while (i < s.size()) {
        // Eight ASCII bytes without a NUL at a time: most of a Terraform file.
        constexpr std::uint64_t kOnes = 0x0101010101010101u, kHighs = 0x8080808080808080u;
        while (i + 8 <= s.size()) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if ((w & kHighs) != 0 || ((w - kOnes) & ~w & kHighs) != 0) break;
            i += 8;
        }
        if (i >= s.size()) break;
        auto c = static_cast<unsigned char>(s[i]);
        if (c == 0) {
            what = "a NUL byte (is this a UTF-16 file? save it as UTF-8)";
            return i;
        }
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((c & 0xE0) == 0xC0) n = 1, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0) n = 2, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0) n = 3, cp = c & 0x07, min = 0x10000;
        else {
            what = "a byte that is not valid UTF-8";
            return i;
        }
        if (i + n >= s.size()) {
            what = "a UTF-8 sequence cut short by the end of the file";
            return i;
        }
        for (std::size_t k = 1; k <= n; ++k) {
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) {
                what = "a byte that is not valid UTF-8";
                return i;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            what = "an invalid UTF-8 sequence (overlong form or surrogate)";
            return i;
        }
        i += n + 1;
    }
    return std::nullopt;
}

std::string describe(const Token& token) {
    switch (token.kind) {
        case TokenKind::eof: return "the end of the file";
        case TokenKind::newline: return token.text.empty() || token.text[0] == '\r' || token.text[0] == '\n'
                                            ? "a newline"
                                            : "a comment (which ends the line)";
        case TokenKind::identifier: return "'" + std::string(token.text) + "'";
        case TokenKind::number: return "the number " + std::string(token.text);
        case TokenKind::open_quote: return "a string";
        case TokenKind::open_heredoc: return "a heredoc";
        case TokenKind::invalid: {
            if (token.problem) return token.problem;
            auto c = token.text.empty() ? 0 : static_cast<unsigned char>(token.text[0]);
            if (c < 0x20) return "a control character (byte " + std::to_string(int(c)) + ")";
            return "the character '" + std::string(token.text) + "', which is not valid here";
        }
        default: return "'" + std::string(token.text) + "'";
    }
}

Lexer::Lexer(std::string_view source) : source_(source) {
    start_ = Pos{1, 1, source.substr(0, 3) == "\xEF\xBB\xBF" ? 3u : 0u};
}

Pos advance_text(Pos from, std::string_view bytes) {
    for (char c : bytes) {
        if (c == '\n') {
            ++from.line;
            from.column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++from.column;
        }
    }
    from.offset += bytes.size();
    return from;
}

Pos Lexer::advance(Pos from, std::size_t to) const {
    if (to > source_.size()) to = source_.size();
    if (to <= from.offset) return from;
    return advance_text(from, source_.substr(from.offset, to - from.offset));
}

Token Lexer::next(Pos at) const {
    const std::string_view s = source_;
    std::size_t i = at.offset;
    // Spaces, tabs and inline comments separate tokens.
    bool comment = false;  // a /* */ comment was skipped (it may span lines)
    for (;;) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        if (i + 1 < s.size() && s[i] == '/' && s[i + 1] == '*') {
            std::size_t close = s.find("*/", i + 2);
            if (close == std::string_view::npos) {
                Pos b = advance(at, i);
                Token t = make(TokenKind::invalid, s, b, advance(b, s.size()));
                t.problem = "a /* comment that is never closed with */";
                return t;
            }
            i = close + 2;
            comment = true;
            continue;
        }
        break;
    }
    // Spaces and tabs are one column each.
    const Pos begin = comment ? advance(at, i)
                              : Pos{at.line, at.column + static_cast<std::uint32_t>(i - at.offset), i};
    if (i >= s.size()) return make(TokenKind::eof, s, begin, begin);
    auto at_end = [&](std::size_t n) { return make(TokenKind::invalid, s, begin, advance(begin, i + n)); };
    auto tok = [&](TokenKind kind, std::size_t n) { return make(kind, s, begin, advance(begin, i + n)); };
    // A token of n ASCII bytes, none of them a line break: n columns.
    auto ascii = [&](TokenKind kind, std::size_t n) {
        return make(kind, s, begin, Pos{begin.line, begin.column + static_cast<std::uint32_t>(n), i + n});
    };
    // A token whose last byte is the first line break in it.
    auto to_next_line = [&](TokenKind kind, std::size_t n) {
        return make(kind, s, begin, Pos{begin.line + 1, 1, i + n});
    };
    auto next_is = [&](std::size_t k, char c) { return i + k < s.size() && s[i + k] == c; };
    char c = s[i];

    // A line comment stands for the newline that ends it.
    if (c == '#' || (c == '/' && next_is(1, '/'))) {
        std::size_t nl = s.find('\n', i);
        if (nl == std::string_view::npos) return tok(TokenKind::newline, s.size() - i);
        return to_next_line(TokenKind::newline, nl + 1 - i);
    }
    if (c == '\n') return to_next_line(TokenKind::newline, 1);
    if (c == '\r') {
        if (next_is(1, '\n')) return to_next_line(TokenKind::newline, 2);
        Token t = at_end(1);
        t.problem = "a carriage return that is not followed by a newline";
        return t;
    }
    if (is_digit(c)) {
        std::size_t j = i + 1;
        while (j < s.size()) {
            if (is_digit(s[j]) || s[j] == '.') {
                ++j;
            } else if ((s[j] == 'e' || s[j] == 'E') &&
                       ((j + 1 < s.size() && is_digit(s[j + 1])) ||
                        (j + 2 < s.size() && (s[j + 1] == '+' || s[j + 1] == '-') && is_digit(s[j + 2])))) {
                j += (s[j + 1] == '+' || s[j + 1] == '-') ? 3 : 2;
            } else {
                break;
            }
        }
        while (s[j - 1] == '.') --j;  // a number never ends with a dot: `1.` is 1 then a dot
        return ascii(TokenKind::number, j - i);
    }
    if (static_cast<unsigned char>(c) < 0x80 && (kNameBytes[static_cast<unsigned char>(c)] & kNameStart)) {
        // A name: ASCII bytes are looked up, others decoded.
        std::size_t j = i + 1;
        bool multibyte = false;
        while (j < s.size()) {
            const auto b = static_cast<unsigned char>(s[j]);
            if (b < 0x80) {
                if (!(kNameBytes[b] & kNameContinue)) break;
                ++j;
                continue;
            }
            std::size_t len = 0;
            if (!is_identifier_continue(decode_utf8(s, j, len))) break;
            j += len;
            multibyte = true;
        }
        return multibyte ? tok(TokenKind::identifier, j - i) : ascii(TokenKind::identifier, j - i);
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
        std::size_t len = 0;
        char32_t cp = decode_utf8(s, i, len);
        if (is_identifier_start(cp)) {
            std::size_t j = i + len;
            while (j < s.size()) {
                cp = decode_utf8(s, j, len);
                if (!is_identifier_continue(cp)) break;
                j += len;
            }
            return tok(TokenKind::identifier, j - i);
        }
        if (cp >= 0x80) return at_end(len);
    }
    switch (c) {
        case '{': return ascii(TokenKind::lbrace, 1);
        case '}': return ascii(TokenKind::rbrace, 1);
        case '[': return ascii(TokenKind::lbracket, 1);
        case ']': return ascii(TokenKind::rbracket, 1);
        case '(': return ascii(TokenKind::lparen, 1);
        case ')': return ascii(TokenKind::rparen, 1);
        case ',': return ascii(TokenKind::comma, 1);
        case '*': return ascii(TokenKind::star, 1);
        case '/': return ascii(TokenKind::slash, 1);
        case '%': return ascii(TokenKind::percent, 1);
        case '+': return ascii(TokenKind::plus, 1);
        case '-': return ascii(TokenKind::minus, 1);
        case '?': return ascii(TokenKind::question, 1);
        case '"': return ascii(TokenKind::open_quote, 1);
        case '.':
            if (next_is(1, '.') && next_is(2, '.')) return ascii(TokenKind::ellipsis, 3);
            return ascii(TokenKind::dot, 1);
        case ':':
            if (next_is(1, ':')) return ascii(TokenKind::double_colon, 2);
            return ascii(TokenKind::colon, 1);
        case '=':
            if (next_is(1, '=')) return ascii(TokenKind::equal_equal, 2);
            if (next_is(1, '>')) return ascii(TokenKind::fat_arrow, 2);
            return ascii(TokenKind::equal, 1);
        case '!':
            if (next_is(1, '=')) return ascii(TokenKind::not_equal, 2);
            return ascii(TokenKind::bang, 1);
        case '>':
            if (next_is(1, '=')) return ascii(TokenKind::greater_equal, 2);
            return ascii(TokenKind::greater, 1);
        case '<': {
            if (next_is(1, '=')) return ascii(TokenKind::less_equal, 2);
            if (next_is(1, '<')) {
                // <<EOT or <<-EOT, immediately followed by a newline.
                std::size_t j = i + 2;
                bool flush = j < s.size() && s[j] == '-';
                if (flush) ++j;
                std::size_t len = 0;
                if (j < s.size() && is_identifier_start(decode_utf8(s, j, len))) {
                    j += len;
                    while (j < s.size() && is_identifier_continue(decode_utf8(s, j, len))) j += len;
                    if (j < s.size() && s[j] == '\r') ++j;
                    // heredoc_marker() and heredoc_flush() read the rest from the token's text.
                    if (j < s.size() && s[j] == '\n') return to_next_line(TokenKind::open_heredoc, j + 1 - i);
                }
            }
            return ascii(TokenKind::less, 1);
        }
        case '&':
            if (next_is(1, '&')) return ascii(TokenKind::and_and, 2);
            break;
        case '|':
            if (next_is(1, '|')) return ascii(TokenKind::or_or, 2);
            break;
        case '~':
            if (next_is(1, '}')) return ascii(TokenKind::tilde_rbrace, 2);
            break;
        default:
            break;
    }
    Token t = ascii(TokenKind::invalid, 1);  // an ASCII byte that starts no token
    switch (c) {
        case '\'': t.problem = "a single quote (HCL strings use double quotes)"; break;
        case ';': t.problem = "a semicolon (HCL separates arguments with newlines)"; break;
        case '&': t.problem = "a single '&' (the logical and is '&&')"; break;
        case '|': t.problem = "a single '|' (the logical or is '||')"; break;
        default: break;
    }
    return t;
}

}  // namespace ddbguard::hcl
