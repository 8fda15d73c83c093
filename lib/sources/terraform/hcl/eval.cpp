#include "sources/terraform/hcl/eval.hpp"

#include <charconv>
#include <cmath>
#include <map>

#include "sources/terraform/hcl/eval_impl.hpp"

namespace ddbguard::hcl {

Value NullScope::resolve(const Reference& ref, std::size_t&) const {
    return Value::unknown("nothing is known about " + ref.text() + " here", ref.text());
}

void BoundScope::bind(std::string name, Value value) {
    for (auto& [n, v] : bound_)
        if (n == name) {
            v = std::move(value);
            return;
        }
    bound_.emplace_back(std::move(name), std::move(value));
}

Value BoundScope::resolve(const Reference& ref, std::size_t& used) const {
    for (const auto& [name, value] : bound_)
        if (name == ref.root) {
            used = 0;
            return value;
        }
    return parent_.resolve(ref, used);
}

std::string placeholder_for(const Value& unknown) { return placeholder_text(unknown.reference()); }

namespace detail {

namespace {

std::string position_of(const Range& r) {
    return std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column);
}

// Restores a vector's size when a scope ends (also when an exception unwinds it).
template <class T>
class StackMark {
public:
    explicit StackMark(std::vector<T>& v) : v_(v), size_(v.size()) {}
    ~StackMark() { v_.resize(size_); }
    StackMark(const StackMark&) = delete;
    StackMark& operator=(const StackMark&) = delete;

private:
    std::vector<T>& v_;
    std::size_t size_;
};

class DepthCount {
public:
    explicit DepthCount(unsigned& d) : d_(d) { ++d_; }
    ~DepthCount() { --d_; }
    DepthCount(const DepthCount&) = delete;
    DepthCount& operator=(const DepthCount&) = delete;

private:
    unsigned& d_;
};

Value literal_value(const Literal& lit, Origin origin) {
    switch (lit.kind) {
        case Literal::Kind::null: return Value::null(origin);
        case Literal::Kind::boolean: return Value::boolean(lit.boolean, origin);
        case Literal::Kind::number: return Value::number(lit.number, origin);
        case Literal::Kind::string: return Value::string(lit.text, origin);
    }
    return Value::null(origin);
}

std::string step_text(const TraversalStep& step) {
    std::vector<TraversalStep> one{step};
    return traversal_text("", one);
}

// An unknown result computed from an unknown operand: keeps what the operand depended on.
Value unknown_from(const Value& operand, const std::string& what, Origin origin) {
    std::string reason = what;
    if (!operand.reference().empty()) reason += " depends on " + operand.reference();
    if (!operand.reason().empty()) reason += " (" + operand.reason() + ")";
    return Value::unknown(std::move(reason), operand.reference(), origin);
}

}  // namespace

// ---- StringBuilder -------------------------------------------------------------------

void StringBuilder::literal(const TemplatePart& part, std::uint32_t file) {
    const std::string& text = part.text;
    engine_.charge(1 + text.size() / 64);
    std::size_t base = text_.size();
    if (part.pieces.empty() && !text.empty())
        segments_.push_back({base, text.size(), Origin{file, Range{part.range.begin, part.range.begin}}, true});
    for (const LiteralPiece& p : part.pieces)
        segments_.push_back({base + p.offset, p.length, Origin{file, Range{p.source, p.source}}, p.verbatim});
    text_ += text;
}

void StringBuilder::value(const Value& v) {
    engine_.charge(1 + v.as_string().size() / 64);
    std::size_t base = text_.size();
    if (v.segments().empty()) {
        if (!v.as_string().empty() && v.origin().range.begin.line != 0)
            segments_.push_back({base, v.as_string().size(), v.origin(), false});
    } else {
        for (StringSegment s : v.segments()) {
            s.offset += base;
            segments_.push_back(s);
        }
    }
    for (Placeholder p : v.placeholders()) {
        p.offset += base;
        placeholders_.push_back(std::move(p));
    }
    text_ += v.as_string();
}

void StringBuilder::text(std::string_view t, Origin origin, bool verbatim) {
    engine_.charge(1 + t.size() / 64);
    if (!t.empty()) segments_.push_back({text_.size(), t.size(), origin, verbatim});
    text_ += t;
}

void StringBuilder::placeholder(const Value& unknown, Origin origin) {
    std::string p = placeholder_for(unknown);
    engine_.charge(1 + p.size() / 64);
    placeholders_.push_back({text_.size(), p.size(), unknown.reference(), unknown.reason()});
    segments_.push_back({text_.size(), p.size(), origin, false});
    text_ += p;
}

Value StringBuilder::build(Origin origin) {
    return Value::string(std::move(text_), origin, std::move(segments_), std::move(placeholders_));
}

// ---- Engine --------------------------------------------------------------------------

Engine::Engine(const Scope& scope, const EvalOptions& options, Shared& shared)
    : scope_(scope), options_(options), shared_(shared) {}

void Engine::charge(std::size_t units) {
    if (shared_.steps > shared_.max_steps || units > shared_.max_steps - shared_.steps) {
        shared_.steps = shared_.max_steps + 1;
        throw BudgetExhausted{};
    }
    shared_.steps += units;
}

Value Engine::tuple(std::vector<Value> elements, Origin origin) {
    charge(elements.size());
    Value v = Value::tuple(std::move(elements), origin);
    if (v.depth() > options_.max_value_depth)
        return Value::error("values nested deeper than " + std::to_string(options_.max_value_depth) + " levels",
                            origin);
    return v;
}

Value Engine::object(std::vector<std::pair<std::string, Value>> members, Origin origin,
                     std::vector<Origin> key_origins) {
    charge(members.size());
    Value v = Value::object(std::move(members), origin, std::move(key_origins));
    if (v.depth() > options_.max_value_depth)
        return Value::error("values nested deeper than " + std::to_string(options_.max_value_depth) + " levels",
                            origin);
    return v;
}

std::string Engine::source_text(const Range& r) const {
    const std::string_view s = options_.source;
    if (s.empty() || r.end.offset > s.size() || r.begin.offset >= r.end.offset) return {};
    return std::string(s.substr(r.begin.offset, r.end.offset - r.begin.offset));
}

void Engine::diagnose(const Range& r, std::string message, Diagnostic::Kind kind) {
    shared_.diagnostics.push_back({std::move(message), r, kind});
}

Value Engine::referenced(Value v, const Expr& e) const {
    if (v.is_known() || v.is_error() || !v.reference().empty()) return v;
    std::string text = source_text(e.range);
    return v.with_reference(text.empty() ? "unknown" : std::move(text));
}

std::optional<double> Engine::to_number(const Value& v) const {
    if (v.kind() == Value::Kind::number) return v.as_number();
    if (v.kind() == Value::Kind::string && !v.has_placeholders()) {
        const std::string& s = v.as_string();
        double d = 0;
        const char* begin = s.data();
        const char* end = s.data() + s.size();
        if (begin != end && *begin == '+') ++begin;
        auto r = std::from_chars(begin, end, d);
        if (r.ec == std::errc() && r.ptr == end && !s.empty() && std::isfinite(d)) return d;
    }
    return std::nullopt;
}

std::optional<bool> Engine::to_bool(const Value& v) const {
    if (v.kind() == Value::Kind::boolean) return v.as_bool();
    if (v.kind() == Value::Kind::string && v.as_string() == "true") return true;
    if (v.kind() == Value::Kind::string && v.as_string() == "false") return false;
    return std::nullopt;
}

Value Engine::to_string_value(const Value& v, const std::string& what) const {
    switch (v.kind()) {
        case Value::Kind::unknown:
        case Value::Kind::string: return v;
        case Value::Kind::number: return Value::string(number_to_string(v.as_number()), v.origin());
        case Value::Kind::boolean: return Value::string(v.as_bool() ? "true" : "false", v.origin());
        case Value::Kind::null: return Value::error(what + " is null, where a string is required", v.origin());
        default:
            return Value::error(what + " is a " + std::string(to_string(v.kind())) + ", where a string is required",
                                v.origin());
    }
}

const Value* Engine::local(std::string_view name) const {
    for (auto it = locals_.rbegin(); it != locals_.rend(); ++it)
        if (it->first == name) return &it->second;
    return nullptr;
}

Value Engine::eval(const Expr& e) {
    charge(1);
    DepthCount depth(depth_);
    if (depth_ > 4 * 64 + 64) return Value::error("expression nested too deeply to evaluate", origin(e.range));
    const Origin here = origin(e.range);
    if (const auto* lit = e.as<LiteralExpr>()) return literal_value(lit->value, here);
    if (const auto* t = e.as<TemplateExpr>()) return eval_template(*t, e);
    if (const auto* t = e.as<ScopeTraversal>()) return eval_traversal(*t, e);
    if (const auto* r = e.as<RelativeTraversal>()) {
        Value v = eval(*r->source);
        std::string path = source_text(r->source->range);
        if (path.empty()) path = "the value at " + position_of(r->source->range);
        for (const TraversalStep& step : r->steps) {
            v = apply_step(v, step, path);
            path += step_text(step);
        }
        return referenced(std::move(v), e);
    }
    if (const auto* c = e.as<FunctionCall>()) return referenced(call(*c, e), e);
    if (const auto* c = e.as<Conditional>()) return eval_conditional(*c, e);
    if (const auto* u = e.as<Unary>()) return eval_unary(*u, e);
    if (const auto* b = e.as<Binary>()) return eval_binary(*b, e);
    if (const auto* t = e.as<Tuple>()) {
        std::vector<Value> elements;
        elements.reserve(t->elements.size());
        for (const ExprPtr& el : t->elements) {
            Value v = eval(*el);
            if (v.is_error()) return v;
            elements.push_back(std::move(v));
        }
        return tuple(std::move(elements), here);
    }
    if (const auto* o = e.as<Object>()) return eval_object(*o, e);
    if (const auto* f = e.as<For>()) return eval_for(*f, e);
    if (const auto* ix = e.as<Index>()) {
        Value coll = eval(*ix->collection);
        Value key = eval(*ix->key);
        std::string path = source_text(ix->collection->range);
        return referenced(index(coll, key, here, path.empty() ? "the collection" : path), e);
    }
    if (const auto* s = e.as<Splat>()) return eval_splat(*s, e);
    if (e.as<AnonSymbol>()) {
        if (splat_items_.empty()) return Value::error("a splat item outside a splat expression", here);
        return splat_items_.back();
    }
    if (const auto* p = e.as<Parens>()) return eval(*p->inner);
    return Value::error("unsupported expression", here);
}

Value Engine::eval_template(const TemplateExpr& t, const Expr& e) {
    if (t.wrap) return referenced(eval(*t.parts[0].expr), *t.parts[0].expr);
    StringBuilder out(*this);
    std::optional<Value> failure;
    render_parts(t.parts, out, failure);
    if (failure) return *failure;
    return out.build(origin(e.range));
}

void Engine::render_parts(const std::vector<TemplatePart>& parts, StringBuilder& out, std::optional<Value>& failure) {
    for (const TemplatePart& part : parts) {
        if (failure) return;
        switch (part.kind) {
            case TemplatePart::Kind::literal: out.literal(part, options_.file); break;
            case TemplatePart::Kind::interpolation: {
                Value v = referenced(eval(*part.expr), *part.expr);
                const Origin where = origin(part.expr->range);
                if (v.is_error()) {
                    failure = v;
                } else if (!v.is_known()) {
                    out.placeholder(v, where);
                } else if (v.is_string()) {
                    out.value(v);
                } else if (v.kind() == Value::Kind::number || v.kind() == Value::Kind::boolean) {
                    out.text(to_string_value(v, "").as_string(), where);
                } else {
                    failure = Value::error("the interpolation at " + position_of(part.expr->range) + " is a " +
                                               std::string(to_string(v.kind())) +
                                               ", which a string template cannot include" +
                                               (v.is_collection() ? " (use join() or jsonencode())" : ""),
                                           where);
                }
                break;
            }
            case TemplatePart::Kind::if_directive: {
                Value c = eval(*part.expr);
                if (c.is_error()) {
                    failure = c;
                } else if (!c.is_known()) {
                    std::string text = source_text(part.expr->range);
                    out.placeholder(Value::unknown("the condition of the %{if} at " + position_of(part.range) +
                                                       " is not known until apply",
                                                   "if " + (text.empty() ? c.reference() : text)),
                                    origin(part.range));
                } else if (auto b = to_bool(c)) {
                    render_parts(*b ? part.directive->then_parts : part.directive->else_parts, out, failure);
                } else {
                    failure = Value::error("the condition of the %{if} at " + position_of(part.range) + " is a " +
                                               std::string(to_string(c.kind())) + ", not a bool",
                                           origin(part.expr->range));
                }
                break;
            }
            case TemplatePart::Kind::for_directive: {
                Value coll = eval(*part.expr);
                if (coll.is_error()) {
                    failure = coll;
                } else if (!coll.is_known()) {
                    out.placeholder(referenced(coll, *part.expr), origin(part.range));
                } else if (!coll.is_collection()) {
                    failure = Value::error("the %{for} at " + position_of(part.range) + " iterates over a " +
                                               std::string(to_string(coll.kind())) + ", not a tuple or object",
                                           origin(part.expr->range));
                } else {
                    for (std::size_t i = 0; i < coll.size() && !failure; ++i) {
                        charge(1);
                        StackMark<std::pair<std::string, Value>> mark(locals_);
                        const TemplateDirective& d = *part.directive;
                        if (!d.key_var.empty())
                            locals_.emplace_back(d.key_var, coll.is_tuple()
                                                                   ? Value::number(double(i), origin(part.range))
                                                                   : Value::string(coll.keys()[i], coll.key_origin(i)));
                        locals_.emplace_back(d.value_var, coll.elements()[i]);
                        render_parts(d.body, out, failure);
                    }
                }
                break;
            }
        }
    }
}

Value Engine::eval_traversal(const ScopeTraversal& t, const Expr& e) {
    const Origin here = origin(e.range);
    Value v;
    std::size_t start = 0;
    if (const Value* l = local(t.root)) {
        v = *l;
    } else {
        Reference ref{t.root, t.steps, e.range};
        std::size_t used = t.steps.size();
        v = scope_.resolve(ref, used);
        start = std::min(used, t.steps.size());
        if (v.origin().range.begin.line == 0) v = v.with_origin(here);
    }
    std::vector<TraversalStep> done(t.steps.begin(), t.steps.begin() + static_cast<std::ptrdiff_t>(start));
    std::string path = traversal_text(t.root, done);
    for (std::size_t i = start; i < t.steps.size(); ++i) {
        v = apply_step(v, t.steps[i], path);
        path += step_text(t.steps[i]);
    }
    if (!v.is_known() && !v.is_error()) v = v.with_reference(traversal_text(t.root, t.steps));
    return v;
}

Value Engine::apply_step(const Value& v, const TraversalStep& step, const std::string& path) const {
    if (!v.is_known()) return v;
    const Origin at = v.origin();
    if (step.kind == TraversalStep::Kind::attribute) {
        if (v.is_object()) {
            if (const Value* m = v.member(step.name)) return *m;
            return Value::error(path + " has no attribute '" + step.name + "'", at);
        }
        if (v.is_null()) return Value::error(path + " is null, so it has no attribute '" + step.name + "'", at);
        return Value::error(path + " is a " + std::string(to_string(v.kind())) + ", which has no attribute '" +
                                step.name + "'",
                            at);
    }
    return index(v, literal_value(step.key, at), at, path);
}

Value Engine::index(const Value& coll, const Value& key, const Origin& origin, const std::string& path) const {
    if (coll.is_error()) return coll;
    if (key.is_error()) return key;
    if (!coll.is_known()) return coll;
    if (!key.is_known()) return unknown_from(key, "the index into " + path, origin);
    if (coll.is_tuple()) {
        auto n = to_number(key);
        if (!n || *n != std::floor(*n))
            return Value::error("the index into " + path + " must be a whole number", origin);
        if (*n < 0 || *n >= double(coll.size()))
            return Value::error("index " + number_to_string(*n) + " is out of range for " + path + ", which has " +
                                    std::to_string(coll.size()) + " elements",
                                origin);
        return coll.elements()[static_cast<std::size_t>(*n)];
    }
    if (coll.is_object()) {
        Value k = to_string_value(key, "the key into " + path);
        if (k.is_error()) return k;
        if (k.has_placeholders()) return unknown_from(k, "the element of " + path, origin);
        if (const Value* m = coll.member(k.as_string())) return *m;
        return Value::error(path + " has no element \"" + k.as_string() + "\"", origin);
    }
    if (coll.is_null()) return Value::error(path + " is null and cannot be indexed", origin);
    return Value::error(path + " is a " + std::string(to_string(coll.kind())) + ", which cannot be indexed", origin);
}

Value Engine::eval_object(const Object& o, const Expr& e) {
    std::vector<std::pair<std::string, Value>> members;
    std::vector<Origin> key_origins;
    members.reserve(o.items.size());
    key_origins.reserve(o.items.size());
    std::optional<Value> unknown_key;
    for (const ObjectItem& item : o.items) {
        std::string key;
        const auto* name = item.key->as<ScopeTraversal>();
        if (name && name->steps.empty() && !item.key_parenthesized) {
            key = name->root;  // a bare name is the key itself, not a variable
        } else {
            Value k = eval(*item.key);
            if (k.is_error()) return k;
            if (!k.is_known() || (k.is_string() && k.has_placeholders())) {
                unknown_key = referenced(k, *item.key);
                continue;
            }
            Value s = to_string_value(k, "the object key at " + position_of(item.key->range));
            if (s.is_error()) return s;
            key = s.as_string();
        }
        Value v = eval(*item.value);
        if (v.is_error()) return v;
        members.emplace_back(std::move(key), std::move(v));
        key_origins.push_back(origin(item.key->range));
    }
    if (unknown_key)
        return unknown_from(*unknown_key, "an object key at " + position_of(e.range), origin(e.range));
    return object(std::move(members), origin(e.range), std::move(key_origins));
}

Value Engine::eval_for(const For& f, const Expr& e) {
    const Origin here = origin(e.range);
    Value coll = eval(*f.collection);
    if (coll.is_error()) return coll;
    if (!coll.is_known()) return unknown_from(referenced(coll, *f.collection), "the 'for' expression", here);
    if (coll.is_null()) return Value::error("the 'for' expression at " + position_of(e.range) + " iterates over null", here);
    if (!coll.is_collection())
        return Value::error("the 'for' expression at " + position_of(e.range) + " iterates over a " +
                                std::string(to_string(coll.kind())) + ", not a tuple or object",
                            here);
    std::vector<Value> items;
    std::vector<std::pair<std::string, Value>> members;
    std::vector<Origin> key_origins;
    std::map<std::string, std::vector<Value>> groups;
    std::map<std::string, Origin> group_origins;
    for (std::size_t i = 0; i < coll.size(); ++i) {
        charge(1);
        StackMark<std::pair<std::string, Value>> mark(locals_);
        Value key_value = coll.is_tuple() ? Value::number(double(i), here) : Value::string(coll.keys()[i], coll.key_origin(i));
        if (!f.key_var.empty()) locals_.emplace_back(f.key_var, key_value);
        locals_.emplace_back(f.value_var, coll.elements()[i]);
        if (f.condition) {
            Value c = eval(*f.condition);
            if (c.is_error()) return c;
            if (!c.is_known()) return unknown_from(referenced(c, *f.condition), "the 'for' expression's condition", here);
            auto b = to_bool(c);
            if (!b)
                return Value::error("the condition of the 'for' expression at " + position_of(e.range) + " is a " +
                                        std::string(to_string(c.kind())) + ", not a bool",
                                    here);
            if (!*b) continue;
        }
        if (!f.object) {
            Value v = eval(*f.value_expr);
            if (v.is_error()) return v;
            items.push_back(std::move(v));
            continue;
        }
        Value k = eval(*f.key_expr);
        if (k.is_error()) return k;
        if (!k.is_known() || (k.is_string() && k.has_placeholders()))
            return unknown_from(referenced(k, *f.key_expr), "a key of the 'for' expression", here);
        Value ks = to_string_value(k, "the key of the 'for' expression at " + position_of(e.range));
        if (ks.is_error()) return ks;
        Value v = eval(*f.value_expr);
        if (v.is_error()) return v;
        if (f.group) {
            groups[ks.as_string()].push_back(std::move(v));
            group_origins.emplace(ks.as_string(), origin(f.key_expr->range));
        } else {
            for (const auto& m : members)
                if (m.first == ks.as_string())
                    return Value::error("the 'for' expression at " + position_of(e.range) + " produces the key \"" +
                                            ks.as_string() + "\" twice (write '...' after the value to group them)",
                                        here);
            members.emplace_back(ks.as_string(), std::move(v));
            key_origins.push_back(origin(f.key_expr->range));
        }
    }
    if (!f.object) return tuple(std::move(items), here);
    if (f.group) {
        for (auto& [k, vs] : groups) {
            members.emplace_back(k, tuple(std::move(vs), here));
            key_origins.push_back(group_origins[k]);
        }
    }
    return object(std::move(members), here, std::move(key_origins));
}

Value Engine::eval_splat(const Splat& s, const Expr& e) {
    const Origin here = origin(e.range);
    Value src = eval(*s.source);
    if (src.is_error()) return src;
    if (!src.is_known()) return unknown_from(referenced(src, *s.source), "the splat expression", here);
    if (src.is_null()) return tuple({}, here);
    std::vector<Value> items = src.is_tuple() ? src.elements() : std::vector<Value>{src};
    std::vector<Value> out;
    out.reserve(items.size());
    for (const Value& item : items) {
        charge(1);
        StackMark<Value> mark(splat_items_);
        splat_items_.push_back(item);
        Value v = eval(*s.each);
        if (v.is_error()) return v;
        out.push_back(std::move(v));
    }
    return tuple(std::move(out), here);
}

Value Engine::eval_unary(const Unary& u, const Expr& e) {
    const Origin here = origin(e.range);
    Value v = eval(*u.operand);
    if (v.is_error()) return v;
    if (!v.is_known()) return unknown_from(referenced(v, *u.operand), "the operation at " + position_of(e.range), here);
    if (u.op == UnaryOp::negate) {
        auto n = to_number(v);
        if (!n) return Value::error("'-' needs a number, not a " + std::string(to_string(v.kind())), here);
        return Value::number(-*n, here);
    }
    auto b = to_bool(v);
    if (!b) return Value::error("'!' needs a bool, not a " + std::string(to_string(v.kind())), here);
    return Value::boolean(!*b, here);
}

Value Engine::eval_binary(const Binary& b, const Expr& e) {
    const Origin here = origin(e.range);
    Value lhs = referenced(eval(*b.lhs), *b.lhs);
    Value rhs = referenced(eval(*b.rhs), *b.rhs);
    if (lhs.is_error()) return lhs;
    if (rhs.is_error()) return rhs;
    const std::string op(to_string(b.op));
    const std::string what = "the operation '" + op + "' at " + position_of(e.range);

    if (b.op == BinaryOp::logical_and || b.op == BinaryOp::logical_or) {
        std::optional<bool> l, r;
        if (lhs.is_known()) {
            l = to_bool(lhs);
            if (!l) return Value::error("'" + op + "' needs bools, not a " + std::string(to_string(lhs.kind())), here);
        }
        if (rhs.is_known()) {
            r = to_bool(rhs);
            if (!r) return Value::error("'" + op + "' needs bools, not a " + std::string(to_string(rhs.kind())), here);
        }
        const bool decisive = b.op == BinaryOp::logical_or;  // true decides ||, false decides &&
        if ((l && *l == decisive) || (r && *r == decisive)) return Value::boolean(decisive, here);
        if (l && r) return Value::boolean(!decisive, here);
        return unknown_from(l ? rhs : lhs, what, here);
    }
    if (b.op == BinaryOp::equal || b.op == BinaryOp::not_equal) {
        if (!lhs.is_known()) return unknown_from(lhs, what, here);
        if (!rhs.is_known()) return unknown_from(rhs, what, here);
        charge(std::min(lhs.weight(), rhs.weight()));
        bool known = true;
        bool eq = values_equal(lhs, rhs, known);
        if (!known) return Value::unknown(what + " compares values that are not fully known", "", here);
        return Value::boolean(b.op == BinaryOp::equal ? eq : !eq, here);
    }
    if (!lhs.is_known()) return unknown_from(lhs, what, here);
    if (!rhs.is_known()) return unknown_from(rhs, what, here);
    auto l = to_number(lhs);
    auto r = to_number(rhs);
    if (!l || !r)
        return Value::error("'" + op + "' needs numbers, not a " + std::string(to_string((!l ? lhs : rhs).kind())) +
                                " (at " + position_of(e.range) + ")",
                            here);
    switch (b.op) {
        case BinaryOp::less: return Value::boolean(*l < *r, here);
        case BinaryOp::less_equal: return Value::boolean(*l <= *r, here);
        case BinaryOp::greater: return Value::boolean(*l > *r, here);
        case BinaryOp::greater_equal: return Value::boolean(*l >= *r, here);
        case BinaryOp::add: return Value::number(*l + *r, here);
        case BinaryOp::subtract: return Value::number(*l - *r, here);
        case BinaryOp::multiply: return Value::number(*l * *r, here);
        case BinaryOp::divide:
            if (*r == 0) return Value::error("division by zero at " + position_of(e.range), here);
            return Value::number(*l / *r, here);
        case BinaryOp::modulo:
            if (*r == 0) return Value::error("modulo by zero at " + position_of(e.range), here);
            return Value::number(std::fmod(*l, *r), here);
        default: break;
    }
    return Value::error("unsupported operator", here);
}

Value Engine::eval_conditional(const Conditional& c, const Expr& e) {
    const Origin here = origin(e.range);
    Value cond = eval(*c.condition);
    if (cond.is_error()) return cond;
    if (!cond.is_known()) {
        Value then_value = eval(*c.then_expr);
        Value else_value = eval(*c.else_expr);
        std::string text = source_text(c.condition->range);
        if (text.empty()) text = referenced(cond, *c.condition).reference();
        return Value::unknown_choice({std::move(then_value), std::move(else_value)},
                                     "the condition " + text + " is not known until apply: either result may be deployed",
                                     "if " + text, here);
    }
    auto b = to_bool(cond);
    if (!b)
        return Value::error("the condition at " + position_of(c.condition->range) + " is a " +
                                std::string(to_string(cond.kind())) + ", not a bool",
                            origin(c.condition->range));
    return eval(*b ? *c.then_expr : *c.else_expr);
}

}  // namespace detail

