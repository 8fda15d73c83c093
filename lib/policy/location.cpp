#include <charconv>

#include "ddbguard/location.hpp"
#include "policy/pointer_trail.hpp"
#include "util/text.hpp"

namespace ddbguard {

std::uint32_t JsonPointer::Trail::member(std::uint32_t parent, std::string_view name) {
    const std::size_t offset = names.size();
    if (!util::contains_either(name, '~', '/')) {
        names.append(name);
    } else {
        for (char c : name) {
            if (c == '~') names += "~0";
            else if (c == '/') names += "~1";
            else names += c;
        }
    }
    steps.push_back({parent, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(names.size() - offset)});
    return static_cast<std::uint32_t>(steps.size() - 1);
}

std::uint32_t JsonPointer::Trail::path(std::uint32_t parent, std::string_view path) {
    if (path.empty()) return parent;
    const std::size_t offset = names.size();
    names.append(path.substr(1));  // spell() writes the first '/'
    steps.push_back({parent, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(names.size() - offset)});
    return static_cast<std::uint32_t>(steps.size() - 1);
}

void JsonPointer::Trail::spell(std::uint32_t step, std::string& out) const {
    if (step == 0) return;
    const Step& s = steps[step];
    spell(s.parent, out);
    out += '/';
    if (s.length != kIndex) {
        out.append(names, s.token, s.length);
    } else {
        char digits[16];
        const auto end = std::to_chars(digits, digits + sizeof digits, s.token).ptr;
        out.append(digits, end);
    }
}

std::string JsonPointer::str() const {
    if (!trail_) return text_;
    std::string out = text_;
    trail_->spell(step_, out);
    return out;
}

JsonPointer JsonPointer::under(const std::string& prefix) const {
    JsonPointer p = *this;
    p.text_.insert(0, prefix);
    return p;
}

bool operator==(const JsonPointer& a, const JsonPointer& b) {
    if (a.trail_ == b.trail_ && a.step_ == b.step_ && a.text_ == b.text_) return true;
    return a.str() == b.str();
}

}  // namespace ddbguard
