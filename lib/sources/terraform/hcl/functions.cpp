// The built-in functions policies use, as Terraform defines them. A function that
// ddbguard does not evaluate gives an unknown value (never an error), so the caller can
// report what it could not judge.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "sources/terraform/hcl/eval_impl.hpp"
#include "sources/terraform/hcl/lexer.hpp"
#include "sources/terraform/hcl/parser.hpp"
#include "util/text.hpp"

namespace ddbguard::hcl::detail {

namespace {

using Args = std::vector<Value>;

struct Call {
    Engine& engine;
    const FunctionCall& fc;
    const Expr& expr;
    Origin here;

    Value error(const std::string& message) const { return Value::error(fc.name + "(): " + message, here); }
    Value unknown_because(const Value& arg) const {
        std::string reason = fc.name + "() of a value not known until apply";
        if (!arg.reference().empty()) reason = fc.name + "() depends on " + arg.reference();
        if (!arg.reason().empty()) reason += " (" + arg.reason() + ")";
        return Value::unknown(std::move(reason), arg.reference(), here);
    }
};

using Function = Value (*)(Call&, Args&);

struct FunctionInfo {
    Function fn;
    std::size_t min_args;
    std::size_t max_args;  // SIZE_MAX: variadic
    bool strict;           // every argument must be known (else the result is unknown)
};

constexpr std::size_t any = static_cast<std::size_t>(-1);

// ---- helpers -------------------------------------------------------------------------

std::optional<std::string> known_string(Call& c, const Value& v, const char* what, Value& failure) {
    Value s = c.engine.to_string_value(v, std::string(what));
    if (s.is_error()) {
        failure = c.error(s.reason());
        return std::nullopt;
    }
    if (!s.is_known() || s.has_placeholders()) {
        failure = c.unknown_because(s.is_known() ? Value::unknown("", s.placeholders().front().reference) : s);
        return std::nullopt;
    }
    return s.as_string();
}

std::optional<double> known_number(Call& c, const Value& v, const char* what, Value& failure) {
    if (!v.is_known()) {
        failure = c.unknown_because(v);
        return std::nullopt;
    }
    auto n = c.engine.to_number(v);
    if (!n) failure = c.error(std::string(what) + " must be a number, not a " + std::string(to_string(v.kind())));
    return n;
}

// The part [offset, offset + length) of a string, with its segments and placeholders.
Value slice(const Value& s, std::size_t offset, std::size_t length, Origin origin) {
    const std::string& text = s.as_string();
    offset = std::min(offset, text.size());
    length = std::min(length, text.size() - offset);
    std::vector<StringSegment> segments;
    for (const StringSegment& seg : s.segments()) {
        std::size_t b = std::max(seg.offset, offset);
        std::size_t e = std::min(seg.offset + seg.length, offset + length);
        if (b >= e) continue;
        StringSegment out = seg;
        if (seg.verbatim && b > seg.offset && seg.origin.range.begin.line != 0) {
            Pos p = advance_text(seg.origin.range.begin, std::string_view(text).substr(seg.offset, b - seg.offset));
            out.origin.range = Range{p, p};
        }
        out.offset = b - offset;
        out.length = e - b;
        segments.push_back(out);
    }
    std::vector<Placeholder> placeholders;
    for (const Placeholder& p : s.placeholders())
        if (p.offset >= offset && p.offset + p.length <= offset + length) {
            Placeholder q = p;
            q.offset -= offset;
            placeholders.push_back(q);
        }
    if (segments.empty() && length > 0 && s.origin().range.begin.line != 0)
        segments.push_back({0, length, s.origin(), false});
    return Value::string(text.substr(offset, length), origin, std::move(segments), std::move(placeholders));
}

bool overlaps_placeholder(const Value& s, std::size_t begin, std::size_t end) {
    for (const Placeholder& p : s.placeholders())
        if (p.offset < end && begin < p.offset + p.length) return true;
    return false;
}


// Byte offset of code point `n` (clamped to the end).
std::size_t byte_offset(std::string_view s, std::size_t n) {
    std::size_t i = 0;
    while (i < s.size() && n > 0) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
        --n;
    }
    return i;
}

// Elements of a tuple argument, or nullopt with `failure` set.
const std::vector<Value>* tuple_arg(Call& c, const Value& v, const char* what, Value& failure) {
    if (!v.is_known()) {
        failure = c.unknown_because(v);
        return nullptr;
    }
    if (!v.is_tuple()) {
        failure = c.error(std::string(what) + " must be a list, not a " + std::string(to_string(v.kind())));
        return nullptr;
    }
    return &v.elements();
}

// ---- functions -----------------------------------------------------------------------

Value fn_jsonencode(Call& c, Args& a) {
    if (!a[0].is_known()) return c.unknown_because(a[0]);
    std::vector<Placeholder> placeholders;
    std::string text = encode_json(a[0], placeholders, c.engine);
    return Value::string(std::move(text), c.here, {}, std::move(placeholders)).with_encoded(a[0]);
}

Value fn_jsondecode(Call& c, Args& a) {
    if (!a[0].is_known()) return c.unknown_because(a[0]);
    if (!a[0].is_string()) return c.error("the argument must be a string, not a " + std::string(to_string(a[0].kind())));
    c.engine.charge(a[0].size() / 16);
    return decode_json(a[0], c.here, std::min(c.engine.options().max_value_depth, 64u));
}

// Reads a file for file() and templatefile(); nullopt with `failure` set (and a
// diagnostic) when it cannot.
std::optional<std::string> read_file(Call& c, const Value& path_arg, Value& failure, std::string& shown) {
    auto path = known_string(c, path_arg, "the path", failure);
    if (!path) return std::nullopt;
    const EvalOptions& opt = c.engine.options();
    if (opt.base_dir.empty()) {
        failure = Value::unknown(c.fc.name + "(\"" + *path + "\") is not read here (no module directory given)",
                                 c.fc.name + "(" + *path + ")", c.here);
        return std::nullopt;
    }
    std::filesystem::path p(*path);
    if (p.is_relative()) p = opt.base_dir / p;
    shown = p.lexically_normal().string();
    std::error_code ec;
    auto size = std::filesystem::file_size(p, ec);
    std::string problem;
    if (ec) {
        problem = "cannot read " + shown + ": " + ec.message();
    } else if (size > opt.max_file_bytes) {
        problem = shown + " is " + std::to_string(size) + " bytes, more than the limit of " +
                  std::to_string(opt.max_file_bytes);
    }
    std::string content;
    if (problem.empty()) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        if (!in.good() && !in.eof()) problem = "cannot read " + shown;
        content = bytes.str();
        std::string what;
        if (problem.empty() && find_invalid_utf8(content, what))
            problem = shown + " is not UTF-8 text (" + what + ")";
    }
    if (!problem.empty()) {
        c.engine.diagnose(c.expr.range, c.fc.name + "(): " + problem, Diagnostic::Kind::file);
        failure = Value::error(c.fc.name + "(): " + problem, c.here);
        return std::nullopt;
    }
    c.engine.charge(content.size() / 64);
    return content;
}

