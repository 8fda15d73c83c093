// The evaluator's rules as Z3 constraints; see semantics.hpp. Each function names the
// evaluator function it mirrors: change both together.
#ifdef DDBGUARD_HAVE_Z3
#include "prove/semantics.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "evaluate/keys.hpp"
#include "util/text.hpp"

namespace ddbguard::smt {

namespace {

// UTF-8 to code points; an invalid byte stands for itself.
std::vector<std::uint32_t> code_points(std::string_view s) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) {
            out.push_back(b);
            ++i;
            continue;
        }
        std::uint32_t cp = n == 1 ? b : n == 2 ? (b & 0x1f) : n == 3 ? (b & 0x0f) : (b & 0x07);
        bool ok = true;
        for (std::size_t k = 1; k < n; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xc0) != 0x80) ok = false;
            cp = (cp << 6) | (c & 0x3f);
        }
        if (!ok) {
            out.push_back(b);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += n;
    }
    return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

// Z3's escaped form of a string value (non-printable code points as \u{hex}) to UTF-8.
std::string unescape(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 2 < s.size() && s[i + 1] == 'u' && s[i + 2] == '{') {
            const std::size_t close = s.find('}', i + 3);
            if (close != std::string_view::npos && close > i + 3 && close - i - 3 <= 6) {
                std::uint32_t cp = 0;
                bool ok = true;
                for (std::size_t k = i + 3; k < close; ++k) {
                    const char c = s[k];
                    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                    if (d < 0) ok = false;
                    cp = cp * 16 + static_cast<std::uint32_t>(d < 0 ? 0 : d);
                }
                if (ok) {
                    append_utf8(out, cp);
                    i = close;
                    continue;
                }
            }
        }
        out += s[i];
    }
    return out;
}

z3::expr wrap(z3::context& c, Z3_ast a) {
    c.check_error();
    return z3::expr(c, a);
}

}  // namespace

std::vector<Part> parse_template(std::string_view text, bool substitute, bool wildcards) {
    const eval::Template t = eval::Template::compile(text, substitute, wildcards);
    if (t.has_variables()) return t.parts();
    Part whole;  // a text without variables is kept as one precompiled pattern
    whole.text = t.fixed();
    return {whole};
}

namespace {
bool has_variable(const std::vector<Part>& parts) {
    for (const Part& p : parts)
        if (!p.variable.empty()) return true;
    return false;
}
eval::Pattern joined(const std::vector<Part>& parts) {
    eval::Pattern out;
    for (const Part& p : parts) {
        out.chars += p.text.chars;
        out.kinds.insert(out.kinds.end(), p.text.kinds.begin(), p.text.kinds.end());
    }
    return out;
}
}  // namespace

Semantics::Semantics(z3::context& ctx, const std::vector<const Policy*>& set, std::vector<std::string> actions,
                     std::string prefix, std::map<std::string, std::vector<std::string>> finite)
    : ctx_(ctx),
      set_(set),
      actions_(std::move(actions)),
      prefix_(std::move(prefix)),
      action_(ctx.int_const((prefix_ + "action").c_str())),
      reading_negated_(ctx.bool_const((prefix_ + "reading_negated_unresolved_true").c_str())),
      reading_entry_(ctx.bool_const((prefix_ + "reading_unresolved_entry_matches_none").c_str())),
      finite_(std::move(finite)),
      domain_(ctx) {
    domain_.push_back(action_ >= 0 && action_ < static_cast<int>(actions_.size()));
    // How many values a multivalued key needs: one witness per set-qualified condition on
    // it (a ForAnyValue that holds, a ForAllValues that fails) and one for the property.
    // Removing the other values keeps every such condition's truth value, so a request
    // with more values is no more allowed than one of these.
    for (const Policy* p : set_)
        for (const Statement& st : p->statements)
            for (const ConditionEntry& c : st.conditions) {
                const std::string k = util::to_lower(c.key);
                auto& n = bounds_[k];
                if (eval::classify_operator(c.op).qualifier != eval::Qualifier::none) ++n;
            }
}

