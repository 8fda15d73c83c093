// Templates: quoted strings, heredocs and standalone templates. Like the official parser
// this works in three passes: collect a flat list of literals, interpolations and
// directives (applying escapes); apply strip markers (~) and the <<- indentation rule to
// the literals; then nest the if/for directives into parts.
#include <cctype>
#include <functional>
#include <limits>
#include <memory>

#include "sources/terraform/hcl/parser_impl.hpp"
#include "util/text.hpp"

namespace ddbguard::hcl::detail {

namespace {

struct Flat {
    enum class Kind { literal, interpolation, if_directive, else_directive, endif_directive, for_directive,
                      endfor_directive };
    Kind kind = Kind::literal;
    Range range;
    std::string text;
    std::vector<LiteralPiece> pieces;
    ExprPtr expr;
    std::unique_ptr<TemplateDirective> directive;  // for: the variable names
    bool strip_before = false;  // ${~ or %{~ : strip the space before
    bool strip_after = false;   // ~} : strip the space after
};

const char* directive_name(Flat::Kind k) {
    switch (k) {
        case Flat::Kind::if_directive: return "%{if}";
        case Flat::Kind::else_directive: return "%{else}";
        case Flat::Kind::endif_directive: return "%{endif}";
        case Flat::Kind::for_directive: return "%{for}";
        case Flat::Kind::endfor_directive: return "%{endfor}";
        default: return "sequence";
    }
}

// Bytes of leading white space, and how many code points they are.
std::size_t leading_space(std::string_view s, std::size_t* count = nullptr) {
    std::size_t i = 0, n = 0, len = 0;
    while (i < s.size() && is_unicode_space(decode_utf8(s, i, len))) {
        i += len;
        ++n;
    }
    if (count) *count = n;
    return i;
}

std::size_t trailing_space_start(std::string_view s) {
    std::size_t end = s.size();
    while (end > 0) {
        std::size_t start = end - 1;
        while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
        std::size_t len = 0;
        if (!is_unicode_space(decode_utf8(s, start, len))) break;
        end = start;
    }
    return end;
}

std::string_view trim_space(std::string_view s) {
    s.remove_prefix(leading_space(s));
    return s.substr(0, trailing_space_start(s));
}

// Removes the first `n` bytes of a literal, keeping its pieces' source positions right.
void drop_front(Flat& lit, std::size_t n) {
    std::vector<LiteralPiece> kept;
    for (LiteralPiece p : lit.pieces) {
        std::size_t end = p.offset + p.length;
        if (end <= n) continue;
        if (p.offset < n) {
            std::size_t cut = n - p.offset;
            if (p.verbatim) p.source = advance_text(p.source, std::string_view(lit.text).substr(p.offset, cut));
            p.offset = n;
            p.length -= cut;
        }
        p.offset -= n;
        kept.push_back(p);
    }
    lit.pieces = std::move(kept);
    lit.text.erase(0, n);
}

void keep_front(Flat& lit, std::size_t n) {
    while (!lit.pieces.empty() && lit.pieces.back().offset >= n) lit.pieces.pop_back();
    if (!lit.pieces.empty()) {
        LiteralPiece& last = lit.pieces.back();
        if (last.offset + last.length > n) last.length = n - last.offset;
    }
    lit.text.resize(n);
}

// The <<- rule: find the smallest indentation among the lines (blank lines do not count,
// a line that starts with a sequence counts as zero) and remove it from every line.
void flush_heredoc(std::vector<Flat>& flat) {
    constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
    std::size_t min_spaces = none;
    bool line_start = true;
    std::vector<Flat*> adjust;
    for (Flat& f : flat) {
        if (line_start) {
            line_start = false;
            std::size_t spaces = 0;
            if (f.kind == Flat::Kind::literal) {
                std::size_t bytes = leading_space(f.text, &spaces);
                if (bytes == f.text.size() && !f.text.empty() && f.text.back() == '\n') spaces = none;
                else adjust.push_back(&f);
            }
            if (spaces < min_spaces) min_spaces = spaces;
        }
        if (f.kind == Flat::Kind::literal && !f.text.empty() && f.text.back() == '\n') line_start = true;
    }
    if (min_spaces == none || min_spaces == 0) return;
    for (Flat* f : adjust) {
        std::size_t i = 0, len = 0;
        for (std::size_t k = 0; k < min_spaces && i < f->text.size(); ++k) {
            decode_utf8(f->text, i, len);
            i += len;
        }
        drop_front(*f, i);
    }
}

// Joins neighbouring literals (after stripping, so each keeps its own strip behaviour).
void meld(std::vector<Flat>& flat) {
    bool neighbours = false;
    for (std::size_t k = 1; k < flat.size() && !neighbours; ++k)
        neighbours = flat[k].kind == Flat::Kind::literal && flat[k - 1].kind == Flat::Kind::literal;
    if (!neighbours) return;
    std::vector<Flat> out;
    for (Flat& f : flat) {
        if (f.kind == Flat::Kind::literal && !out.empty() && out.back().kind == Flat::Kind::literal) {
            Flat& prev = out.back();
            for (LiteralPiece p : f.pieces) {
                p.offset += prev.text.size();
                prev.pieces.push_back(p);
            }
            prev.text += f.text;
            prev.range.end = f.range.end;
            continue;
        }
        out.push_back(std::move(f));
    }
    flat = std::move(out);
}

TemplatePart to_part(Flat& f) {
    TemplatePart part;
    part.range = f.range;
    if (f.kind == Flat::Kind::literal) {
        part.kind = TemplatePart::Kind::literal;
        part.text = std::move(f.text);
        part.pieces = std::move(f.pieces);
    } else {
        part.kind = TemplatePart::Kind::interpolation;
        part.expr = std::move(f.expr);
    }
    return part;
}

}  // namespace

namespace {

// Nests directives. Returns the index of the else/endif/endfor that ended the run, or flat.size().
class TemplateNester {
public:
    TemplateNester(std::vector<Flat>& flat, const std::function<void(const Range&, std::string)>& fail,
                   const std::function<void(const Pos&)>& enter, const std::function<void()>& leave)
        : flat_(flat), fail_(fail), enter_(enter), leave_(leave) {}

