// Request model: a context of case-insensitive keys, each absent, single- or multivalued.
#include "ddbguard/evaluate.hpp"
#include "util/text.hpp"

namespace ddbguard {

const ContextEntry* Request::find(std::string_view key) const {
    for (const auto& entry : context)
        if (util::iequals(entry.key, key)) return &entry;
    return nullptr;
}

void Request::set(std::string key, std::vector<std::string> values) {
    for (auto& entry : context) {
        if (util::iequals(entry.key, key)) {
            entry.key = std::move(key);
            entry.values = std::move(values);
            return;
        }
    }
    context.push_back(ContextEntry{std::move(key), std::move(values)});
}

std::string_view to_string(Outcome outcome) {
    switch (outcome) {
        case Outcome::allow: return "allow";
        case Outcome::explicit_deny: return "explicit-deny";
        case Outcome::implicit_deny: break;
    }
    return "implicit-deny";
}

}  // namespace ddbguard
