#include "sources/terraform/hcl/ast.hpp"

#include <type_traits>

namespace ddbguard::hcl {

std::string_view to_string(BinaryOp op) {
    switch (op) {
        case BinaryOp::logical_or: return "||";
        case BinaryOp::logical_and: return "&&";
        case BinaryOp::equal: return "==";
        case BinaryOp::not_equal: return "!=";
        case BinaryOp::less: return "<";
        case BinaryOp::less_equal: return "<=";
        case BinaryOp::greater: return ">";
        case BinaryOp::greater_equal: return ">=";
        case BinaryOp::add: return "+";
        case BinaryOp::subtract: return "-";
        case BinaryOp::multiply: return "*";
        case BinaryOp::divide: return "/";
        case BinaryOp::modulo: return "%";
    }
    return "?";
}

namespace {

void take_parts(std::vector<TemplatePart>& parts, std::vector<ExprPtr>& out);

// Moves the children of `e` into `out`, leaving `e` without any.
void take_children(Expr& e, std::vector<ExprPtr>& out) {
    auto take = [&](ExprPtr& p) {
        if (p) out.push_back(std::move(p));
    };
    std::visit(
        [&](auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, TemplateExpr>) {
                take_parts(n.parts, out);
            } else if constexpr (std::is_same_v<T, RelativeTraversal>) {
                take(n.source);
            } else if constexpr (std::is_same_v<T, FunctionCall>) {
                for (ExprPtr& a : n.args) take(a);
            } else if constexpr (std::is_same_v<T, Conditional>) {
                take(n.condition);
                take(n.then_expr);
                take(n.else_expr);
            } else if constexpr (std::is_same_v<T, Unary>) {
                take(n.operand);
            } else if constexpr (std::is_same_v<T, Binary>) {
                take(n.lhs);
                take(n.rhs);
            } else if constexpr (std::is_same_v<T, Tuple>) {
                for (ExprPtr& el : n.elements) take(el);
            } else if constexpr (std::is_same_v<T, Object>) {
                for (ObjectItem& item : n.items) {
                    take(item.key);
                    take(item.value);
                }
            } else if constexpr (std::is_same_v<T, For>) {
                take(n.collection);
                take(n.key_expr);
                take(n.value_expr);
                take(n.condition);
            } else if constexpr (std::is_same_v<T, Index>) {
                take(n.collection);
                take(n.key);
            } else if constexpr (std::is_same_v<T, Splat>) {
                take(n.source);
                take(n.each);
            } else if constexpr (std::is_same_v<T, Parens>) {
                take(n.inner);
            }
        },
        e.node);
}

void take_parts(std::vector<TemplatePart>& parts, std::vector<ExprPtr>& out) {
    for (TemplatePart& part : parts) {
        if (part.expr) out.push_back(std::move(part.expr));
        if (part.directive) {
            take_parts(part.directive->then_parts, out);
            take_parts(part.directive->else_parts, out);
            take_parts(part.directive->body, out);
        }
    }
}

}  // namespace

Expr::~Expr() {
    // Shallow trees (nearly all) are freed by plain recursion; past a depth, children are
    // moved to a list and freed from there.
    constexpr unsigned kRecursionLimit = 128;
    static thread_local unsigned depth = 0;
    if (depth < kRecursionLimit) {
        ++depth;
        node = AnonSymbol{};  // frees the children, each one level deeper
        --depth;
        return;
    }
    std::vector<ExprPtr> pending;
    take_children(*this, pending);
    while (!pending.empty()) {
        ExprPtr e = std::move(pending.back());
        pending.pop_back();
        take_children(*e, pending);
    }
}

const Attribute* Body::attribute(std::string_view name) const {
    for (const Attribute& a : attributes)
        if (a.name == name) return &a;
    return nullptr;
}

std::vector<const Block*> Body::blocks_of_type(std::string_view type) const {
    std::vector<const Block*> out;
    for (const Block& b : blocks)
        if (b.type == type) out.push_back(&b);
    return out;
}

std::string_view File::text(const Range& r) const {
    if (r.begin.offset > source.size() || r.end.offset < r.begin.offset) return {};
    return std::string_view(source).substr(r.begin.offset, r.end.offset - r.begin.offset);
}

std::string traversal_text(std::string_view root, const std::vector<TraversalStep>& steps) {
    std::string out(root);
    for (const TraversalStep& step : steps) {
        if (step.kind == TraversalStep::Kind::attribute) {
            out += '.';
            out += step.name;
            continue;
        }
        switch (step.key.kind) {
            case Literal::Kind::number: out += "[" + step.key.text + "]"; break;
            case Literal::Kind::string: {
                out += "[\"";
                for (char c : step.key.text) {
                    if (c == '"' || c == '\\') out += '\\';
                    out += c;
                }
                out += "\"]";
                break;
            }
            case Literal::Kind::boolean: out += step.key.boolean ? "[true]" : "[false]"; break;
            case Literal::Kind::null: out += "[null]"; break;
        }
    }
    return out;
}

}  // namespace ddbguard::hcl
