#include "sources/terraform/hcl/value.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sources/terraform/hcl/lexer.hpp"

namespace ddbguard::hcl {

struct Value::Collection {
    std::vector<Value> items;
    std::vector<std::string> keys;
    std::vector<Origin> key_origins;
    unsigned depth = 1;
    std::size_t weight = 1;
    bool has_unknown = false;
};

struct Value::StringExtra {
    std::vector<StringSegment> segments;
    std::vector<Placeholder> placeholders;
    std::shared_ptr<const Value> encoded;
};

struct Value::UnknownInfo {
    std::string reason;
    std::string reference;
    std::vector<Value> alternatives;
    bool error = false;
};

namespace {

const std::vector<Value> no_values;
const std::vector<std::string> no_keys;
const std::vector<StringSegment> no_segments;
const std::vector<Placeholder> no_placeholders;
const std::string no_text;

}  // namespace

std::string placeholder_text(std::string_view reference) {
    std::string out = "<";
    bool space = false;
    for (char c : reference) {
        if (c == ':' || c == '<' || c == '>') continue;
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = out.size() > 1;
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    if (out.size() == 1) out += "unknown";
    return out + ">";
}

std::string_view to_string(Value::Kind kind) {
    switch (kind) {
        case Value::Kind::unknown: return "unknown value";
        case Value::Kind::null: return "null";
        case Value::Kind::boolean: return "bool";
        case Value::Kind::number: return "number";
        case Value::Kind::string: return "string";
        case Value::Kind::tuple: return "tuple";
        case Value::Kind::object: return "object";
    }
    return "value";
}

std::string number_to_string(double n) {
    if (n == 0) return "0";
    if (std::isinf(n)) return n > 0 ? "Infinity" : "-Infinity";
    if (std::isnan(n)) return "NaN";
    char buf[400];
    auto r = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::fixed);
    if (r.ec != std::errc()) return std::to_string(n);
    return std::string(buf, r.ptr);
}

Value Value::unknown(std::string reason, std::string reference, Origin origin) {
    Value v;
    v.kind_ = Kind::unknown;
    v.origin_ = origin;
    auto info = std::make_shared<UnknownInfo>();
    info->reason = std::move(reason);
    info->reference = std::move(reference);
    v.unknown_ = std::move(info);
    return v;
}

Value Value::unknown_choice(std::vector<Value> alternatives, std::string reason, std::string reference,
                            Origin origin) {
    Value v;
    v.kind_ = Kind::unknown;
    v.origin_ = origin;
    auto info = std::make_shared<UnknownInfo>();
    info->reason = std::move(reason);
    info->reference = std::move(reference);
    info->alternatives = std::move(alternatives);
    v.unknown_ = std::move(info);
    return v;
}

Value Value::error(std::string reason, Origin origin) {
    Value v;
    v.kind_ = Kind::unknown;
    v.origin_ = origin;
    auto info = std::make_shared<UnknownInfo>();
    info->reason = std::move(reason);
    info->error = true;
    v.unknown_ = std::move(info);
    return v;
}

Value Value::null(Origin origin) {
    Value v;
    v.origin_ = origin;
    return v;
}

Value Value::boolean(bool b, Origin origin) {
    Value v;
    v.kind_ = Kind::boolean;
    v.bool_ = b;
    v.origin_ = origin;
    return v;
}

Value Value::number(double n, Origin origin) {
    Value v;
    v.kind_ = Kind::number;
    v.number_ = n;
    v.origin_ = origin;
    return v;
}

Value Value::string(std::string s, Origin origin) {
    Value v;
    v.kind_ = Kind::string;
    v.text_ = std::move(s);
    v.origin_ = origin;
    return v;
}

Value Value::string(std::string s, Origin origin, std::vector<StringSegment> segments,
                    std::vector<Placeholder> placeholders) {
    Value v = string(std::move(s), origin);
    if (!segments.empty() || !placeholders.empty()) {
        auto extra = std::make_shared<StringExtra>();
        extra->segments = std::move(segments);
        extra->placeholders = std::move(placeholders);
        v.string_ = std::move(extra);
    }
    return v;
}

Value Value::tuple(std::vector<Value> elements, Origin origin) {
    Value v;
    v.kind_ = Kind::tuple;
    v.origin_ = origin;
    auto c = std::make_shared<Collection>();
    for (const Value& e : elements) {
        c->depth = std::max(c->depth, e.depth() + 1);
        c->weight += e.weight();
        c->has_unknown = c->has_unknown || e.contains_unknown();
    }
    c->items = std::move(elements);
    v.collection_ = std::move(c);
    return v;
}

Value Value::object(std::vector<std::pair<std::string, Value>> members, Origin origin,
                    std::vector<Origin> key_origins) {
    std::vector<std::size_t> order(members.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto before = [&](std::size_t a, std::size_t b) { return members[a].first < members[b].first; };
    if (order.size() <= 16) {
        // Most objects are small: an insertion sort (stable) without stable_sort's buffer.
        for (std::size_t i = 1; i < order.size(); ++i)
            for (std::size_t j = i; j > 0 && before(order[j], order[j - 1]); --j) std::swap(order[j], order[j - 1]);
    } else {
        std::stable_sort(order.begin(), order.end(), before);
    }
    Value v;
    v.kind_ = Kind::object;
    v.origin_ = origin;
    auto c = std::make_shared<Collection>();
    c->keys.reserve(order.size());
    c->key_origins.reserve(order.size());
    c->items.reserve(order.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        std::size_t i = order[k];
        if (k + 1 < order.size() && members[order[k + 1]].first == members[i].first) continue;  // the last one wins
        Value& e = members[i].second;
        c->depth = std::max(c->depth, e.depth() + 1);
        c->weight += e.weight();
        c->has_unknown = c->has_unknown || e.contains_unknown();
        c->keys.push_back(std::move(members[i].first));
        c->key_origins.push_back(i < key_origins.size() ? key_origins[i] : Origin{});
        c->items.push_back(std::move(e));
    }
    v.collection_ = std::move(c);
    return v;
}

bool Value::is_error() const { return unknown_ && unknown_->error; }

const std::vector<Value>& Value::elements() const { return collection_ ? collection_->items : no_values; }
const std::vector<std::string>& Value::keys() const { return collection_ ? collection_->keys : no_keys; }

Origin Value::key_origin(std::size_t i) const {
    if (!collection_ || i >= collection_->key_origins.size()) return {};
    return collection_->key_origins[i];
}

const Value* Value::member(std::string_view key) const {
    if (kind_ != Kind::object) return nullptr;
    const auto& keys = collection_->keys;
    auto it = std::lower_bound(keys.begin(), keys.end(), key,
                               [](const std::string& a, std::string_view b) { return a < b; });
    if (it == keys.end() || *it != key) return nullptr;
    return &collection_->items[static_cast<std::size_t>(it - keys.begin())];
}

std::size_t Value::size() const {
    if (collection_) return collection_->items.size();
    if (kind_ == Kind::string) return text_.size();
    return 0;
}

Value Value::with_origin(Origin origin) const {
    Value v = *this;
    v.origin_ = origin;
    return v;
}

const std::vector<StringSegment>& Value::segments() const { return string_ ? string_->segments : no_segments; }
const std::vector<Placeholder>& Value::placeholders() const {
    return string_ ? string_->placeholders : no_placeholders;
}

Origin Value::locate(std::size_t offset) const {
    const auto& segs = segments();
    auto it = std::upper_bound(segs.begin(), segs.end(), offset,
                               [](std::size_t off, const StringSegment& s) { return off < s.offset; });
    if (it == segs.begin()) return origin_;
    const StringSegment& seg = *(it - 1);
    if (offset >= seg.offset + seg.length) return origin_;
    if (!seg.verbatim || seg.origin.range.begin.line == 0) return seg.origin;
    Pos p = advance_text(seg.origin.range.begin, std::string_view(text_).substr(seg.offset, offset - seg.offset));
    return Origin{seg.origin.file, Range{p, p}};
}

const Value* Value::encoded() const { return string_ ? string_->encoded.get() : nullptr; }

Value Value::with_encoded(Value source) const {
    Value v = *this;
    auto extra = string_ ? std::make_shared<StringExtra>(*string_) : std::make_shared<StringExtra>();
    extra->encoded = std::make_shared<const Value>(std::move(source));
    v.string_ = std::move(extra);
    return v;
}

const std::string& Value::reason() const { return unknown_ ? unknown_->reason : no_text; }
const std::string& Value::reference() const { return unknown_ ? unknown_->reference : no_text; }
const std::vector<Value>& Value::alternatives() const { return unknown_ ? unknown_->alternatives : no_values; }

Value Value::with_reference(std::string reference) const {
    if (!unknown_) return *this;
    Value v = *this;
    auto info = std::make_shared<UnknownInfo>(*unknown_);
    info->reference = std::move(reference);
    v.unknown_ = std::move(info);
    return v;
}

unsigned Value::depth() const { return collection_ ? collection_->depth : 1; }
std::size_t Value::weight() const { return collection_ ? collection_->weight : 1; }
bool Value::contains_unknown() const {
    if (kind_ == Kind::unknown) return true;
    return collection_ && collection_->has_unknown;
}

bool values_equal(const Value& a, const Value& b, bool& known) {
    if (!a.is_known() || !b.is_known()) {
        known = false;
        return false;
    }
    if (a.kind() != b.kind()) {
        // A collection holding unknowns may still differ in kind for sure: that is a known false.
        return false;
    }
    switch (a.kind()) {
        case Value::Kind::null: return true;
        case Value::Kind::boolean: return a.as_bool() == b.as_bool();
        case Value::Kind::number: return a.as_number() == b.as_number();
        case Value::Kind::string:
            if (a.has_placeholders() || b.has_placeholders()) {
                if (a.as_string() == b.as_string()) return true;
                known = false;
                return false;
            }
            return a.as_string() == b.as_string();
        case Value::Kind::tuple:
        case Value::Kind::object: {
            if (a.size() != b.size() || a.keys() != b.keys()) return false;
            bool all_known = true;
            for (std::size_t i = 0; i < a.size(); ++i) {
                bool k = true;
                bool eq = values_equal(a.elements()[i], b.elements()[i], k);
                if (k && !eq) return false;
                all_known = all_known && k;
            }
            if (!all_known) known = false;
            return all_known;
        }
        case Value::Kind::unknown: break;
    }
    return false;
}

}  // namespace ddbguard::hcl