std::uint32_t file_number(Call& c, const std::string& path) {
    const EvalOptions& opt = c.engine.options();
    return opt.file_id ? opt.file_id(path) : no_file;
}

Value fn_file(Call& c, Args& a) {
    Value failure;
    std::string shown;
    auto content = read_file(c, a[0], failure, shown);
    if (!content) return failure;
    Origin start{file_number(c, shown), Range{Pos{1, 1, 0}, Pos{1, 1, 0}}};
    std::vector<StringSegment> segments;
    if (!content->empty()) segments.push_back({0, content->size(), start, true});
    return Value::string(std::move(*content), c.here, std::move(segments), {});
}

// The variables templatefile() passes to its template.
class TemplateVars final : public Scope {
public:
    explicit TemplateVars(Value vars) : vars_(std::move(vars)) {}
    Value resolve(const Reference& ref, std::size_t& used) const override {
        used = 0;
        if (!vars_.is_known()) return vars_;
        if (const Value* v = vars_.member(ref.root)) return *v;
        return Value::error("the template uses the variable '" + std::string(ref.root) +
                            "', which templatefile() was not given");
    }

private:
    Value vars_;
};

Value fn_templatefile(Call& c, Args& a) {
    if (c.engine.shared().template_depth > 0) return c.error("a template cannot call templatefile()");
    if (a[1].is_error()) return a[1];
    if (a[1].is_known() && !a[1].is_object() && !a[1].is_null())
        return c.error("the variables must be an object, not a " + std::string(to_string(a[1].kind())));
    Value failure;
    std::string shown;
    auto content = read_file(c, a[0], failure, shown);
    if (!content) return failure;
    TemplateParseResult parsed = parse_template(*content);
    if (!parsed.expr) {
        const Diagnostic& d = parsed.diagnostics.front();
        std::string message = "templatefile(): " + shown + ":" + std::to_string(d.range.begin.line) + ":" +
                              std::to_string(d.range.begin.column) + ": " + d.message;
        c.engine.diagnose(c.expr.range, message, Diagnostic::Kind::template_syntax);
        return Value::error(message, c.here);
    }
    EvalOptions options = c.engine.options();
    options.file = file_number(c, shown);
    options.source = *content;
    TemplateVars vars(a[1].is_null() ? Value::object({}) : a[1]);
    Engine inner(vars, options, c.engine.shared());
    ++c.engine.shared().template_depth;
    struct Restore {
        Shared& s;
        ~Restore() { --s.template_depth; }
    } restore{c.engine.shared()};
    return inner.eval(*parsed.expr);
}