std::size_t Semantics::bound(std::string_view key) const {
    if (!eval::is_multivalued_key(key)) return 1;
    const auto it = bounds_.find(util::to_lower(key));
    const std::size_t n = it == bounds_.end() ? 0 : it->second;
    return std::max<std::size_t>(n + 1, 2);
}

KeyVar& Semantics::key(std::string_view name) {
    const std::string lower = util::to_lower(name);
    auto it = keys_.find(lower);
    if (it != keys_.end()) return it->second;
    const std::string base = prefix_ + "key:" + std::string(name);
    KeyVar k{std::string(name), eval::is_multivalued_key(name), ctx_.bool_const((base + ":present").c_str()),
             ctx_.int_const((base + ":count").c_str()), {}, {}, {}};
    const std::size_t n = bound(name);
    if (auto f = finite_.find(lower); f != finite_.end() && !f->second.empty()) {
        // One of a few known values: an index into them, the value an ite over constants.
        k.domain = f->second;
        for (std::size_t i = 0; i < n; ++i) {
            const z3::expr sel = ctx_.int_const(fmt::format("{}:{}:choice", base, i).c_str());
            z3::expr v = str(k.domain.back());
            for (std::size_t j = k.domain.size() - 1; j-- > 0;) v = z3::ite(sel == static_cast<int>(j), str(k.domain[j]), v);
            domain_.push_back(sel >= 0 && sel < static_cast<int>(k.domain.size()));
            k.selectors.push_back(sel);
            k.values.push_back(v);
        }
    } else {
        for (std::size_t i = 0; i < n; ++i) k.values.push_back(ctx_.string_const(fmt::format("{}:{}", base, i).c_str()));
    }
    if (k.multivalued)
        domain_.push_back(z3::ite(k.present, k.count >= 0 && k.count <= static_cast<int>(n), k.count == 0));
    else
        domain_.push_back(z3::ite(k.present, k.count == 1, k.count == 0));
    return keys_.emplace(lower, std::move(k)).first->second;
}

z3::expr Semantics::is_action(std::string_view name) {
    for (std::size_t i = 0; i < actions_.size(); ++i)
        if (util::iequals(actions_[i], name)) return action_ == static_cast<int>(i);
    return ctx_.bool_val(false);
}

z3::expr Semantics::fresh_bool(std::string why) {
    if (std::find(approximations_.begin(), approximations_.end(), why) == approximations_.end())
        approximations_.push_back(std::move(why));
    opaque_.push_back(ctx_.bool_const(fmt::format("{}opaque:{}", prefix_, fresh_++).c_str()));
    return opaque_.back();
}

// --- strings and regular expressions ---------------------------------------------

z3::expr Semantics::str(std::string_view utf8) {
    std::string escaped;
    for (std::uint32_t cp : code_points(utf8)) {
        if (cp >= 0x20 && cp < 0x7f && cp != '\\') escaped += static_cast<char>(cp);
        else escaped += fmt::format("\\u{{{:x}}}", cp);
    }
    return ctx_.string_val(escaped);
}

z3::expr Semantics::re_all() {
    z3::sort s = ctx_.string_sort();
    return wrap(ctx_, Z3_mk_re_full(ctx_, ctx_.re_sort(s)));
}

z3::expr Semantics::re_char() {
    return wrap(ctx_, Z3_mk_re_range(ctx_, ctx_.string_val("\\u{0}"), ctx_.string_val("\\u{2ffff}")));
}

z3::expr Semantics::re_not_char(char c) {
    const z3::expr below = wrap(ctx_, Z3_mk_re_range(ctx_, ctx_.string_val("\\u{0}"),
                                                     str(std::string(1, static_cast<char>(c - 1)))));
    const z3::expr above = wrap(ctx_, Z3_mk_re_range(ctx_, str(std::string(1, static_cast<char>(c + 1))),
                                                     ctx_.string_val("\\u{2ffff}")));
    return re_union(below, above);
}

z3::expr Semantics::re_lit(std::string_view utf8) { return z3::to_re(str(utf8)); }

z3::expr Semantics::re_union(const z3::expr& a, const z3::expr& b) {
    Z3_ast args[2] = {a, b};
    return wrap(ctx_, Z3_mk_re_union(ctx_, 2, args));
}

