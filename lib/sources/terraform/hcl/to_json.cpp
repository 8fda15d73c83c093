#include "sources/terraform/hcl/to_json.hpp"

#include <charconv>
#include <cmath>

namespace ddbguard::hcl {

namespace {

struct ConversionError {
    std::string message;
};

std::string escape_template(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((text[i] == '$' || text[i] == '%') && i + 1 < text.size() && text[i + 1] == '{') out += text[i];
        out += text[i];
    }
    return out;
}

nlohmann::json number_json(double n) {
    if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 9.0e15) return static_cast<std::int64_t>(n);
    return n;
}

// A number as cty converts it to a string: plain decimal notation, no exponent.
std::string number_text(double n) {
    if (n == 0) return "0";
    char buf[512];
    auto r = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::fixed);
    if (r.ec != std::errc()) return std::to_string(n);
    return std::string(buf, r.ptr);
}

class Renderer {
public:
    explicit Renderer(const File& file) : file_(file) {}

    nlohmann::json body(const Body& b) {
        nlohmann::json out = nlohmann::json::object();
        for (const Block& block : b.blocks) add_block(block, out);
        for (const Attribute& attr : b.attributes) out[attr.name] = expr(*attr.expr);
        return out;
    }

private:
    void add_block(const Block& block, nlohmann::json& out) {
        nlohmann::json* current = &out;
        std::string key = block.type;
        for (const std::string& label : block.labels) {
            if (current->contains(key)) {
                if (!(*current)[key].is_object())
                    throw ConversionError{"Unable to convert Block to JSON: " + block.type};
            } else {
                (*current)[key] = nlohmann::json::object();
            }
            current = &(*current)[key];
            key = label;
        }
        nlohmann::json value = body(block.body);
        if (current->contains(key)) {
            if (!(*current)[key].is_array()) throw ConversionError{"Unable to convert Block to JSON: " + block.type};
            (*current)[key].push_back(std::move(value));
        } else {
            (*current)[key] = nlohmann::json::array({std::move(value)});
        }
    }

    // The official converter's range text, including a ')' right after the range (its
    // workaround for ranges it believed short).
    std::string source(const Range& r) const {
        std::size_t end = r.end.offset;
        if (end < file_.source.size() && file_.source[end] == ')') ++end;
        return file_.source.substr(r.begin.offset, end - r.begin.offset);
    }

    std::string wrap(const Expr& e) const { return "${" + source(e.range) + "}"; }

    nlohmann::json literal(const Literal& lit) const {
        switch (lit.kind) {
            case Literal::Kind::null: return nullptr;
            case Literal::Kind::boolean: return lit.boolean;
            case Literal::Kind::number: return number_json(lit.number);
            case Literal::Kind::string: return lit.text;
        }
        return nullptr;
    }

    nlohmann::json expr(const Expr& e) {
        if (const auto* lit = e.as<LiteralExpr>()) return literal(lit->value);
        if (const auto* un = e.as<Unary>()) {
            const auto* operand = un->operand->as<LiteralExpr>();
            if (!operand) return wrap(e);
            if (un->op == UnaryOp::negate && operand->value.kind == Literal::Kind::number)
                return number_json(-operand->value.number);
            if (un->op == UnaryOp::logical_not && operand->value.kind == Literal::Kind::boolean)
                return !operand->value.boolean;
            throw ConversionError{"unary operator on a literal of the wrong type"};
        }
        if (const auto* tmpl = e.as<TemplateExpr>()) {
            if (tmpl->wrap) return expr(*tmpl->parts[0].expr);
            return parts(tmpl->parts);
        }
        if (const auto* tuple = e.as<Tuple>()) {
            nlohmann::json out = nlohmann::json::array();
            for (const ExprPtr& el : tuple->elements) out.push_back(expr(*el));
            return out;
        }
        if (const auto* obj = e.as<Object>()) {
            nlohmann::json out = nlohmann::json::object();
            for (const ObjectItem& item : obj->items) {
                std::string key = item.key->as<ScopeTraversal>() ? source(item.key->range) : string_part(*item.key);
                out[key] = expr(*item.value);
            }
            return out;
        }
        return wrap(e);
    }

    std::string parts(const std::vector<TemplatePart>& ps) {
        std::string out;
        for (const TemplatePart& p : ps) {
            switch (p.kind) {
                case TemplatePart::Kind::literal: out += escape_template(p.text); break;
                case TemplatePart::Kind::interpolation: out += string_part(*p.expr); break;
                case TemplatePart::Kind::if_directive: {
                    out += "%{if " + source(p.expr->range) + "}" + parts(p.directive->then_parts);
                    std::string else_text = parts(p.directive->else_parts);
                    if (!else_text.empty()) out += "%{else}" + else_text;
                    out += "%{endif}";
                    break;
                }
                case TemplatePart::Kind::for_directive:
                    out += "%{for ";
                    if (!p.directive->key_var.empty()) out += p.directive->key_var + ", ";
                    out += p.directive->value_var + " in " + source(p.expr->range) + "}" + parts(p.directive->body) +
                           "%{endfor}";
                    break;
            }
        }
        return out;
    }

    // An expression inside a template.
    std::string string_part(const Expr& e) {
        if (const auto* lit = e.as<LiteralExpr>()) {
            switch (lit->value.kind) {
                case Literal::Kind::null: return "null";
                case Literal::Kind::boolean: return lit->value.boolean ? "true" : "false";
                case Literal::Kind::number: return number_text(lit->value.number);
                case Literal::Kind::string: return escape_template(lit->value.text);
            }
        }
        if (const auto* tmpl = e.as<TemplateExpr>()) {
            if (tmpl->wrap) return string_part(*tmpl->parts[0].expr);
            return parts(tmpl->parts);
        }
        if (const auto* cond = e.as<Conditional>()) {
            std::string out = "%{if " + source(cond->condition->range) + "}" + string_part(*cond->then_expr);
            std::string else_text = string_part(*cond->else_expr);
            if (!else_text.empty()) out += "%{else}" + else_text;
            return out + "%{endif}";
        }
        return wrap(e);
    }

    const File& file_;
};

}  // namespace

std::optional<nlohmann::json> to_hcl2json(const File& file, std::string& error) {
    try {
        return Renderer(file).body(file.body);
    } catch (const ConversionError& e) {
        error = e.message;
        return std::nullopt;
    }
}

}  // namespace ddbguard::hcl
