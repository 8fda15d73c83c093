#include "sources/terraform/hcl/ast.hpp"

#include <charconv>

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