// format(): the common verbs of Terraform's format (%s %v %q %d %f %e %g %t %x %X %o %b %%),
// with flags, width and precision.
Value fn_format(Call& c, Args& a) {
    Value failure;
    auto spec = known_string(c, a[0], "the format", failure);
    if (!spec) return failure;
    StringBuilder out(c.engine);
    std::size_t next = 1;
    const std::string& f = *spec;
    std::string literal;
    auto flush = [&] {
        out.text(literal, c.here);
        literal.clear();
    };
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%') {
            literal += f[i];
            continue;
        }
        if (i + 1 < f.size() && f[i + 1] == '%') {
            literal += '%';
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        bool left = false, zero = false, plus = false, space = false;
        for (; j < f.size() && std::string_view("-+# 0").find(f[j]) != std::string_view::npos; ++j) {
            if (f[j] == '-') left = true;
            if (f[j] == '0') zero = true;
            if (f[j] == '+') plus = true;
            if (f[j] == ' ') space = true;
        }
        constexpr std::size_t most = 10000;  // widths and precisions beyond this are mistakes
        std::size_t width = 0;
        for (; j < f.size() && std::isdigit(static_cast<unsigned char>(f[j])); ++j)
            width = std::min(most + 1, width * 10 + std::size_t(f[j] - '0'));
        int precision = -1;
        if (j < f.size() && f[j] == '.') {
            precision = 0;
            for (++j; j < f.size() && std::isdigit(static_cast<unsigned char>(f[j])); ++j)
                precision = std::min(int(most) + 1, precision * 10 + (f[j] - '0'));
        }
        if (width > most || precision > int(most)) return c.error("a width or precision beyond 10000");
        if (j >= f.size()) return c.error("the format ends in the middle of a verb");
        char verb = f[j];
        i = j;
        if (next >= a.size()) return c.error("the format has more verbs than there are arguments");
        const Value& arg = a[next++];
        if (arg.is_error()) return arg;
        flush();
        if (!arg.is_known()) {
            out.placeholder(arg, arg.origin());
            continue;
        }
        std::string piece;
        auto number = [&](const char* what) -> std::optional<double> {
            auto n = c.engine.to_number(arg);
            if (!n) failure = c.error(std::string("%") + verb + " needs " + what + ", not a " + std::string(to_string(arg.kind())));
            return n;
        };
        switch (verb) {
            case 's':
            case 'v': {
                if (arg.is_collection()) {
                    std::vector<Placeholder> ignored;
                    piece = encode_json(arg, ignored, c.engine);
                    break;
                }
                Value s = c.engine.to_string_value(arg, "the argument of %" + std::string(1, verb));
                if (s.is_error()) return c.error(s.reason());
                if (precision >= 0) s = slice(s, 0, byte_offset(s.as_string(), std::size_t(precision)), s.origin());
                if (width == 0 || util::code_points(s.as_string()) >= width) {
                    out.value(s);
                    continue;
                }
                piece = s.as_string();
                break;
            }
            case 'q': {
                Value s = c.engine.to_string_value(arg, "the argument of %q");
                if (s.is_error()) return c.error(s.reason());
                std::vector<Placeholder> ignored;
                piece = encode_json(Value::string(s.as_string()), ignored, c.engine);
                break;
            }
            case 't': {
                auto b = c.engine.to_bool(arg);
                if (!b) return c.error("%t needs a bool, not a " + std::string(to_string(arg.kind())));
                piece = *b ? "true" : "false";
                break;
            }
            case 'd':
            case 'x':
            case 'X':
            case 'o':
            case 'b': {
                auto n = number("a whole number");
                if (!n) return failure;
                if (*n != std::floor(*n) || std::fabs(*n) > 9.0e18) return c.error(std::string("%") + verb + " needs a whole number");
                auto v = static_cast<long long>(*n);
                int base = verb == 'd' ? 10 : verb == 'o' ? 8 : verb == 'b' ? 2 : 16;
                char buf[80];
                auto r = std::to_chars(buf, buf + sizeof buf, v < 0 ? -v : v, base);
                piece.assign(buf, r.ptr);
                if (verb == 'X') std::transform(piece.begin(), piece.end(), piece.begin(), ::toupper);
                if (v < 0) piece = "-" + piece;
                else if (plus) piece = "+" + piece;
                else if (space) piece = " " + piece;
                break;
            }
            case 'f':
            case 'e':
            case 'E':
            case 'g':
            case 'G': {
                auto n = number("a number");
                if (!n) return failure;
                char buf[512];
                auto fmt = verb == 'f' ? std::chars_format::fixed
                           : (verb == 'e' || verb == 'E') ? std::chars_format::scientific
                                                          : std::chars_format::general;
                auto r = precision >= 0 || verb != 'g' ? std::to_chars(buf, buf + sizeof buf, *n, fmt, precision >= 0 ? precision : 6)
                                                       : std::to_chars(buf, buf + sizeof buf, *n, fmt);
                if (r.ec != std::errc()) return c.error("cannot format the number");
                piece.assign(buf, r.ptr);
                if (verb == 'E' || verb == 'G') std::transform(piece.begin(), piece.end(), piece.begin(), ::toupper);
                if (*n >= 0 && plus) piece = "+" + piece;
                break;
            }
            default: return c.error(std::string("unsupported verb %") + verb);
        }
        std::size_t len = util::code_points(piece);
        if (len < width) {
            std::size_t pad = width - len;
            if (left) piece += std::string(pad, ' ');
            else if (zero && verb != 's' && verb != 'v' && verb != 'q') {
                std::size_t sign = (!piece.empty() && (piece[0] == '-' || piece[0] == '+')) ? 1 : 0;
                piece.insert(sign, std::string(pad, '0'));
            } else {
                piece = std::string(pad, ' ') + piece;
            }
        }
        out.text(piece, arg.origin());
    }
    flush();
    if (next < a.size()) return c.error("there are more arguments than the format has verbs");
    return out.build(c.here);
}