z3::expr Semantics::re_glob(const eval::Pattern& p, bool ignore_case, bool colon_free) {
    // util::glob_match: '*' any run, '?' one code point, literals exact (ASCII folded).
    z3::expr re = re_lit("");
    std::string run;
    auto flush = [&] {
        if (!run.empty()) re = z3::concat(re, re_lit(run));
        run.clear();
    };
    for (std::size_t i = 0; i < p.chars.size(); ++i) {
        const char c = p.chars[i];
        switch (p.kinds[i]) {
            case util::PatKind::star:
                flush();
                re = z3::concat(re, z3::star(colon_free ? re_not_char(':') : re_char()));
                break;
            case util::PatKind::question:
                flush();
                re = z3::concat(re, colon_free ? re_not_char(':') : re_char());
                break;
            case util::PatKind::literal:
                if (ignore_case && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                    flush();
                    const char lo = static_cast<char>(c | 0x20), up = static_cast<char>(c & ~0x20);
                    re = z3::concat(re, re_union(re_lit(std::string(1, lo)), re_lit(std::string(1, up))));
                } else {
                    run += c;
                }
                break;
        }
    }
    flush();
    return re;
}

z3::expr Semantics::re_arn(const eval::Pattern& p) {
    // eval::arn_match.
    bool only_stars = !p.chars.empty();
    for (util::PatKind k : p.kinds)
        if (k != util::PatKind::star) only_stars = false;
    if (only_stars) return re_all();
    std::vector<std::size_t> colons;
    for (std::size_t i = 0; i < p.chars.size() && colons.size() < 5; ++i)
        if (p.chars[i] == ':' && p.kinds[i] == util::PatKind::literal) colons.push_back(i);
    // Fewer than six segments: only a subject that is not an ARN and equals the pattern text.
    if (colons.size() < 5) return re_lit(p.chars);
    z3::expr re = re_lit("");
    std::size_t start = 0;
    for (int seg = 0; seg < 6; ++seg) {
        const std::size_t end = seg < 5 ? colons[static_cast<std::size_t>(seg)] : p.chars.size();
        eval::Pattern part;
        part.chars = p.chars.substr(start, end - start);
        part.kinds.assign(p.kinds.begin() + static_cast<std::ptrdiff_t>(start),
                          p.kinds.begin() + static_cast<std::ptrdiff_t>(end));
        re = z3::concat(re, re_glob(part, false, seg < 5));
        if (seg < 5) re = z3::concat(re, re_lit(":"));
        start = end + 1;
    }
    return re;
}

Semantics::Rendered Semantics::render(const std::vector<Part>& parts) {
    // eval::Template::render: a variable takes the key's single value, else its default.
    z3::expr ok = ctx_.bool_val(true);
    z3::expr text = str("");
    bool wild = false;
    for (const Part& part : parts) {
        if (part.variable.empty()) {
            wild = wild || part.text.has_wildcard();
            if (!part.text.chars.empty()) text = z3::concat(text, str(part.text.chars));
            continue;
        }
        KeyVar& k = key(part.variable);
        const z3::expr resolved = k.present && k.count == 1;
        if (part.fallback) {
            text = z3::concat(text, z3::ite(resolved, k.values[0], str(*part.fallback)));
        } else {
            ok = ok && resolved;
            text = z3::concat(text, k.values[0]);
        }
    }
    return {ok, text, wild};
}

// --- the operators (evaluator.cpp: value_matches) ----------------------------------

z3::expr Semantics::match_string(const std::vector<Part>& parts, const z3::expr& x) {
    const Rendered r = render(parts);
    return r.ok && x == r.text;
}

z3::expr Semantics::match_string_ignore_case(const ConditionEntry& c, const std::vector<Part>& parts,
                                             const z3::expr& x) {
    if (has_variable(parts)) return fresh_bool(c.op + " with a policy variable on " + c.key);
    return z3::in_re(x, re_glob(joined(parts), true, false));
}

