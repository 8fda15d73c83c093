#pragma once
// The recursive-descent parser shared by parser.cpp (structure and expressions) and
// template_parser.cpp (quoted strings, heredocs, standalone templates). Internal to hcl/.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/hcl/ast.hpp"
#include "sources/terraform/hcl/lexer.hpp"
#include "sources/terraform/hcl/parser.hpp"

namespace ddbguard::hcl::detail {

// Thrown to abandon the parse at the first syntax error; caught in parse().
struct SyntaxError {
    Diagnostic diagnostic;
};

std::string position_text(const Pos& p);  // "3:12"

class Parser {
public:
    Parser(std::string_view source, const ParseOptions& options, std::vector<Diagnostic>& diagnostics);

    Body parse_file();
    ExprPtr parse_bare_template();

private:
    friend class DepthGuard;
    friend class NewlineMode;

    // Tokens. Newlines are tokens where HCL is line-sensitive (bodies, object
    // constructors) and skipped inside brackets, parentheses and template sequences.
    // The cached token is answered inline: the parser asks for it several times per token.
    const Token& peek() {
        if (peek_valid_ && peek_offset_ == cursor_.offset && peek_newlines_ == newlines_) return peeked_;
        return peek_next();
    }
    Token read() {
        const Token& t = peek();
        cursor_ = t.end;
        peek_valid_ = false;
        return t;
    }
    const Token& peek_next();  // lexes (or reuses) the token at the cursor
    bool newlines_included() const { return newlines_; }
    [[noreturn]] void fail(const Range& range, std::string message,
                           Diagnostic::Kind kind = Diagnostic::Kind::syntax) const;
    [[noreturn]] void fail(const Token& token, std::string message,
                           Diagnostic::Kind kind = Diagnostic::Kind::syntax) const {
        fail(Range{token.begin, token.end}, std::move(message), kind);
    }
    void enter(const Pos& where);  // one level deeper; fails past the depth limit
    void leave() { --depth_; }

    // Structure.
    Body parse_body(const Token* open_brace);
    void parse_body_item(Body& body, const Token& name);
    void parse_block(Body& body, const Token& type);
    std::string parse_label(Range& range);

    // Expressions.
    ExprPtr parse_expression();
    ExprPtr parse_binary();
    ExprPtr parse_operators(ExprPtr lhs, int min_level);
    ExprPtr parse_term_with_traversals();
    ExprPtr parse_term();
    ExprPtr parse_traversals(ExprPtr from);
    ExprPtr parse_function_call(const Token& name);
    ExprPtr parse_tuple(const Token& open);
    ExprPtr parse_object(const Token& open);
    ExprPtr parse_for(const Token& open);
    Literal number_value(const Token& token) const;

    // Templates (template_parser.cpp).
    enum class TemplateMode { quoted, heredoc, bare };
    ExprPtr parse_template(const Token& open, TemplateMode mode);
    // The common quoted string: no escapes, sequences or line breaks before the closing quote.
    // The position of that quote, when the string at the cursor is one.
    std::optional<Pos> plain_string_quote() const;
    ExprPtr parse_plain_string(const Token& open);  // null when the string is not plain

    std::string_view source_;
    Lexer lexer_;
    const ParseOptions& options_;
    std::vector<Diagnostic>& diagnostics_;
    Pos cursor_;
    bool newlines_ = true;  // the innermost NewlineMode (a plain bool: peek() reads it for every token)
    unsigned depth_ = 0;
    // One token of look-ahead, valid while the cursor and the newline mode are unchanged.
    Token peeked_;
    bool peek_valid_ = false;
    std::size_t peek_offset_ = 0;
    bool peek_newlines_ = true;
    bool peek_skipped_ = false;  // newlines were skipped to reach the peeked token
};

// Pushes a newline mode for the lifetime of the guard.
class NewlineMode {
public:
    NewlineMode(Parser& p, bool include) : p_(p), saved_(p.newlines_) { p_.newlines_ = include; }
    ~NewlineMode() { p_.newlines_ = saved_; }
    NewlineMode(const NewlineMode&) = delete;
    NewlineMode& operator=(const NewlineMode&) = delete;

private:
    Parser& p_;
    bool saved_;
};

class DepthGuard {
public:
    DepthGuard(Parser& p, const Pos& where) : p_(p) { p_.enter(where); }
    ~DepthGuard() { p_.leave(); }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

private:
    Parser& p_;
};

template <class T>
ExprPtr make_expr(const Range& range, T node) {
    auto e = std::make_unique<Expr>();
    e->range = range;
    e->node = std::move(node);
    return e;
}

inline Range span(const Pos& begin, const Pos& end) { return Range{begin, end}; }

}  // namespace ddbguard::hcl::detail