Value fn_join(Call& c, Args& a) {
    Value failure;
    auto sep = known_string(c, a[0], "the separator", failure);
    if (!sep) return failure;
    StringBuilder out(c.engine);
    bool first = true;
    for (std::size_t k = 1; k < a.size(); ++k) {
        const auto* items = tuple_arg(c, a[k], "each list", failure);
        if (!items) return failure;
        for (const Value& item : *items) {
            if (!first) out.text(*sep, c.here);
            first = false;
            if (item.is_error()) return item;
            if (!item.is_known()) {
                out.placeholder(item, item.origin());
                continue;
            }
            Value s = c.engine.to_string_value(item, "an element");
            if (s.is_error()) return c.error(s.reason());
            out.value(s);
        }
    }
    return out.build(c.here);
}

Value fn_split(Call& c, Args& a) {
    Value failure;
    auto sep = known_string(c, a[0], "the separator", failure);
    if (!sep) return failure;
    Value s = c.engine.to_string_value(a[1], "the string");
    if (s.is_error()) return c.error(s.reason());
    if (!s.is_known()) return c.unknown_because(s);
    const std::string& text = s.as_string();
    std::vector<Value> parts;
    if (sep->empty()) {
        for (std::size_t i = 0; i < text.size();) {
            std::size_t n = byte_offset(std::string_view(text).substr(i), 1);
            parts.push_back(slice(s, i, n, c.here));
            i += n;
        }
    } else {
        std::size_t start = 0;
        for (;;) {
            std::size_t at = text.find(*sep, start);
            if (at == std::string::npos) {
                parts.push_back(slice(s, start, text.size() - start, c.here));
                break;
            }
            parts.push_back(slice(s, start, at - start, c.here));
            start = at + sep->size();
        }
    }
    return c.engine.tuple(std::move(parts), c.here);
}

Value fn_concat(Call& c, Args& a) {
    std::vector<Value> out;
    Value failure;
    for (const Value& list : a) {
        const auto* items = tuple_arg(c, list, "each argument", failure);
        if (!items) return failure;
        out.insert(out.end(), items->begin(), items->end());
    }
    return c.engine.tuple(std::move(out), c.here);
}

Value fn_merge(Call& c, Args& a) {
    std::vector<std::pair<std::string, Value>> members;
    std::vector<Origin> key_origins;
    for (const Value& obj : a) {
        if (obj.is_null()) continue;
        if (!obj.is_known()) return c.unknown_because(obj);
        if (!obj.is_object()) return c.error("each argument must be an object or map, not a " + std::string(to_string(obj.kind())));
        for (std::size_t i = 0; i < obj.size(); ++i) {
            members.emplace_back(obj.keys()[i], obj.elements()[i]);
            key_origins.push_back(obj.key_origin(i));
        }
    }
    return c.engine.object(std::move(members), c.here, std::move(key_origins));
}

Value fn_lookup(Call& c, Args& a) {
    if (!a[0].is_known()) return c.unknown_because(a[0]);
    Value failure;
    auto key = known_string(c, a[1], "the key", failure);
    if (!key) return failure;
    if (!a[0].is_object()) return c.error("the first argument must be a map or object, not a " + std::string(to_string(a[0].kind())));
    if (const Value* v = a[0].member(*key)) return *v;
    if (a.size() > 2) return a[2];
    return c.error("the map has no key \"" + *key + "\" and no default was given");
}

Value fn_element(Call& c, Args& a) {
    Value failure;
    const auto* items = tuple_arg(c, a[0], "the list", failure);
    if (!items) return failure;
    auto n = known_number(c, a[1], "the index", failure);
    if (!n) return failure;
    if (!std::isfinite(*n) || *n != std::floor(*n) || *n < 0)
        return c.error("the index must be a whole number, not negative");
    if (items->empty()) return c.error("cannot take an element of an empty list");
    return (*items)[static_cast<std::size_t>(std::fmod(*n, double(items->size())))];
}

Value fn_length(Call& c, Args& a) {
    const Value& v = a[0];
    if (!v.is_known()) return c.unknown_because(v);
    if (v.is_collection()) return Value::number(double(v.size()), c.here);
    if (v.is_string()) {
        if (v.has_placeholders()) return c.unknown_because(Value::unknown("", v.placeholders().front().reference));
        return Value::number(double(util::code_points(v.as_string())), c.here);
    }
    if (v.kind() == Value::Kind::number || v.kind() == Value::Kind::boolean)
        return Value::number(double(c.engine.to_string_value(v, "").as_string().size()), c.here);
    return c.error("cannot take the length of null");
}