z3::expr Semantics::match_string_like(const ConditionEntry& c, const std::vector<Part>& parts, const z3::expr& x) {
    return glob_with_variables(parts, x, c.op + " with '?' beside a policy variable on " + c.key);
}

z3::expr Semantics::glob_with_variables(const std::vector<Part>& parts, const z3::expr& x, const std::string& why) {
    if (!has_variable(parts)) return z3::in_re(x, re_glob(joined(parts), false, false));
    // A pattern with variables and only '*' wildcards: pieces between the stars, each
    // literal text and variable values; the leftmost match of each middle piece decides.
    std::vector<std::vector<Part>> pieces(1);
    for (const Part& part : parts) {
        if (!part.variable.empty()) {
            pieces.back().push_back(part);
            continue;
        }
        Part lit;
        for (std::size_t i = 0; i < part.text.chars.size(); ++i) {
            if (part.text.kinds[i] == util::PatKind::question) return fresh_bool(why);
            if (part.text.kinds[i] == util::PatKind::star) {
                pieces.back().push_back(std::move(lit));
                lit = Part{};
                pieces.emplace_back();
            } else {
                lit.text.push(part.text.chars[i], util::PatKind::literal);
            }
        }
        pieces.back().push_back(std::move(lit));
    }
    std::vector<Rendered> r;
    z3::expr ok = ctx_.bool_val(true);
    for (const auto& piece : pieces) {
        r.push_back(render(piece));
        ok = ok && r.back().ok;
    }
    if (pieces.size() == 1) return ok && x == r[0].text;
    z3::expr m = z3::prefixof(r[0].text, x);
    z3::expr end = r[0].text.length();
    for (std::size_t i = 1; i + 1 < pieces.size(); ++i) {
        const z3::expr at = z3::indexof(x, r[i].text, end);
        m = m && at >= 0;
        end = at + r[i].text.length();
    }
    const z3::expr& last = r.back().text;
    m = m && z3::suffixof(last, x) && x.length() - last.length() >= end;
    return ok && m;
}

z3::expr Semantics::match_arn(const ConditionEntry& c, const std::vector<Part>& parts, const z3::expr& x) {
    if (!has_variable(parts)) return z3::in_re(x, re_arn(joined(parts)));
    const Rendered r = render(parts);
    // A pattern without wildcards matches only its own text (eval::arn_match).
    if (!r.wild) return r.ok && x == r.text;
    return r.ok && fresh_bool(c.op + " with a policy variable beside wildcards on " + c.key);
}

z3::expr Semantics::match_boolean(const Value& v, const z3::expr& x) {
    const auto b = eval::parse_bool(v.text);
    if (!b) return ctx_.bool_val(false);
    eval::Pattern p;
    p.append_literal(*b ? "true" : "false");
    return z3::in_re(x, re_glob(p, true, false));
}

z3::expr Semantics::match_binary(const Value& v, const z3::expr& x) { return x == str(v.text); }

z3::expr Semantics::match_opaque(const ConditionEntry& c, const z3::expr&) {
    return fresh_bool(c.op + " on " + c.key);
}

z3::expr Semantics::value_matches(const eval::OperatorInfo& op, const ConditionEntry& c, const Value& v,
                                  const std::vector<Part>& parts, const z3::expr& x) {
    switch (op.family) {
        case eval::Family::string: return match_string(parts, x);
        case eval::Family::string_ignore_case: return match_string_ignore_case(c, parts, x);
        case eval::Family::string_like: return match_string_like(c, parts, x);
        case eval::Family::arn: return match_arn(c, parts, x);
        case eval::Family::numeric:
            return eval::parse_number(v.text) ? match_opaque(c, x) : ctx_.bool_val(false);
        case eval::Family::date: return eval::parse_date(v.text) ? match_opaque(c, x) : ctx_.bool_val(false);
        case eval::Family::boolean: return match_boolean(v, x);
        case eval::Family::binary: return match_binary(v, x);
        case eval::Family::ip: return eval::parse_ip(v.text) ? match_opaque(c, x) : ctx_.bool_val(false);
        case eval::Family::null:
        case eval::Family::unknown: break;
    }
    return ctx_.bool_val(false);
}