    std::size_t build(std::size_t k, std::vector<TemplatePart>& out) {
        while (k < flat_.size()) {
            Flat& f = flat_[k];
            switch (f.kind) {
                case Flat::Kind::literal:
                case Flat::Kind::interpolation:
                    out.push_back(to_part(f));
                    ++k;
                    break;
                case Flat::Kind::if_directive: k = build_if(k, out); break;
                case Flat::Kind::for_directive: k = build_for(k, out); break;
                default: return k;
            }
        }
        return k;
    }

private:
    std::size_t build_if(std::size_t k, std::vector<TemplatePart>& out) {
        Flat& open = flat_[k];
        enter_(open.range.begin);
        TemplatePart part;
        part.kind = TemplatePart::Kind::if_directive;
        part.expr = std::move(open.expr);
        part.directive = std::make_unique<TemplateDirective>();
        std::size_t j = build(k + 1, part.directive->then_parts);
        auto missing = [&] {
            fail_(open.range, "the %{if} at " + position_text(open.range.begin) + " has no matching %{endif}");
        };
        if (j == flat_.size()) missing();
        if (flat_[j].kind == Flat::Kind::else_directive) {
            part.directive->has_else = true;
            std::size_t else_at = j;
            j = build(j + 1, part.directive->else_parts);
            if (j == flat_.size()) missing();
            if (flat_[j].kind == Flat::Kind::else_directive)
                fail_(flat_[j].range, "a second %{else} in the %{if} at " + position_text(open.range.begin) +
                                          " (the first is at " + position_text(flat_[else_at].range.begin) + ")");
        }
        if (flat_[j].kind != Flat::Kind::endif_directive)
            fail_(flat_[j].range, std::string("expected %{endif} for the %{if} at ") +
                                      position_text(open.range.begin) + ", found " + directive_name(flat_[j].kind));
        part.range = {open.range.begin, flat_[j].range.end};
        out.push_back(std::move(part));
        leave_();
        return j + 1;
    }

    std::size_t build_for(std::size_t k, std::vector<TemplatePart>& out) {
        Flat& open = flat_[k];
        enter_(open.range.begin);
        TemplatePart part;
        part.kind = TemplatePart::Kind::for_directive;
        part.expr = std::move(open.expr);
        part.directive = std::move(open.directive);
        std::size_t j = build(k + 1, part.directive->body);
        if (j == flat_.size())
            fail_(open.range, "the %{for} at " + position_text(open.range.begin) + " has no matching %{endfor}");
        if (flat_[j].kind == Flat::Kind::else_directive)
            fail_(flat_[j].range, "%{else} cannot be used inside the %{for} at " + position_text(open.range.begin));
        if (flat_[j].kind != Flat::Kind::endfor_directive)
            fail_(flat_[j].range, std::string("expected %{endfor} for the %{for} at ") +
                                      position_text(open.range.begin) + ", found " + directive_name(flat_[j].kind));
        part.range = {open.range.begin, flat_[j].range.end};
        out.push_back(std::move(part));
        leave_();
        return j + 1;
    }