Value case_map(Call& c, Args& a, bool upper) {
    Value s = c.engine.to_string_value(a[0], "the argument");
    if (s.is_error()) return c.error(s.reason());
    if (!s.is_known()) return c.unknown_because(s);
    std::string text = s.as_string();
    const auto& ph = s.placeholders();
    std::size_t next = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (next < ph.size() && i == ph[next].offset) {
            i += ph[next].length - 1;
            ++next;
            continue;
        }
        char ch = text[i];
        if (upper && ch >= 'a' && ch <= 'z') text[i] = static_cast<char>(ch - 'a' + 'A');
        if (!upper && ch >= 'A' && ch <= 'Z') text[i] = static_cast<char>(ch - 'A' + 'a');
    }
    return Value::string(std::move(text), c.here, s.segments(), s.placeholders());
}
Value fn_lower(Call& c, Args& a) { return case_map(c, a, false); }
Value fn_upper(Call& c, Args& a) { return case_map(c, a, true); }

Value fn_replace(Call& c, Args& a) {
    Value s = c.engine.to_string_value(a[0], "the string");
    if (s.is_error()) return c.error(s.reason());
    if (!s.is_known()) return c.unknown_because(s);
    Value failure;
    auto from = known_string(c, a[1], "the substring", failure);
    if (!from) return failure;
    auto to = known_string(c, a[2], "the replacement", failure);
    if (!to) return failure;
    if (from->size() >= 2 && from->front() == '/' && from->back() == '/')
        return Value::unknown("replace() with a regular expression is not evaluated by ddbguard", "", c.here);
    const std::string& text = s.as_string();
    // Charge the result before building it: replace() can multiply a string's size.
    std::size_t count = 0;
    if (from->empty()) {
        count = util::code_points(text) + 1;
    } else {
        for (std::size_t at = text.find(*from); at != std::string::npos; at = text.find(*from, at + from->size())) ++count;
    }
    c.engine.charge((text.size() + count * to->size()) / 64);
    std::string out;
    if (from->empty()) {
        for (std::size_t i = 0; i < text.size();) {
            std::size_t n = byte_offset(std::string_view(text).substr(i), 1);
            out += *to;
            out.append(text, i, n);
            i += n;
        }
        out += *to;
    } else {
        std::size_t start = 0;
        for (std::size_t at = text.find(*from); at != std::string::npos; at = text.find(*from, start)) {
            out.append(text, start, at - start);
            out += *to;
            start = at + from->size();
        }
        out.append(text, start, std::string::npos);
    }
    std::vector<Placeholder> found = find_placeholders(out, s.placeholders());
    return Value::string(std::move(out), c.here, {}, std::move(found));
}

Value trim_to(Call& c, const Value& s, std::size_t begin, std::size_t end) {
    return slice(s, begin, end - begin, c.here);
}

Value fn_trimspace(Call& c, Args& a) {
    Value s = c.engine.to_string_value(a[0], "the argument");
    if (s.is_error()) return c.error(s.reason());
    if (!s.is_known()) return c.unknown_because(s);
    std::string_view t = s.as_string();
    std::size_t b = 0, len = 0;
    while (b < t.size() && is_unicode_space(decode_utf8(t, b, len))) b += len;
    std::size_t e = t.size();
    while (e > b) {
        std::size_t start = e - 1;
        while (start > b && (static_cast<unsigned char>(t[start]) & 0xC0) == 0x80) --start;
        if (!is_unicode_space(decode_utf8(t, start, len))) break;
        e = start;
    }
    return trim_to(c, s, b, e);
}

Value trim_affix(Call& c, Args& a, bool prefix) {
    Value s = c.engine.to_string_value(a[0], "the string");
    if (s.is_error()) return c.error(s.reason());
    if (!s.is_known()) return c.unknown_because(s);
    Value failure;
    auto affix = known_string(c, a[1], prefix ? "the prefix" : "the suffix", failure);
    if (!affix) return failure;
    const std::string& t = s.as_string();
    std::size_t n = affix->size();
    if (n > t.size()) return s.with_origin(c.here);
    std::size_t b = prefix ? 0 : t.size() - n;
    if (overlaps_placeholder(s, b, b + n)) return c.unknown_because(Value::unknown("", s.placeholders().front().reference));
    if (t.compare(b, n, *affix) != 0) return s.with_origin(c.here);
    return prefix ? trim_to(c, s, n, t.size()) : trim_to(c, s, 0, t.size() - n);
}
Value fn_trimprefix(Call& c, Args& a) { return trim_affix(c, a, true); }
Value fn_trimsuffix(Call& c, Args& a) { return trim_affix(c, a, false); }

Value affix_test(Call& c, Args& a, bool prefix) {
    Value s = c.engine.to_string_value(a[0], "the string");
    if (s.is_error()) return c.error(s.reason());
    if (!s.is_known()) return c.unknown_because(s);
    Value failure;
    auto affix = known_string(c, a[1], prefix ? "the prefix" : "the suffix", failure);
    if (!affix) return failure;
    const std::string& t = s.as_string();
    std::size_t n = affix->size();
    if (n > t.size()) return s.has_placeholders() ? c.unknown_because(Value::unknown("", s.placeholders().front().reference))
                                                  : Value::boolean(false, c.here);
    std::size_t b = prefix ? 0 : t.size() - n;
    if (overlaps_placeholder(s, b, b + n)) return c.unknown_because(Value::unknown("", s.placeholders().front().reference));
    return Value::boolean(t.compare(b, n, *affix) == 0, c.here);
}
Value fn_startswith(Call& c, Args& a) { return affix_test(c, a, true); }
Value fn_endswith(Call& c, Args& a) { return affix_test(c, a, false); }