// evaluator.cpp: holds_for.
z3::expr Semantics::holds_for(const eval::OperatorInfo& op, const ConditionEntry& c, bool substitute,
                              const z3::expr& x) {
    const bool like = op.family == eval::Family::string_like || op.family == eval::Family::arn;
    z3::expr positive = ctx_.bool_val(false);
    for (const Value& v : c.values) positive = positive || value_matches(op, c, v, parse_template(v.text, substitute, like), x);
    return op.negated ? !positive : positive;
}

// holds_for on value `i` of `k`; for a key of a finite domain, decided for each of its
// values, so that the solver meets constants only.
z3::expr Semantics::holds_at(const eval::OperatorInfo& op, const ConditionEntry& c, bool substitute, const KeyVar& k,
                             std::size_t i) {
    if (k.domain.empty()) return holds_for(op, c, substitute, k.values[i]);
    z3::expr out = holds_for(op, c, substitute, str(k.domain.back()));
    for (std::size_t j = k.domain.size() - 1; j-- > 0;)
        out = z3::ite(k.selectors[i] == static_cast<int>(j), holds_for(op, c, substitute, str(k.domain[j])), out);
    return out;
}

// evaluator.cpp: Evaluator::Impl::condition.
Semantics::Tri Semantics::condition(const Policy& policy, const ConditionEntry& c, bool) {
    const eval::OperatorInfo op = eval::classify_operator(c.op);
    const std::size_t approximated = opaque_.size();
    Tri result = condition_exact(policy, c, op);
    if (opaque_.size() != approximated) opaque_keys_.push_back(c.key);
    return result;
}

Semantics::Tri Semantics::condition_exact(const Policy& policy, const ConditionEntry& c, const eval::OperatorInfo& op) {
    const z3::expr f = ctx_.bool_val(false), t = ctx_.bool_val(true);
    if (op.family == eval::Family::unknown) return {f, t};
    KeyVar& k = key(c.key);
    if (op.family == eval::Family::null) {
        z3::expr yes = f;
        for (const Value& v : c.values)
            if (const auto b = eval::parse_bool(v.text)) yes = yes || (*b ? !k.present : k.present);
        return {yes, f};
    }
    const bool substitute = policy.substitutes_variables() && eval::takes_variables(op.family);
    const bool like = op.family == eval::Family::string_like || op.family == eval::Family::arn;
    // A negated operator whose listed value cannot be rendered is false under the other reading.
    z3::expr unresolved = f;
    if (substitute && op.negated)
        for (const Value& v : c.values) {
            const auto parts = parse_template(v.text, true, like);
            if (has_variable(parts)) {
                unresolved = unresolved || !render(parts).ok;
                readings_used_ = true;
            }
        }
    const z3::expr other_reading_no = k.present && k.count > 0 && !reading_negated_ && unresolved;

    z3::expr yes = f, unknown = f;
    switch (op.qualifier) {
        case eval::Qualifier::for_all_values: {
            z3::expr all = t;
            for (std::size_t i = 0; i < k.values.size(); ++i)
                all = all && z3::implies(k.count > static_cast<int>(i), holds_at(op, c, substitute, k, i));
            yes = !k.present || k.count == 0 || all;
            break;
        }
        case eval::Qualifier::for_any_value: {
            z3::expr any = f;
            for (std::size_t i = 0; i < k.values.size(); ++i)
                any = any || (k.count > static_cast<int>(i) && holds_at(op, c, substitute, k, i));
            yes = k.present && k.count > 0 && any;
            break;
        }
        case eval::Qualifier::none:
            if (k.multivalued) {
                unknown = t;
            } else {
                yes = z3::ite(k.present, holds_at(op, c, substitute, k, 0),
                              ctx_.bool_val(op.if_exists || op.negated));
            }
            break;
    }
    return {!other_reading_no && yes, !other_reading_no && unknown};
}

