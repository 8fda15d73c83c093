#include "evaluate/variables.hpp"

namespace ddbguard::eval {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}


}  // namespace

Template Template::compile(std::string_view text, bool substitute, bool wildcards) {
    Template t;
    t.source_ = std::string(text);
    TemplatePart current;
    std::size_t i = 0;
    while (i < text.size()) {
        if (substitute && text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
            const std::size_t close = text.find('}', i + 2);
            if (close != std::string_view::npos) {
                const std::string_view inner = text.substr(i + 2, close - i - 2);
                if (inner == "*" || inner == "?" || inner == "$") {
                    current.text.push(inner[0], PatKind::literal);
                    i = close + 1;
                    continue;
                }
                std::string_view key = inner;
                std::optional<std::string> fallback;
                const std::size_t comma = inner.find(',');
                bool valid = true;
                if (comma != std::string_view::npos) {
                    key = inner.substr(0, comma);
                    const std::string_view def = trim(inner.substr(comma + 1));
                    if (def.size() >= 2 && def.front() == '\'' && def.back() == '\'')
                        fallback = std::string(def.substr(1, def.size() - 2));
                    else
                        valid = false;
                }
                key = trim(key);
                if (valid && !key.empty()) {
                    t.parts_.push_back(std::move(current));
                    current = TemplatePart{};
                    TemplatePart var;
                    var.variable = std::string(key);
                    var.fallback = std::move(fallback);
                    t.parts_.push_back(std::move(var));
                    t.has_variables_ = true;
                    i = close + 1;
                    continue;
                }
            }
        }
        if (wildcards && (text[i] == '*' || text[i] == '?'))
            current.text.push(text[i], text[i] == '*' ? PatKind::star : PatKind::question);
        else
            current.text.push(text[i], PatKind::literal);
        ++i;
    }
    t.parts_.push_back(std::move(current));
    if (!t.has_variables_) {
        for (const auto& part : t.parts_) {
            t.fixed_.chars += part.text.chars;
            t.fixed_.kinds.insert(t.fixed_.kinds.end(), part.text.kinds.begin(), part.text.kinds.end());
        }
        t.parts_.clear();
        t.fixed_literal_ = !t.fixed_.has_wildcard();
    }
    return t;
}

bool Template::render(const Request& request, Pattern& out, std::string_view* missing) const {
    out.clear();
    if (!has_variables_) {
        out.chars = fixed_.chars;
        out.kinds = fixed_.kinds;
        return true;
    }
    for (const auto& part : parts_) {
        if (part.variable.empty()) {
            out.chars += part.text.chars;
            out.kinds.insert(out.kinds.end(), part.text.kinds.begin(), part.text.kinds.end());
            continue;
        }
        const ContextEntry* entry = request.find(part.variable);
        if (entry && entry->values.size() == 1) {
            out.append_literal(entry->values.front());
        } else if (part.fallback) {
            out.append_literal(*part.fallback);
        } else {
            if (missing) *missing = part.variable;
            return false;
        }
    }
    return true;
}

std::vector<std::string_view> Template::variables() const {
    std::vector<std::string_view> out;
    for (const auto& part : parts_)
        if (!part.variable.empty()) out.push_back(part.variable);
    return out;
}

}  // namespace ddbguard::eval