Value fn_substr(Call& c, Args& a) {
    Value s = c.engine.to_string_value(a[0], "the string");
    if (s.is_error()) return c.error(s.reason());
    if (!s.is_known()) return c.unknown_because(s);
    Value failure;
    auto off = known_number(c, a[1], "the offset", failure);
    if (!off) return failure;
    auto len = known_number(c, a[2], "the length", failure);
    if (!len) return failure;
    if (s.has_placeholders()) return c.unknown_because(Value::unknown("", s.placeholders().front().reference));
    const std::string& t = s.as_string();
    double total = double(util::code_points(t));
    double start = *off < 0 ? total + *off : *off;
    if (start < 0) start = 0;
    if (start > total) return c.error("the offset is beyond the end of the string");
    double count = *len < 0 ? total - start : std::min(*len, total - start);
    std::size_t b = byte_offset(t, std::size_t(start));
    std::size_t e = b + byte_offset(std::string_view(t).substr(b), std::size_t(count));
    return trim_to(c, s, b, e);
}

Value fn_coalesce(Call& c, Args& a) {
    for (const Value& v : a) {
        if (v.is_error()) return v;
        if (!v.is_known()) return c.unknown_because(v);
        if (v.is_null() || (v.is_string() && v.as_string().empty())) continue;
        return v;
    }
    return c.error("no argument is non-null and non-empty");
}

Value fn_compact(Call& c, Args& a) {
    Value failure;
    const auto* items = tuple_arg(c, a[0], "the argument", failure);
    if (!items) return failure;
    std::vector<Value> out;
    for (const Value& v : *items)
        if (!(v.is_null() || (v.is_string() && v.as_string().empty()))) out.push_back(v);
    return c.engine.tuple(std::move(out), c.here);
}

Value fn_distinct(Call& c, Args& a) {
    Value failure;
    const auto* items = tuple_arg(c, a[0], "the argument", failure);
    if (!items) return failure;
    std::vector<Value> out;
    for (const Value& v : *items) {
        bool duplicate = false;
        for (const Value& w : out) {
            bool known = true;
            c.engine.charge(std::min(v.weight(), w.weight()));
            if (values_equal(v, w, known) && known) {
                duplicate = true;
                break;
            }
        }
        if (!duplicate) out.push_back(v);
    }
    return c.engine.tuple(std::move(out), c.here);
}

void flatten_into(Call& c, const Value& v, std::vector<Value>& out) {
    for (const Value& e : v.elements()) {
        c.engine.charge(1);
        if (e.is_tuple()) flatten_into(c, e, out);
        else out.push_back(e);
    }
}

Value fn_flatten(Call& c, Args& a) {
    Value failure;
    if (!tuple_arg(c, a[0], "the argument", failure)) return failure;
    std::vector<Value> out;
    flatten_into(c, a[0], out);
    return c.engine.tuple(std::move(out), c.here);
}

Value fn_keys(Call& c, Args& a) {
    if (!a[0].is_known()) return c.unknown_because(a[0]);
    if (!a[0].is_object()) return c.error("the argument must be a map or object, not a " + std::string(to_string(a[0].kind())));
    std::vector<Value> out;
    for (std::size_t i = 0; i < a[0].size(); ++i) {
        Origin o = a[0].key_origin(i);
        out.push_back(Value::string(a[0].keys()[i], o.range.begin.line ? o : c.here));
    }
    return c.engine.tuple(std::move(out), c.here);
}

Value fn_values(Call& c, Args& a) {
    if (!a[0].is_known()) return c.unknown_because(a[0]);
    if (!a[0].is_object()) return c.error("the argument must be a map or object, not a " + std::string(to_string(a[0].kind())));
    return c.engine.tuple(a[0].elements(), c.here);
}

Value fn_tolist(Call& c, Args& a) {
    if (!a[0].is_known() || a[0].is_null() || a[0].is_tuple()) return a[0];
    return c.error("cannot convert a " + std::string(to_string(a[0].kind())) + " to a list");
}

Value fn_toset(Call& c, Args& a) {
    if (!a[0].is_known() || a[0].is_null()) return a[0];
    if (!a[0].is_tuple()) return c.error("cannot convert a " + std::string(to_string(a[0].kind())) + " to a set");
    Args one{a[0]};
    Value v = fn_distinct(c, one);
    if (!v.is_tuple()) return v;
    std::vector<Value> items = v.elements();
    // Terraform iterates a set of strings in lexical order and a set of numbers in numeric order.
    bool strings = std::all_of(items.begin(), items.end(), [](const Value& e) { return e.is_string() && !e.has_placeholders(); });
    bool numbers = std::all_of(items.begin(), items.end(), [](const Value& e) { return e.kind() == Value::Kind::number; });
    if (strings) std::stable_sort(items.begin(), items.end(), [](const Value& x, const Value& y) { return x.as_string() < y.as_string(); });
    else if (numbers) std::stable_sort(items.begin(), items.end(), [](const Value& x, const Value& y) { return x.as_number() < y.as_number(); });
    return c.engine.tuple(std::move(items), c.here);
}