    std::vector<Flat>& flat_;
    const std::function<void(const Range&, std::string)>& fail_;
    const std::function<void(const Pos&)>& enter_;
    const std::function<void()>& leave_;
};

}  // namespace

ExprPtr Parser::parse_bare_template() {
    Token start;
    start.begin = start.end = lexer_.start();
    return parse_template(start, TemplateMode::bare);
}

std::optional<Pos> Parser::plain_string_quote() const {
    const std::string_view s = source_;
    const Pos begin = cursor_;
    std::size_t i = begin.offset;
    bool ascii = true;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"' || c == '\\' || c == '$' || c == '%' || c == '\n' || c == '\r') break;
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    }
    if (i >= s.size() || s[i] != '"') return std::nullopt;
    return ascii ? Pos{begin.line, begin.column + static_cast<std::uint32_t>(i - begin.offset), i}
                 : lexer_.advance(begin, i);
}

// Gives the template the general scan below would give (its literal's text is the file's bytes).
ExprPtr Parser::parse_plain_string(const Token& open) {
    const std::optional<Pos> quote = plain_string_quote();
    if (!quote) return nullptr;
    const Pos begin = cursor_;
    const Pos end{quote->line, quote->column + 1, quote->offset + 1};
    TemplateExpr tmpl;
    if (quote->offset > begin.offset) {
        TemplatePart part;
        part.kind = TemplatePart::Kind::literal;
        part.range = {begin, *quote};
        part.text.assign(source_.substr(begin.offset, quote->offset - begin.offset));
        tmpl.parts.push_back(std::move(part));
    }
    cursor_ = end;
    peek_valid_ = false;
    return make_expr(Range{open.begin, end}, std::move(tmpl));
}