z3::expr Semantics::action_matches(const Statement& st) {
    // Evaluator::Impl::action_matches, decided concretely for each candidate action.
    z3::expr m = ctx_.bool_val(false);
    for (std::size_t i = 0; i < actions_.size(); ++i) {
        bool any = false;
        for (const Value& a : st.actions) {
            eval::Pattern p;
            p.append_wild(a.text);
            if (!p.has_wildcard() ? util::iequals(p.chars, actions_[i]) : eval::glob_match(p.view(), actions_[i], true))
                any = true;
        }
        if (any != st.not_action) m = m || action_ == static_cast<int>(i);
    }
    return m;
}

ArnTerm arn_term(z3::context& ctx, std::vector<z3::expr> segments) {
    z3::expr whole = segments[0];
    for (std::size_t i = 1; i < segments.size(); ++i) whole = z3::concat(whole, z3::concat(ctx.string_val(":"), segments[i]));
    return {whole, std::move(segments)};
}

z3::expr Semantics::arn_matches(const eval::Pattern& p, const ArnTerm& r) {
    // eval::arn_match: all stars match anything; fewer than six pattern segments match only
    // a subject that is no ARN (never this one); otherwise segment by segment.
    bool only_stars = !p.chars.empty();
    for (util::PatKind k : p.kinds)
        if (k != util::PatKind::star) only_stars = false;
    if (only_stars) return ctx_.bool_val(true);
    std::vector<std::size_t> colons;
    for (std::size_t i = 0; i < p.chars.size() && colons.size() < 5; ++i)
        if (p.chars[i] == ':' && p.kinds[i] == util::PatKind::literal) colons.push_back(i);
    if (colons.size() < 5) return ctx_.bool_val(false);
    z3::expr m = ctx_.bool_val(true);
    std::size_t start = 0;
    for (std::size_t seg = 0; seg < 6; ++seg) {
        const std::size_t end = seg < 5 ? colons[seg] : p.chars.size();
        eval::Pattern part;
        part.chars = p.chars.substr(start, end - start);
        part.kinds.assign(p.kinds.begin() + static_cast<std::ptrdiff_t>(start),
                          p.kinds.begin() + static_cast<std::ptrdiff_t>(end));
        start = end + 1;
        const z3::expr& subject = r.segments[seg];
        if (subject.is_string_value()) {
            if (!eval::glob_match(part.view(), subject.get_string(), false)) return ctx_.bool_val(false);
            continue;
        }
        bool stars = !part.chars.empty();
        for (util::PatKind k : part.kinds)
            if (k != util::PatKind::star) stars = false;
        if (stars) continue;
        if (!part.has_wildcard()) m = m && subject == str(part.chars);
        else m = m && z3::in_re(subject, re_glob(part, false, seg < 5));
    }
    return m;
}

z3::expr Semantics::arn_matches_with_variables(const std::vector<Part>& parts, const ArnTerm& resource) {
    // eval::arn_match of the rendered pattern. When the first five colons stand in the
    // literal text before any variable, the rendered pattern's first five segments are
    // that text whatever the variables hold, and the rest is one segment.
    eval::Pattern head;
    std::size_t colons = 0, part = 0, cut = 0;
    for (; part < parts.size() && parts[part].variable.empty(); ++part) {
        const eval::Pattern& t = parts[part].text;
        for (cut = 0; cut < t.chars.size(); ++cut) {
            if (t.chars[cut] == ':' && t.kinds[cut] == util::PatKind::literal && ++colons == 5) break;
            head.push(t.chars[cut], t.kinds[cut]);
        }
        if (colons == 5) break;
    }
    if (colons < 5) {
        const Rendered r = render(parts);
        if (!r.wild) return resource.whole == r.text;
        return fresh_bool("a Resource entry with a policy variable before its fifth colon, beside wildcards");
    }
    // head holds the first five segments (no trailing colon): match them as a pattern
    // whose last segment is anything, then the rest against the sixth segment.
    eval::Pattern first = head;
    first.push(':', util::PatKind::literal);
    first.push('*', util::PatKind::star);
    z3::expr m = arn_matches(first, resource);
    std::vector<Part> rest;
    Part tail;
    const eval::Pattern& t = parts[part].text;
    for (std::size_t i = cut + 1; i < t.chars.size(); ++i) tail.text.push(t.chars[i], t.kinds[i]);
    rest.push_back(std::move(tail));
    for (std::size_t i = part + 1; i < parts.size(); ++i) rest.push_back(parts[i]);
    return m && glob_with_variables(rest, resource.segments[5], "a Resource entry with '?' beside a policy variable");
}