Value fn_tomap(Call& c, Args& a) {
    if (!a[0].is_known() || a[0].is_null() || a[0].is_object()) return a[0];
    return c.error("cannot convert a " + std::string(to_string(a[0].kind())) + " to a map");
}

Value fn_tostring(Call& c, Args& a) {
    if (!a[0].is_known() || a[0].is_null()) return a[0];
    Value s = c.engine.to_string_value(a[0], "the argument");
    if (s.is_error()) return c.error(s.reason());
    return s;
}

Value fn_tonumber(Call& c, Args& a) {
    if (!a[0].is_known() || a[0].is_null()) return a[0];
    auto n = c.engine.to_number(a[0]);
    if (!n) return c.error("cannot convert this " + std::string(to_string(a[0].kind())) + " to a number");
    return Value::number(*n, a[0].origin());
}

Value fn_contains(Call& c, Args& a) {
    Value failure;
    const auto* items = tuple_arg(c, a[0], "the list", failure);
    if (!items) return failure;
    if (!a[1].is_known()) return c.unknown_because(a[1]);
    bool uncertain = false;
    for (const Value& v : *items) {
        bool known = true;
        c.engine.charge(std::min(v.weight(), a[1].weight()));
        bool eq = values_equal(v, a[1], known);
        if (known && eq) return Value::boolean(true, c.here);
        if (!known) uncertain = true;
    }
    if (uncertain) return Value::unknown("contains() over a list with unknown elements", "", c.here);
    return Value::boolean(false, c.here);
}

Value fn_zipmap(Call& c, Args& a) {
    Value failure;
    const auto* keys = tuple_arg(c, a[0], "the keys", failure);
    if (!keys) return failure;
    const auto* values = tuple_arg(c, a[1], "the values", failure);
    if (!values) return failure;
    if (keys->size() != values->size())
        return c.error("there are " + std::to_string(keys->size()) + " keys but " + std::to_string(values->size()) + " values");
    std::vector<std::pair<std::string, Value>> members;
    std::vector<Origin> key_origins;
    for (std::size_t i = 0; i < keys->size(); ++i) {
        auto k = known_string(c, (*keys)[i], "each key", failure);
        if (!k) return failure;
        members.emplace_back(*k, (*values)[i]);
        key_origins.push_back((*keys)[i].origin());
    }
    return c.engine.object(std::move(members), c.here, std::move(key_origins));
}

Value fn_range(Call& c, Args& a) {
    Value failure;
    double start = 0, step = 1, limit = 0;
    std::vector<double> n;
    for (const Value& v : a) {
        auto x = known_number(c, v, "each argument", failure);
        if (!x) return failure;
        n.push_back(*x);
    }
    if (n.size() == 1) limit = n[0];
    else {
        start = n[0];
        limit = n[1];
        if (n.size() == 3) step = n[2];
        else if (limit < start) step = -1;
    }
    if (step == 0) return c.error("the step cannot be zero");
    if ((step > 0 && limit < start) || (step < 0 && limit > start))
        return c.error("the step goes the other way than from the start to the limit");
    double count = std::ceil((limit - start) / step);
    if (!std::isfinite(count) || count > double(c.engine.shared().max_steps)) throw BudgetExhausted{};
    c.engine.charge(static_cast<std::size_t>(count));
    std::vector<Value> out;
    out.reserve(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) out.push_back(Value::number(start + double(i) * step, c.here));
    return c.engine.tuple(std::move(out), c.here);
}

Value fn_abs(Call& c, Args& a) {
    Value failure;
    auto n = known_number(c, a[0], "the argument", failure);
    if (!n) return failure;
    return Value::number(std::fabs(*n), c.here);
}

Value min_max(Call& c, Args& a, bool want_max) {
    Value failure;
    std::optional<double> best;
    for (const Value& v : a) {
        auto n = known_number(c, v, "each argument", failure);
        if (!n) return failure;
        if (!best || (want_max ? *n > *best : *n < *best)) best = n;
    }
    return Value::number(*best, c.here);
}
Value fn_min(Call& c, Args& a) { return min_max(c, a, false); }
Value fn_max(Call& c, Args& a) { return min_max(c, a, true); }

Value fn_sort(Call& c, Args& a) {
    Value failure;
    const auto* items = tuple_arg(c, a[0], "the argument", failure);
    if (!items) return failure;
    std::vector<Value> out;
    for (const Value& v : *items) {
        if (!v.is_known()) return c.unknown_because(v);
        Value s = c.engine.to_string_value(v, "each element");
        if (s.is_error()) return c.error(s.reason());
        out.push_back(s);
    }
    c.engine.charge(out.size());
    std::stable_sort(out.begin(), out.end(), [](const Value& x, const Value& y) { return x.as_string() < y.as_string(); });
    return c.engine.tuple(std::move(out), c.here);
}

Value fn_reverse(Call& c, Args& a) {
    Value failure;
    const auto* items = tuple_arg(c, a[0], "the argument", failure);
    if (!items) return failure;
    return c.engine.tuple(std::vector<Value>(items->rbegin(), items->rend()), c.here);
}

