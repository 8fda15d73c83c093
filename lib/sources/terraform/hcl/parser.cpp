#include "sources/terraform/hcl/parser.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "sources/terraform/hcl/parser_impl.hpp"

namespace ddbguard::hcl {

namespace detail {

std::string position_text(const Pos& p) { return std::to_string(p.line) + ":" + std::to_string(p.column); }

namespace {

bool is_keyword(const Token& t, std::string_view word) {
    return t.kind == TokenKind::identifier && t.text == word;
}

// The precedence of a binary operator token: 1 binds loosest (||), 6 tightest (* / %); 0
// when the token is no binary operator.
int binary_level(TokenKind kind, BinaryOp& op) {
    switch (kind) {
        case TokenKind::or_or: op = BinaryOp::logical_or; return 1;
        case TokenKind::and_and: op = BinaryOp::logical_and; return 2;
        case TokenKind::equal_equal: op = BinaryOp::equal; return 3;
        case TokenKind::not_equal: op = BinaryOp::not_equal; return 3;
        case TokenKind::less: op = BinaryOp::less; return 4;
        case TokenKind::less_equal: op = BinaryOp::less_equal; return 4;
        case TokenKind::greater: op = BinaryOp::greater; return 4;
        case TokenKind::greater_equal: op = BinaryOp::greater_equal; return 4;
        case TokenKind::plus: op = BinaryOp::add; return 5;
        case TokenKind::minus: op = BinaryOp::subtract; return 5;
        case TokenKind::star: op = BinaryOp::multiply; return 6;
        case TokenKind::slash: op = BinaryOp::divide; return 6;
        case TokenKind::percent: op = BinaryOp::modulo; return 6;
        default: return 0;
    }
}

bool valid_number(std::string_view s) {
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        return i > start;
    };
    if (!digits()) return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        digits();  // "1.e5" is a number too (the lexer never ends a number with the dot)
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == s.size();
}

// Adds a constant step to a traversal, or starts a relative traversal after another expression.
ExprPtr extend(ExprPtr ret, TraversalStep step) {
    Pos end = step.range.end;
    if (auto* scope = std::get_if<ScopeTraversal>(&ret->node)) {
        scope->steps.push_back(std::move(step));
        ret->range.end = end;
        return ret;
    }
    if (auto* rel = std::get_if<RelativeTraversal>(&ret->node)) {
        rel->steps.push_back(std::move(step));
        ret->range.end = end;
        return ret;
    }
    Range r{ret->range.begin, end};
    RelativeTraversal rel;
    rel.source = std::move(ret);
    rel.steps.push_back(std::move(step));
    return make_expr(r, std::move(rel));
}

}  // namespace

Parser::Parser(std::string_view source, const ParseOptions& options, std::vector<Diagnostic>& diagnostics)
    : source_(source), lexer_(source), options_(options), diagnostics_(diagnostics), cursor_(lexer_.start()) {}

const Token& Parser::peek_next() {
    if (peek_valid_ && peek_offset_ == cursor_.offset) {
        // A token that is no newline, with no newline skipped before it, is the next token in either mode.
        if (peeked_.kind != TokenKind::newline && !peek_skipped_) return peeked_;
    }
    Pos at = cursor_;
    peek_skipped_ = false;
    for (;;) {
        Token t = lexer_.next(at);
        if (t.kind == TokenKind::newline && !newlines_included()) {
            at = t.end;
            peek_skipped_ = true;
            continue;
        }
        peeked_ = t;
        break;
    }
    peek_valid_ = true;
    peek_offset_ = cursor_.offset;
    peek_newlines_ = newlines_included();
    return peeked_;
}

void Parser::fail(const Range& range, std::string message, Diagnostic::Kind kind) const {
    throw SyntaxError{Diagnostic{std::move(message), range, kind}};
}

void Parser::enter(const Pos& where) {
    if (++depth_ > options_.max_depth) {
        --depth_;
        fail(Range{where, where}, "nesting deeper than " + std::to_string(options_.max_depth) +
                                      " levels (blocks, brackets, parentheses, templates); no Terraform module needs "
                                      "that many",
             Diagnostic::Kind::too_deep);
    }
}

Body Parser::parse_file() { return parse_body(nullptr); }

Body Parser::parse_body(const Token* open_brace) {
    Body body;
    body.range.begin = open_brace ? open_brace->begin : lexer_.start();
    std::unordered_map<std::string, std::size_t> seen;  // attribute name -> index
    for (;;) {
        const Token& t = peek();
        switch (t.kind) {
            case TokenKind::newline:
                read();
                continue;
            case TokenKind::eof:
                if (!open_brace) {
                    body.range.end = t.end;
                    return body;
                }
                fail(t, "expected '}' to close the block opened at " + position_text(open_brace->begin) +
                            ", found the end of the file");
            case TokenKind::rbrace:
                if (open_brace) {
                    body.range.end = read().end;
                    return body;
                }
                fail(t, "unexpected '}': no block is open here");
            case TokenKind::identifier: {
                Token name = read();
                std::size_t before = body.attributes.size();
                parse_body_item(body, name);
                if (body.attributes.size() > before) {
                    const Attribute& added = body.attributes.back();
                    // Small bodies are searched directly; large ones get an index.
                    const Attribute* first = nullptr;
                    if (before < 16) {
                        for (std::size_t k = 0; k < before && !first; ++k)
                            if (body.attributes[k].name == added.name) first = &body.attributes[k];
                    } else {
                        if (seen.empty())
                            for (std::size_t k = 0; k < before; ++k) seen.emplace(body.attributes[k].name, k);
                        auto [it, inserted] = seen.emplace(added.name, before);
                        if (!inserted) first = &body.attributes[it->second];
                    }
                    if (first) {
                        diagnostics_.push_back({"argument '" + added.name + "' is already set at " +
                                                    position_text(first->name_range.begin) +
                                                    "; each argument can be set only once in a block",
                                                added.name_range, Diagnostic::Kind::duplicate_argument});
                        body.attributes.pop_back();
                    }
                }
                continue;
            }
            case TokenKind::open_quote:
                fail(t, "argument and block names must not be quoted");
            default:
                fail(t, "expected an argument (name = value) or a block (type \"label\" { ... }), found " + describe(t));
        }
    }
}

void Parser::parse_body_item(Body& body, const Token& name) {
    const Token& next = peek();
    if (next.kind == TokenKind::equal) {
        read();
        ExprPtr expr = parse_expression();
        const Token& end = peek();
        if (end.kind != TokenKind::newline && end.kind != TokenKind::eof) {
            if (end.kind == TokenKind::comma)
                fail(end, "arguments are separated by newlines, not commas");
            fail(end, "expected a newline after the value of '" + std::string(name.text) + "', found " + describe(end));
        }
        Attribute attr;
        attr.name = std::string(name.text);
        attr.name_range = {name.begin, name.end};
        attr.range = {name.begin, expr->range.end};
        attr.expr = std::move(expr);
        if (end.kind == TokenKind::newline) read();
        body.attributes.push_back(std::move(attr));
        return;
    }
    if (next.kind == TokenKind::open_quote || next.kind == TokenKind::lbrace || next.kind == TokenKind::identifier) {
        parse_block(body, name);
        return;
    }
    std::string message = "expected '=' after '" + std::string(name.text) +
                          "' to set an argument, or labels and '{' to open a block, found " + describe(next);
    if (next.kind == TokenKind::newline || next.kind == TokenKind::eof) fail(name, message);
    fail(next, message);
}

std::string Parser::parse_label(Range& range) {
    Token open = read();
    if (const std::optional<Pos> quote = plain_string_quote()) {
        DepthGuard depth(*this, open.begin);  // as parse_template would
        const Pos begin = cursor_;
        cursor_ = Pos{quote->line, quote->column + 1, quote->offset + 1};
        peek_valid_ = false;
        range = {open.begin, cursor_};
        return std::string(source_.substr(begin.offset, quote->offset - begin.offset));
    }
    ExprPtr tmpl = parse_template(open, TemplateMode::quoted);
    range = tmpl->range;
    std::string label;
    for (const TemplatePart& part : tmpl->as<TemplateExpr>()->parts) {
        if (part.kind != TemplatePart::Kind::literal)
            fail(part.range, "a block label cannot contain ${...} or %{...} sequences (write a literal \"${\" as \"$${\")");
        label += part.text;
    }
    return label;
}

void Parser::parse_block(Body& body, const Token& type) {
    Block block;
    block.type = std::string(type.text);
    block.type_range = {type.begin, type.end};
    for (;;) {
        const Token& t = peek();
        if (t.kind == TokenKind::lbrace) break;
        if (block.labels.empty()) {
            block.labels.reserve(2);  // resource "type" "name"
            block.label_ranges.reserve(2);
        }
        if (t.kind == TokenKind::open_quote) {
            Range r;
            block.labels.push_back(parse_label(r));
            block.label_ranges.push_back(r);
        } else if (t.kind == TokenKind::identifier) {
            Token label = read();
            block.labels.emplace_back(label.text);
            block.label_ranges.push_back({label.begin, label.end});
        } else if (t.kind == TokenKind::equal) {
            fail(t, "'=' sets an argument, but '" + block.type +
                        "' has labels like a block: remove the labels, or the '=' before the '{'");
        } else if (t.kind == TokenKind::newline) {
            std::string hint;
            if (block.labels.size() == 1) {
                const Range& label = block.label_ranges[0];
                hint = " (to set an argument instead, write " + block.type + " = " +
                       std::string(source_.substr(label.begin.offset, label.end.offset - label.begin.offset)) + ")";
            }
            fail(t, "the '{' of block '" + block.type + "' must be on the same line as its type and labels" + hint);
        } else {
            fail(t, "expected a quoted label or '{' after block type '" + block.type + "', found " + describe(t));
        }
    }
    Token open = read();
    block.open_brace = {open.begin, open.end};
    DepthGuard depth(*this, open.begin);
    const Token& after = peek();
    if (after.kind == TokenKind::newline || after.kind == TokenKind::eof || after.kind == TokenKind::rbrace) {
        block.body = parse_body(&open);
    } else {
        // One-line block: `name { arg = value }`.
        Token name = read();
        if (name.kind != TokenKind::identifier)
            fail(name, "expected an argument (name = value) inside the block '" + block.type + "', found " +
                           describe(name));
        const Token& eq = peek();
        if (eq.kind != TokenKind::equal) {
            if (eq.kind == TokenKind::open_quote || eq.kind == TokenKind::lbrace || eq.kind == TokenKind::identifier)
                fail(eq, "a single-line block can hold only one argument (name = value); put the nested block '" +
                             std::string(name.text) + "' on a line of its own");
            fail(eq, "expected '=' after '" + std::string(name.text) + "', found " + describe(eq));
        }
        read();
        ExprPtr expr = parse_expression();
        const Token& close = peek();
        if (close.kind != TokenKind::rbrace) {
            if (close.kind == TokenKind::comma)
                fail(close, "a single-line block can hold only one argument; write one argument per line");
            if (close.kind == TokenKind::newline)
                fail(close, "a single-line block must be closed on the same line: put '}' right after the argument");
            fail(close, "expected '}' to close the block opened at " + position_text(open.begin) + ", found " +
                            describe(close));
        }
        Attribute attr;
        attr.name = std::string(name.text);
        attr.name_range = {name.begin, name.end};
        attr.range = {name.begin, expr->range.end};
        attr.expr = std::move(expr);
        block.body.attributes.push_back(std::move(attr));
        Token c = read();
        block.body.range = {open.begin, c.end};
    }
    block.close_brace = {Pos{block.body.range.end.line, block.body.range.end.column - 1,
                             block.body.range.end.offset - 1},
                         block.body.range.end};
    block.range = {type.begin, block.body.range.end};
    const Token& eol = peek();
    if (eol.kind == TokenKind::newline) read();
    else if (eol.kind != TokenKind::eof)
        fail(eol, "expected a newline after the '}' that closes block '" + block.type + "', found " + describe(eol));
    body.blocks.push_back(std::move(block));
}

ExprPtr Parser::parse_expression() {
    DepthGuard depth(*this, peek().begin);
    ExprPtr cond = parse_binary();
    if (peek().kind != TokenKind::question) return cond;
    read();
    ExprPtr then_expr = parse_expression();
    const Token& colon = peek();
    if (colon.kind != TokenKind::colon)
        fail(colon, "expected ':' and the false result of the conditional started at " +
                        position_text(cond->range.begin) + " (cond ? a : b), found " + describe(colon));
    read();
    ExprPtr else_expr = parse_expression();
    Range r{cond->range.begin, else_expr->range.end};
    return make_expr(r, Conditional{std::move(cond), std::move(then_expr), std::move(else_expr)});
}

ExprPtr Parser::parse_binary() { return parse_operators(parse_term_with_traversals(), 1); }

// Precedence climbing: the operators of `min_level` or tighter after `lhs`, each level
// left-associative (a - b - c is (a - b) - c), a tighter one binding first (a + b * c).
ExprPtr Parser::parse_operators(ExprPtr lhs, int min_level) {
    for (;;) {
        BinaryOp op{};
        const int level = binary_level(peek().kind, op);
        if (level == 0 || level < min_level) return lhs;
        read();
        ExprPtr rhs = parse_term_with_traversals();
        for (BinaryOp next{}; binary_level(peek().kind, next) > level;)
            rhs = parse_operators(std::move(rhs), level + 1);
        Range r{lhs->range.begin, rhs->range.end};
        lhs = make_expr(r, Binary{op, std::move(lhs), std::move(rhs)});
    }
}

ExprPtr Parser::parse_term_with_traversals() { return parse_traversals(parse_term()); }

Literal Parser::number_value(const Token& token) const {
    if (!valid_number(token.text)) fail(token, "'" + std::string(token.text) + "' is not a valid number");
    Literal lit;
    lit.kind = Literal::Kind::number;
    lit.text = std::string(token.text);
    auto result = std::from_chars(token.text.data(), token.text.data() + token.text.size(), lit.number);
    if (result.ec == std::errc::result_out_of_range) {
        // Beyond a double: tiny exponents round to zero, huge ones to infinity.
        bool negative_exponent = token.text.find("e-") != std::string_view::npos ||
                                 token.text.find("E-") != std::string_view::npos;
        lit.number = negative_exponent ? 0.0 : HUGE_VAL;
    }
    return lit;
}

ExprPtr Parser::parse_term() {
    const Token& t = peek();
    switch (t.kind) {
        case TokenKind::lparen: {
            Token open = read();
            NewlineMode mode(*this, false);
            ExprPtr inner = parse_expression();
            if (peek().kind != TokenKind::rparen)
                fail(peek(), "expected ')' to close the '(' at " + position_text(open.begin) + ", found " +
                                 describe(peek()));
            Token close = read();
            return make_expr(Range{open.begin, close.end}, Parens{std::move(inner)});
        }
        case TokenKind::number: {
            Token num = read();
            return make_expr(Range{num.begin, num.end}, LiteralExpr{number_value(num)});
        }
        case TokenKind::identifier: {
            Token id = read();
            const Token& next = peek();
            if (next.kind == TokenKind::lparen || next.kind == TokenKind::double_colon) return parse_function_call(id);
            Range r{id.begin, id.end};
            Literal lit;
            if (id.text == "true" || id.text == "false") {
                lit.kind = Literal::Kind::boolean;
                lit.boolean = id.text == "true";
                return make_expr(r, LiteralExpr{std::move(lit)});
            }
            if (id.text == "null") return make_expr(r, LiteralExpr{std::move(lit)});
            ScopeTraversal traversal;
            traversal.root = std::string(id.text);
            traversal.root_range = r;
            return make_expr(r, std::move(traversal));
        }
        case TokenKind::open_quote: {
            Token open = read();
            return parse_template(open, TemplateMode::quoted);
        }
        case TokenKind::open_heredoc: {
            Token open = read();
            return parse_template(open, TemplateMode::heredoc);
        }
        case TokenKind::minus:
        case TokenKind::bang: {
            Token op = read();
            DepthGuard depth(*this, op.begin);
            ExprPtr operand = parse_term_with_traversals();
            Range r{op.begin, operand->range.end};
            return make_expr(r, Unary{op.kind == TokenKind::minus ? UnaryOp::negate : UnaryOp::logical_not,
                                      std::move(operand)});
        }
        case TokenKind::lbracket: {
            Token open = read();
            return parse_tuple(open);
        }
        case TokenKind::lbrace: {
            Token open = read();
            return parse_object(open);
        }
        default:
            fail(t, "expected an expression, found " + describe(t));
    }
}

ExprPtr Parser::parse_function_call(const Token& name) {
    FunctionCall call;
    call.name = std::string(name.text);
    Pos name_end = name.end;
    Token open = read();
    while (open.kind == TokenKind::double_colon) {
        const Token& part = peek();
        if (part.kind != TokenKind::identifier) fail(part, "expected a function name after '::', found " + describe(part));
        Token p = read();
        call.name += "::" + std::string(p.text);
        name_end = p.end;
        const Token& next = peek();
        if (next.kind != TokenKind::lparen && next.kind != TokenKind::double_colon)
            fail(next, "expected '(' after the function name '" + call.name + "', found " + describe(next));
        open = read();
    }
    call.name_range = {name.begin, name_end};
    NewlineMode mode(*this, false);
    Token close;
    for (;;) {
        if (peek().kind == TokenKind::rparen) {
            close = read();
            break;
        }
        if (call.args.empty()) call.args.reserve(4);
        call.args.push_back(parse_expression());
        Token sep = read();
        if (sep.kind == TokenKind::rparen) {
            close = sep;
            break;
        }
        if (sep.kind == TokenKind::ellipsis) {
            call.expand_final = true;
            const Token& c = peek();
            if (c.kind != TokenKind::rparen)
                fail(c, "an argument expanded with '...' must be the last one: expected ')' after it, found " +
                            describe(c));
            close = read();
            break;
        }
        if (sep.kind == TokenKind::comma) {
            if (peek().kind == TokenKind::rparen) {
                close = read();
                break;
            }
            continue;
        }
        fail(sep, "expected ',' or ')' after an argument of " + call.name + "() (opened at " +
                      position_text(open.begin) + "), found " + describe(sep));
    }
    return make_expr(Range{name.begin, close.end}, std::move(call));
}

ExprPtr Parser::parse_tuple(const Token& open) {
    NewlineMode mode(*this, false);
    if (is_keyword(peek(), "for")) return parse_for(open);
    Tuple tuple;
    Token close;
    for (;;) {
        if (peek().kind == TokenKind::rbracket) {
            close = read();
            break;
        }
        if (tuple.elements.empty()) tuple.elements.reserve(4);
        tuple.elements.push_back(parse_expression());
        const Token& next = peek();
        if (next.kind == TokenKind::rbracket) {
            close = read();
            break;
        }
        if (next.kind == TokenKind::comma) {
            read();
            continue;
        }
        fail(next, "expected ',' or ']' after an element of the tuple opened at " + position_text(open.begin) +
                       ", found " + describe(next));
    }
    return make_expr(Range{open.begin, close.end}, std::move(tuple));
}

ExprPtr Parser::parse_object(const Token& open) {
    {
        NewlineMode mode(*this, false);
        if (is_keyword(peek(), "for")) return parse_for(open);
    }
    NewlineMode mode(*this, true);
    Object object;
    Token close;
    for (;;) {
        const Token& t = peek();
        if (t.kind == TokenKind::newline) {
            read();
            continue;
        }
        if (t.kind == TokenKind::rbrace) {
            close = read();
            break;
        }
        if (t.kind == TokenKind::eof)
            fail(t, "expected '}' to close the object opened at " + position_text(open.begin) +
                        ", found the end of the file");
        ObjectItem item;
        item.key_parenthesized = t.kind == TokenKind::lparen;
        item.key = parse_expression();
        const Token& sep = peek();
        if (sep.kind != TokenKind::equal && sep.kind != TokenKind::colon) {
            if (sep.kind == TokenKind::newline || sep.kind == TokenKind::comma)
                fail(sep, "expected '=' and a value after the object key");
            if (sep.kind == TokenKind::identifier)
                fail(sep, "expected '=' after the object key, found " + describe(sep) +
                              " (quote a key that contains periods or spaces)");
            fail(sep, "expected '=' after the object key, found " + describe(sep));
        }
        read();
        item.value = parse_expression();
        if (object.items.empty()) object.items.reserve(4);
        object.items.push_back(std::move(item));
        const Token& next = peek();
        if (next.kind == TokenKind::rbrace) {
            close = read();
            break;
        }
        if (next.kind == TokenKind::comma || next.kind == TokenKind::newline) {
            read();
            continue;
        }
        fail(next, "expected a newline or ',' after an element of the object opened at " + position_text(open.begin) +
                       ", found " + describe(next));
    }
    return make_expr(Range{open.begin, close.end}, std::move(object));
}

ExprPtr Parser::parse_for(const Token& open) {
    NewlineMode mode(*this, false);
    For f;
    f.object = open.kind == TokenKind::lbrace;
    const TokenKind close_kind = f.object ? TokenKind::rbrace : TokenKind::rbracket;
    const char* close_text = f.object ? "'}'" : "']'";
    read();  // for
    if (peek().kind != TokenKind::identifier)
        fail(peek(), "expected a variable name after 'for', found " + describe(peek()));
    f.value_var = std::string(read().text);
    if (peek().kind == TokenKind::comma) {
        read();
        if (peek().kind != TokenKind::identifier)
            fail(peek(), "expected the value variable's name after ',' in the 'for' expression, found " +
                             describe(peek()));
        f.key_var = std::move(f.value_var);
        f.value_var = std::string(read().text);
    }
    if (!is_keyword(peek(), "in"))
        fail(peek(), "expected 'in' after the variable names of the 'for' expression, found " + describe(peek()));
    read();
    f.collection = parse_expression();
    if (peek().kind != TokenKind::colon)
        fail(peek(), "expected ':' after the collection of the 'for' expression, found " + describe(peek()));
    read();
    ExprPtr first = parse_expression();
    if (peek().kind == TokenKind::fat_arrow) {
        read();
        f.key_expr = std::move(first);
        f.value_expr = parse_expression();
    } else {
        f.value_expr = std::move(first);
    }
    Token ellipsis;
    if (peek().kind == TokenKind::ellipsis) {
        ellipsis = read();
        f.group = true;
    }
    if (is_keyword(peek(), "if")) {
        read();
        f.condition = parse_expression();
    }
    const Token& c = peek();
    if (c.kind != close_kind)
        fail(c, std::string("expected ") + close_text + " to end the 'for' expression opened at " +
                    position_text(open.begin) + ", found " + describe(c));
    Token close = read();
    if (!f.object && f.key_expr)
        fail(f.key_expr->range, "a tuple 'for' expression [for ...] has no key: '=>' belongs to object 'for' "
                                "expressions {for ...}");
    if (!f.object && f.group) fail(ellipsis, "grouping with '...' is only for object 'for' expressions {for ...}");
    if (f.object && !f.key_expr)
        fail(f.value_expr->range, "an object 'for' expression needs a key: {for k, v in coll : key => value}");
    return make_expr(Range{open.begin, close.end}, std::move(f));
}

ExprPtr Parser::parse_traversals(ExprPtr ret) {
    auto legacy_index = [&](const Token& dot, const Token& num) {
        if (auto d = num.text.find('.'); d != std::string_view::npos)
            fail(num, "legacy index syntax cannot be chained: write [" + std::string(num.text.substr(0, d)) + "][" +
                          std::string(num.text.substr(d + 1)) + "] instead of ." + std::string(num.text));
        TraversalStep step;
        step.kind = TraversalStep::Kind::index;
        step.key = number_value(num);
        step.legacy = true;
        step.range = {dot.begin, num.end};
        return step;
    };
    for (;;) {
        const Token& t = peek();
        if (t.kind == TokenKind::dot) {
            Token dot = read();
            const Token& a = peek();
            if (a.kind == TokenKind::identifier) {
                Token name = read();
                TraversalStep step;
                step.name = std::string(name.text);
                step.range = {dot.begin, name.end};
                ret = extend(std::move(ret), std::move(step));
            } else if (a.kind == TokenKind::number) {
                Token num = read();
                ret = extend(std::move(ret), legacy_index(dot, num));
            } else if (a.kind == TokenKind::star) {
                // Attribute-only splat: source.*.a.b
                Token star = read();
                std::vector<TraversalStep> steps;
                Pos last = star.end;
                while (peek().kind == TokenKind::dot) {
                    Token d = read();
                    const Token& n = peek();
                    if (n.kind == TokenKind::number) {
                        Token num = read();
                        steps.push_back(legacy_index(d, num));
                    } else if (n.kind == TokenKind::identifier) {
                        Token name = read();
                        TraversalStep step;
                        step.name = std::string(name.text);
                        step.range = {d.begin, name.end};
                        steps.push_back(std::move(step));
                    } else if (n.kind == TokenKind::star) {
                        fail(n, "a splat (.*) cannot be nested inside another attribute-only splat");
                    } else {
                        fail(n, "expected an attribute name after '.', found " + describe(n));
                    }
                    last = steps.back().range.end;
                }
                ExprPtr each = make_expr(Range{dot.begin, star.end}, AnonSymbol{});
                if (!steps.empty()) {
                    Range r{steps.front().range.begin, last};
                    RelativeTraversal rel;
                    rel.source = std::move(each);
                    rel.steps = std::move(steps);
                    each = make_expr(r, std::move(rel));
                }
                Range r{ret->range.begin, last};
                ret = make_expr(r, Splat{std::move(ret), std::move(each), true});
            } else {
                fail(a, "expected an attribute name after '.', found " + describe(a));
            }
            continue;
        }
        if (t.kind == TokenKind::lbracket) {
            Token open = read();
            if (peek().kind == TokenKind::star) {
                read();
                const Token& c = peek();
                if (c.kind != TokenKind::rbracket) fail(c, "expected ']' after '[*', found " + describe(c));
                Token close = read();
                DepthGuard depth(*this, open.begin);
                ExprPtr each = parse_traversals(make_expr(Range{open.begin, close.end}, AnonSymbol{}));
                Range r{ret->range.begin, each->range.end};
                ret = make_expr(r, Splat{std::move(ret), std::move(each), false});
                continue;
            }
            ExprPtr key;
            Token close;
            {
                NewlineMode mode(*this, false);
                key = parse_expression();
                const Token& c = peek();
                if (c.kind != TokenKind::rbracket)
                    fail(c, "expected ']' to close the index opened at " + position_text(open.begin) + ", found " +
                                describe(c));
                close = read();
            }
            Range bracket{open.begin, close.end};
            const TemplateExpr* tmpl = key->as<TemplateExpr>();
            if (const LiteralExpr* lit = key->as<LiteralExpr>()) {
                TraversalStep step;
                step.kind = TraversalStep::Kind::index;
                step.key = lit->value;
                step.range = bracket;
                ret = extend(std::move(ret), std::move(step));
            } else if (tmpl && !tmpl->wrap && tmpl->parts.size() <= 1 &&
                       (tmpl->parts.empty() || tmpl->parts[0].kind == TemplatePart::Kind::literal)) {
                TraversalStep step;
                step.kind = TraversalStep::Kind::index;
                step.key.kind = Literal::Kind::string;
                if (!tmpl->parts.empty()) step.key.text = tmpl->parts[0].text;
                step.range = bracket;
                ret = extend(std::move(ret), std::move(step));
            } else {
                Range r{ret->range.begin, close.end};
                ret = make_expr(r, Index{std::move(ret), std::move(key)});
            }
            continue;
        }
        return ret;
    }
}

}  // namespace detail