// ---- Evaluator -----------------------------------------------------------------------

struct Evaluator::State {
    EvalOptions own;  // unless the caller keeps them
    const EvalOptions& options;
    detail::Shared shared;
    detail::Engine engine;
    bool reported_budget = false;

    State(const Scope& scope, EvalOptions o) : own(std::move(o)), options(own), engine(scope, options, shared) {
        shared.max_steps = options.max_steps;
    }
    State(const Scope& scope, std::reference_wrapper<const EvalOptions> kept)
        : options(kept.get()), engine(scope, options, shared) {
        shared.max_steps = options.max_steps;
    }
};

Evaluator::Evaluator(const Scope& scope, EvalOptions options)
    : state_(std::make_unique<State>(scope, std::move(options))) {}

Evaluator::Evaluator(const Scope& scope, std::reference_wrapper<const EvalOptions> options)
    : state_(std::make_unique<State>(scope, options)) {}

Evaluator::~Evaluator() = default;

Value Evaluator::evaluate(const Expr& expr) {
    try {
        return state_->engine.eval(expr);
    } catch (const detail::BudgetExhausted&) {
        std::string reason = "evaluation stopped: the expression needs more than " +
                             std::to_string(state_->options.max_steps) + " steps (a huge range() or nested for?)";
        if (!state_->reported_budget) {
            state_->reported_budget = true;
            state_->shared.diagnostics.push_back({reason, expr.range, Diagnostic::Kind::budget});
        }
        return Value::error(std::move(reason), Origin{state_->options.file, expr.range});
    }
}

const std::vector<Diagnostic>& Evaluator::diagnostics() const { return state_->shared.diagnostics; }
std::size_t Evaluator::steps_used() const { return state_->shared.steps; }

}  // namespace ddbguard::hcl