z3::expr Semantics::resource_matches(const Policy& policy, const Statement& st, const ArnTerm& resource) {
    // Evaluator::Impl::resource_matches: under the other reading an unresolvable entry
    // invalidates the statement, wherever it stands.
    if (!st.has_resource) return ctx_.bool_val(policy.kind == PolicyKind::trust);
    z3::expr any = ctx_.bool_val(false), invalid = ctx_.bool_val(false);
    for (const Value& entry : st.resources) {
        const auto parts = parse_template(entry.text, policy.substitutes_variables(), true);
        z3::expr m = ctx_.bool_val(false);
        if (!has_variable(parts)) {
            m = arn_matches(joined(parts), resource);
        } else {
            const Rendered r = render(parts);
            m = r.ok && arn_matches_with_variables(parts, resource);
            invalid = invalid || (!r.ok && !reading_entry_);
            readings_used_ = true;
        }
        any = any || m;
    }
    return !invalid && (st.not_resource ? !any : any);
}

z3::expr Semantics::statement_applies(const Policy& policy, const Statement& st) {
    if (st.effect == Effect::invalid || !st.has_action) return ctx_.bool_val(false);
    if (!st.has_resource && policy.kind != PolicyKind::trust) return ctx_.bool_val(false);
    const bool deny = st.effect == Effect::deny;
    z3::expr applies = action_matches(st);
    if (applies.is_false()) return applies;
    applies = applies && resource_matches(policy, st, *resource_);
    const bool principal_evaluated = policy.kind != PolicyKind::identity &&
                                     (st.principal.present || (policy.kind != PolicyKind::unknown &&
                                                               policy.kind != PolicyKind::vpc_endpoint));
    if (principal_evaluated) {
        if (!st.principal.present) return ctx_.bool_val(false);  // applies to no one
        applies = applies && fresh_bool("a Principal element");
    }
    for (const ConditionEntry& c : st.conditions) {
        const Tri r = condition(policy, c, deny);
        applies = applies && (deny ? (r.yes || r.unknown) : r.yes);
    }
    return applies;
}

z3::expr Semantics::allowed(const ArnTerm& resource) {
    resource_.emplace(resource);
    z3::expr deny = ctx_.bool_val(false), allow = ctx_.bool_val(false);
    for (const Policy* p : set_)
        for (const Statement& st : p->statements) {
            if (st.effect == Effect::deny) deny = deny || statement_applies(*p, st);
            else if (st.effect == Effect::allow) allow = allow || statement_applies(*p, st);
        }
    return !deny && allow;
}

namespace {
std::string decode_string(const z3::model& m, const z3::expr& e) {
    const z3::expr v = m.eval(e, true);
    if (!v.is_string_value()) return {};
    return unescape(v.get_escaped_string());
}
}  // namespace

Request Semantics::decode(const z3::model& m, const z3::expr& resource) {
    Request r;
    const int a = m.eval(action_, true).get_numeral_int();
    if (a >= 0 && static_cast<std::size_t>(a) < actions_.size()) r.action = actions_[static_cast<std::size_t>(a)];
    r.resource = decode_string(m, resource);
    for (auto& [lower, k] : keys_) {
        if (!m.eval(k.present, true).is_true()) continue;
        const int n = m.eval(k.count, true).get_numeral_int();
        std::vector<std::string> values;
        for (int i = 0; i < n && static_cast<std::size_t>(i) < k.values.size(); ++i)
            values.push_back(decode_string(m, k.values[static_cast<std::size_t>(i)]));
        r.context.push_back({k.key, std::move(values)});
    }
    return r;
}

Readings Semantics::decode_readings(const z3::model& m) {
    Readings r;
    r.negated_unresolved_true = !m.eval(reading_negated_, true).is_false();
    r.unresolved_entry_matches_none = !m.eval(reading_entry_, true).is_false();
    return r;
}

}  // namespace ddbguard::smt
#endif