const std::unordered_map<std::string_view, FunctionInfo>& functions() {
    static const std::unordered_map<std::string_view, FunctionInfo> table = {
        {"jsonencode", {fn_jsonencode, 1, 1, false}},
        {"jsondecode", {fn_jsondecode, 1, 1, false}},
        {"file", {fn_file, 1, 1, true}},
        {"templatefile", {fn_templatefile, 2, 2, false}},
        {"format", {fn_format, 1, any, false}},
        {"join", {fn_join, 2, any, false}},
        {"split", {fn_split, 2, 2, false}},
        {"concat", {fn_concat, 1, any, false}},
        {"merge", {fn_merge, 0, any, false}},
        {"lookup", {fn_lookup, 2, 3, false}},
        {"element", {fn_element, 2, 2, false}},
        {"length", {fn_length, 1, 1, false}},
        {"lower", {fn_lower, 1, 1, false}},
        {"upper", {fn_upper, 1, 1, false}},
        {"replace", {fn_replace, 3, 3, false}},
        {"trimspace", {fn_trimspace, 1, 1, false}},
        {"trimprefix", {fn_trimprefix, 2, 2, false}},
        {"trimsuffix", {fn_trimsuffix, 2, 2, false}},
        {"coalesce", {fn_coalesce, 1, any, false}},
        {"compact", {fn_compact, 1, 1, false}},
        {"distinct", {fn_distinct, 1, 1, false}},
        {"flatten", {fn_flatten, 1, 1, false}},
        {"keys", {fn_keys, 1, 1, false}},
        {"values", {fn_values, 1, 1, false}},
        {"tolist", {fn_tolist, 1, 1, false}},
        {"toset", {fn_toset, 1, 1, false}},
        {"tomap", {fn_tomap, 1, 1, false}},
        {"tostring", {fn_tostring, 1, 1, false}},
        {"tonumber", {fn_tonumber, 1, 1, false}},
        {"contains", {fn_contains, 2, 2, false}},
        {"zipmap", {fn_zipmap, 2, 2, false}},
        {"range", {fn_range, 1, 3, true}},
        {"substr", {fn_substr, 3, 3, false}},
        {"startswith", {fn_startswith, 2, 2, false}},
        {"endswith", {fn_endswith, 2, 2, false}},
        {"abs", {fn_abs, 1, 1, true}},
        {"min", {fn_min, 1, any, true}},
        {"max", {fn_max, 1, any, true}},
        {"sort", {fn_sort, 1, 1, false}},
        {"reverse", {fn_reverse, 1, 1, false}},
    };
    return table;
}

}  // namespace

Value Engine::call(const FunctionCall& fc, const Expr& e) {
    Call c{*this, fc, e, origin(e.range)};
    // try() and can() look at their arguments' failures, so they evaluate them themselves.
    if (fc.name == "try" || fc.name == "can") {
        if (fc.expand_final) return c.error("cannot expand arguments with '...' here");
        if (fc.name == "can") {
            if (fc.args.size() != 1) return c.error("takes 1 argument, not " + std::to_string(fc.args.size()));
            Value v = eval(*fc.args[0]);
            if (v.is_error()) return Value::boolean(false, c.here);
            if (!v.is_known()) return c.unknown_because(referenced(v, *fc.args[0]));
            return Value::boolean(true, c.here);
        }
        if (fc.args.empty()) return c.error("needs at least one argument");
        Value last;
        for (const ExprPtr& arg : fc.args) {
            last = eval(*arg);
            if (!last.is_error()) return last;
        }
        return c.error("no argument could be evaluated; the last failed because " + last.reason());
    }
    const auto& table = functions();
    auto it = table.find(fc.name);
    if (it == table.end()) {
        std::string text = source_text(e.range);
        return Value::unknown("ddbguard does not evaluate the function " + fc.name + "()",
                              text.empty() ? fc.name + "()" : text, c.here);
    }
    const FunctionInfo& info = it->second;
    Args args;
    for (std::size_t i = 0; i < fc.args.size(); ++i) {
        Value v = referenced(eval(*fc.args[i]), *fc.args[i]);
        if (v.is_error()) return v;
        if (i + 1 == fc.args.size() && fc.expand_final) {
            if (!v.is_known()) return c.unknown_because(v);
            if (!v.is_tuple()) return c.error("the argument expanded with '...' must be a list, not a " +
                                              std::string(to_string(v.kind())));
            for (const Value& el : v.elements()) {
                if (el.is_error()) return el;
                args.push_back(el);
            }
            continue;
        }
        args.push_back(std::move(v));
    }
    if (args.size() < info.min_args || args.size() > info.max_args) {
        std::string expected = info.min_args == info.max_args ? std::to_string(info.min_args)
                               : info.max_args == any        ? "at least " + std::to_string(info.min_args)
                                                             : std::to_string(info.min_args) + " to " +
                                                                   std::to_string(info.max_args);
        return c.error("takes " + expected + " argument" + (expected == "1" ? "" : "s") + ", not " +
                       std::to_string(args.size()));
    }
    if (info.strict)
        for (const Value& v : args)
            if (!v.is_known()) return c.unknown_because(v);
    return info.fn(c, args);
}

}  // namespace ddbguard::hcl::detail