ExprPtr Parser::parse_template(const Token& open, TemplateMode mode) {
    DepthGuard depth(*this, open.begin);
    if (mode == TemplateMode::quoted)
        if (ExprPtr plain = parse_plain_string(open)) return plain;
    const std::string_view s = source_;
    const std::string_view marker = mode == TemplateMode::heredoc ? heredoc_marker(open) : std::string_view();
    std::vector<Flat> flat;
    Pos pos = cursor_;  // where the scan stands (positions are only ever moved forward)
    auto pos_at = [&](std::size_t offset) {
        pos = lexer_.advance(pos, offset);
        return pos;
    };
    bool line_start = true;
    Pos end;
    // Built only for an error message.
    auto opener_text = [&]() -> std::string {
        return mode == TemplateMode::quoted ? "the string opened at " + position_text(open.begin)
               : mode == TemplateMode::heredoc
                   ? "the heredoc <<" + std::string(marker) + " opened at " + position_text(open.begin)
                   : std::string("the template");
    };

    for (;;) {
        std::size_t i = pos.offset;
        if (mode == TemplateMode::heredoc && line_start) {
            // The closing marker: alone on its line (white space around it is allowed) and
            // followed by a newline. The newline stays a token: it ends the attribute.
            std::size_t nl = s.find('\n', i);
            if (nl != std::string_view::npos && trim_space(s.substr(i, nl - i)) == marker) {
                std::size_t content_end = nl;
                if (content_end > i && s[content_end - 1] == '\r') --content_end;
                end = pos_at(content_end);
                break;
            }
        }
        // A literal run.
        Flat lit;
        lit.kind = Flat::Kind::literal;
        const Pos lit_begin = pos;
        std::size_t run = i;  // start of the bytes not yet copied into lit.text
        auto copy_run = [&](std::size_t upto) {
            if (upto <= run) return;
            lit.pieces.push_back({lit.text.size(), upto - run, pos_at(run), true});
            lit.text.append(s.substr(run, upto - run));
            run = upto;
        };
        auto add_escape = [&](std::size_t at, std::size_t source_len, std::string_view value) {
            copy_run(at);
            lit.pieces.push_back({lit.text.size(), value.size(), pos_at(at), false});
            lit.text.append(value);
            run = at + source_len;
        };
        enum class Stop { end, sequence, newline } stop = Stop::end;
        for (;;) {
            if (i >= s.size()) {
                if (mode == TemplateMode::bare) break;
                if (mode == TemplateMode::quoted)
                    fail(Range{open.begin, open.end}, opener_text() + " is never closed: no '\"' before the end of the file");
                fail(Range{open.begin, open.end}, opener_text() + " is never closed: '" + std::string(marker) +
                                                      "' must appear alone on a line, followed by a newline");
            }
            char c = s[i];
            if (mode == TemplateMode::quoted && c == '"') break;
            if (c == '\n' || (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) {
                if (mode == TemplateMode::quoted) {
                    Pos p = pos_at(i);
                    fail(Range{p, p}, opener_text() + " runs past the end of the line: a quoted string cannot span lines "
                                               "(write \\n for a line break, or use a heredoc <<EOT)");
                }
                i += c == '\r' ? 2 : 1;
                stop = Stop::newline;
                break;
            }
            if (c == '\r') {
                Pos p = pos_at(i);
                fail(Range{p, p}, "a carriage return that is not followed by a newline, inside " + opener_text());
            }
            if (c == '\\' && mode == TemplateMode::quoted) {
                copy_run(i);
                Pos p = pos_at(i);
                if (i + 1 >= s.size() || s[i + 1] == '\n' || s[i + 1] == '\r')
                    fail(Range{p, p}, "a backslash must be followed by an escape sequence (\\n, \\t, \\\", \\\\, "
                                      "\\uNNNN, \\UNNNNNNNN)");
                char e = s[i + 1];
                std::string value;
                std::size_t len = 2;
                switch (e) {
                    case 'n': value = "\n"; break;
                    case 'r': value = "\r"; break;
                    case 't': value = "\t"; break;
                    case '"': value = "\""; break;
                    case '\\': value = "\\"; break;
                    case 'u':
                    case 'U': {
                        std::size_t want = e == 'u' ? 4 : 8;
                        std::size_t n = 0;
                        char32_t cp = 0;
                        while (n < want && i + 2 + n < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 2 + n]))) {
                            char h = s[i + 2 + n];
                            cp = cp * 16 + static_cast<char32_t>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                            ++n;
                        }
                        Range r{p, lexer_.advance(p, i + 2 + n)};
                        if (n != want)
                            fail(r, std::string("invalid escape sequence: \\") + e + " must be followed by " +
                                        (e == 'u' ? "four" : "eight") + " hexadecimal digits");
                        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                            fail(r, "invalid escape sequence: " + std::string(s.substr(i, 2 + n)) +
                                        " is not a Unicode character");
                        append_utf8(value, cp);
                        len = 2 + n;
                        break;
                    }
                    default: {
                        std::size_t clen = 0;
                        decode_utf8(s, i + 1, clen);
                        fail(Range{p, lexer_.advance(p, i + 1 + clen)},
                             "invalid escape sequence \\" + std::string(s.substr(i + 1, clen)) +
                                 ": use \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN (a Windows path needs \\\\)");
                    }
                }
                add_escape(i, len, value);
                i += len;
                continue;
            }
            if ((c == '$' || c == '%') && i + 1 < s.size()) {
                if (s[i + 1] == '{') {
                    stop = Stop::sequence;
                    break;
                }
                if (s[i + 1] == c && i + 2 < s.size() && s[i + 2] == '{') {  // $${ and %%{ are literal
                    add_escape(i, 3, std::string(1, c) + "{");
                    i += 3;
                    continue;
                }
            }
            ++i;
        }
        copy_run(i);
        if (i > lit_begin.offset) {
            lit.range = {lit_begin, pos_at(i)};
            flat.push_back(std::move(lit));
        }
        pos = pos_at(i);
        if (stop == Stop::newline) {
            line_start = true;
            continue;
        }
        if (stop == Stop::end) {
            if (mode == TemplateMode::quoted) pos = pos_at(i + 1);  // past the closing quote
            end = pos;
            break;
        }

        // A ${...} interpolation or a %{...} directive.
        line_start = false;
        const bool interpolation = s[i] == '$';
        Flat seq;
        seq.strip_before = i + 2 < s.size() && s[i + 2] == '~';
        const Pos seq_begin = pos;
        cursor_ = lexer_.advance(pos, i + 2 + (seq.strip_before ? 1 : 0));
        peek_valid_ = false;
        NewlineMode newlines(*this, false);
        std::string_view word_text;  // the directive's keyword, for `what`
        // What the sequence is, for an error message (built only then).
        auto what = [&]() -> std::string {
            return interpolation ? "the interpolation ${ at " + position_text(seq_begin)
                                 : "the %{" + std::string(word_text) + "} directive at " + position_text(seq_begin);
        };
        if (interpolation) {
            seq.kind = Flat::Kind::interpolation;
            seq.expr = parse_expression();
        } else {
            const Token& kw = peek();
            if (kw.kind != TokenKind::identifier)
                fail(kw, "expected a directive keyword (if, else, endif, for, endfor) after '%{', found " +
                             describe(kw) + " (write a literal \"%{\" as \"%%{\")");
            Token word = read();
            word_text = word.text;
            if (word.text == "if") {
                seq.kind = Flat::Kind::if_directive;
                seq.expr = parse_expression();
            } else if (word.text == "else") {
                seq.kind = Flat::Kind::else_directive;
            } else if (word.text == "endif") {
                seq.kind = Flat::Kind::endif_directive;
            } else if (word.text == "endfor") {
                seq.kind = Flat::Kind::endfor_directive;
            } else if (word.text == "for") {
                seq.kind = Flat::Kind::for_directive;
                seq.directive = std::make_unique<TemplateDirective>();
                std::string& key_var = seq.directive->key_var;
                std::string& value_var = seq.directive->value_var;
                if (peek().kind != TokenKind::identifier)
                    fail(peek(), "expected a variable name after %{for, found " + describe(peek()));
                value_var = std::string(read().text);
                if (peek().kind == TokenKind::comma) {
                    read();
                    if (peek().kind != TokenKind::identifier)
                        fail(peek(), "expected the value variable's name after ',' in %{for, found " + describe(peek()));
                    key_var = std::move(value_var);
                    value_var = std::string(read().text);
                }
                if (!(peek().kind == TokenKind::identifier && peek().text == "in"))
                    fail(peek(), "expected 'in' after the variable names of %{for, found " + describe(peek()));
                read();
                seq.expr = parse_expression();
            } else {
                std::string hint;
                if (auto near = util::did_you_mean(word.text, {"if", "else", "endif", "for", "endfor"}))
                    hint = " (did you mean '" + std::string(*near) + "'?)";
                fail(word, "'" + std::string(word.text) + "' is not a template directive: use if, else, endif, for " +
                               "or endfor" + hint);
            }
        }
        const Token& close = peek();
        if (close.kind != TokenKind::rbrace && close.kind != TokenKind::tilde_rbrace) {
            std::string message = "expected '}' to close " + what() + ", found " + describe(close);
            if (close.kind == TokenKind::colon || interpolation)
                message += " (to write a literal \"${\", for example an IAM policy variable, escape it as \"$${\")";
            // ${aws:username}: a name and a colon right after the opening is an IAM policy variable.
            const bool policy_variable = interpolation && close.kind == TokenKind::colon &&
                                         seq.expr->as<ScopeTraversal>() != nullptr;
            fail(close, message,
                 policy_variable ? Diagnostic::Kind::unescaped_policy_variable : Diagnostic::Kind::syntax);
        }
        Token c = read();
        seq.strip_after = c.kind == TokenKind::tilde_rbrace;
        seq.range = {seq_begin, c.end};
        flat.push_back(std::move(seq));
        pos = cursor_;
    }

    // Strip markers: ~} trims the space at the start of the literal right after it,
    // ${~ and %{~ trim the space at the end of the literal right before it.
    for (std::size_t k = 0; k < flat.size(); ++k) {
        if (flat[k].kind == Flat::Kind::literal) {
            if (k > 0 && flat[k - 1].strip_after) drop_front(flat[k], leading_space(flat[k].text));
        } else if (flat[k].strip_before && k > 0 && flat[k - 1].kind == Flat::Kind::literal) {
            keep_front(flat[k - 1], trailing_space_start(flat[k - 1].text));
        }
    }
    if (mode == TemplateMode::heredoc && heredoc_flush(open)) flush_heredoc(flat);
    meld(flat);

    TemplateExpr tmpl;
    tmpl.heredoc = mode == TemplateMode::heredoc;
    tmpl.wrap = flat.size() == 1 && flat[0].kind == Flat::Kind::interpolation;
    std::function<void(const Range&, std::string)> fail_fn = [this](const Range& r, std::string m) {
        fail(r, std::move(m));
    };
    std::function<void(const Pos&)> enter_fn = [this](const Pos& p) { enter(p); };
    std::function<void()> leave_fn = [this] { leave(); };
    TemplateNester nester(flat, fail_fn, enter_fn, leave_fn);
    std::size_t stopped = nester.build(0, tmpl.parts);
    if (stopped != flat.size()) {
        const char* name = directive_name(flat[stopped].kind);
        fail(flat[stopped].range, std::string("unexpected ") + name + ": no matching " +
                                      (flat[stopped].kind == Flat::Kind::endfor_directive ? "%{for}" : "%{if}") +
                                      " is open");
    }
    cursor_ = end;
    peek_valid_ = false;
    return make_expr(Range{open.begin, end}, std::move(tmpl));
}

}  // namespace ddbguard::hcl::detail