ParseResult parse(std::string_view source, std::string path, const ParseOptions& options) {
    ParseResult result;
    result.file.path = std::move(path);
    if (source.size() > options.max_bytes) {
        result.diagnostics.push_back({"the file is " + std::to_string(source.size()) + " bytes, more than the limit of " +
                                          std::to_string(options.max_bytes) + " bytes",
                                      Range{Pos{1, 1, 0}, Pos{1, 1, 0}}, Diagnostic::Kind::too_large});
        return result;
    }
    result.file.source = std::string(source);
    const std::string_view text = result.file.source;
    Lexer lexer(text);
    std::string what;
    if (auto bad = find_invalid_utf8(text, what)) {
        Pos p = lexer.advance(lexer.start(), *bad);
        result.diagnostics.push_back({"the file is not valid UTF-8 text: " + what, Range{p, p}, Diagnostic::Kind::encoding});
        return result;
    }
    try {
        detail::Parser parser(text, options, result.diagnostics);
        result.file.body = parser.parse_file();
        result.complete = true;
    } catch (const detail::SyntaxError& error) {
        result.diagnostics.push_back(error.diagnostic);
        result.file.body = Body{};
    }
    return result;
}

TemplateParseResult parse_template(std::string_view source, const ParseOptions& options) {
    TemplateParseResult result;
    if (source.size() > options.max_bytes) {
        result.diagnostics.push_back({"the template is " + std::to_string(source.size()) +
                                          " bytes, more than the limit of " + std::to_string(options.max_bytes) +
                                          " bytes",
                                      Range{Pos{1, 1, 0}, Pos{1, 1, 0}}, Diagnostic::Kind::too_large});
        return result;
    }
    Lexer lexer(source);
    std::string what;
    if (auto bad = find_invalid_utf8(source, what)) {
        Pos p = lexer.advance(lexer.start(), *bad);
        result.diagnostics.push_back(
            {"the template is not valid UTF-8 text: " + what, Range{p, p}, Diagnostic::Kind::encoding});
        return result;
    }
    try {
        detail::Parser parser(source, options, result.diagnostics);
        result.expr = parser.parse_bare_template();
    } catch (const detail::SyntaxError& error) {
        result.diagnostics.push_back(error.diagnostic);
    }
    return result;
}

}  // namespace ddbguard::hcl
