// jsonencode and jsondecode for Values, written as Terraform writes and reads JSON.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "sources/terraform/hcl/eval_impl.hpp"

namespace ddbguard::hcl::detail {

namespace {

const char* const hex = "0123456789abcdef";

// Go's encoding/json string escaping, which Terraform's jsonencode uses: besides quotes,
// backslashes and control characters it escapes <, > and & (and U+2028, U+2029) so the
// text is safe inside HTML. Placeholder spans are written as they are.
bool plain_json_byte(unsigned char c) {
    return c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != 0xE2;
}

void write_string(std::string_view s, const std::vector<Placeholder>& ph, std::string& out,
                  std::vector<Placeholder>& placeholders) {
    std::size_t next = 0;  // next placeholder
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        // A run of bytes written as they are, up to the next placeholder.
        const std::size_t stop = next < ph.size() ? std::min(ph[next].offset, s.size()) : s.size();
        std::size_t run = i;
        while (run < stop && plain_json_byte(static_cast<unsigned char>(s[run]))) ++run;
        if (run > i) {
            out.append(s, i, run - i);
            i = run;
            continue;
        }
        if (next < ph.size() && ph[next].offset == i) {
            Placeholder p = ph[next];
            p.offset = out.size();
            placeholders.push_back(p);
            out.append(s.substr(i, ph[next].length));
            i += ph[next].length;
            ++next;
            continue;
        }
        auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '<': out += "\\u003c"; break;
            case '>': out += "\\u003e"; break;
            case '&': out += "\\u0026"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                           (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
                    out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                    i += 3;
                    continue;
                } else {
                    out += static_cast<char>(c);
                }
        }
        ++i;
    }
    out += '"';
}

void write_key(const std::string& key, std::string& out) {
    static const std::vector<Placeholder> none_given;
    std::vector<Placeholder> none;
    write_string(key, none_given, out, none);
}

void write(const Value& v, std::string& out, std::vector<Placeholder>& placeholders, Engine& engine) {
    engine.charge(1 + (v.is_string() ? v.as_string().size() / 16 : 0));
    switch (v.kind()) {
        case Value::Kind::unknown: {
            std::string p = placeholder_for(v);
            out += '"';
            placeholders.push_back({out.size(), p.size(), v.reference(), v.reason()});
            out += p;
            out += '"';
            return;
        }
        case Value::Kind::null: out += "null"; return;
        case Value::Kind::boolean: out += v.as_bool() ? "true" : "false"; return;
        case Value::Kind::number:
            out += std::isfinite(v.as_number()) ? number_to_string(v.as_number()) : "null";
            return;
        case Value::Kind::string: write_string(v.as_string(), v.placeholders(), out, placeholders); return;
        case Value::Kind::tuple: {
            out += '[';
            bool first = true;
            for (const Value& e : v.elements()) {
                if (!first) out += ',';
                first = false;
                write(e, out, placeholders, engine);
            }
            out += ']';
            return;
        }
        case Value::Kind::object: {
            out += '{';
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i) out += ',';
                write_key(v.keys()[i], out);
                out += ':';
                write(v.elements()[i], out, placeholders, engine);
            }
            out += '}';
            return;
        }
    }
}

// Builds Values from nlohmann's SAX events with an explicit stack (no recursion).
class ValueBuilder final : public nlohmann::json_sax<nlohmann::json> {
public:
    ValueBuilder(Origin origin, unsigned max_depth, const std::vector<Placeholder>& placeholders)
        : origin_(origin), max_depth_(max_depth), placeholders_(placeholders) {}

    bool null() override { return add(Value::null(origin_)); }
    bool boolean(bool b) override { return add(Value::boolean(b, origin_)); }
    bool number_integer(number_integer_t n) override { return add(Value::number(double(n), origin_)); }
    bool number_unsigned(number_unsigned_t n) override { return add(Value::number(double(n), origin_)); }
    bool number_float(number_float_t n, const string_t&) override { return add(Value::number(n, origin_)); }
    bool string(string_t& s) override {
        std::vector<Placeholder> found = find_placeholders(s, placeholders_);
        return add(Value::string(std::move(s), origin_, {}, std::move(found)));
    }
    bool binary(binary_t&) override { return false; }
    bool start_object(std::size_t) override { return open(true); }
    bool start_array(std::size_t) override { return open(false); }
    bool key(string_t& k) override {
        frames_.back().pending_key = std::move(k);
        return true;
    }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
        error_ = ex.what();
        if (auto colon = error_.find(": "); colon != std::string::npos && error_.rfind("[json.", 0) == 0)
            error_ = error_.substr(colon + 2);
        return false;
    }

    std::optional<Value> result;
    std::string error_;
    bool too_deep = false;

private:
    struct Frame {
        bool object = false;
        std::vector<Value> items;
        std::vector<std::pair<std::string, Value>> members;
        std::string pending_key;
    };

    bool add(Value v) {
        if (frames_.empty()) {
            result = std::move(v);
            return true;
        }
        Frame& f = frames_.back();
        if (f.object) f.members.emplace_back(std::move(f.pending_key), std::move(v));
        else f.items.push_back(std::move(v));
        return true;
    }
    bool open(bool object) {
        if (frames_.size() + 1 > max_depth_) {
            too_deep = true;
            return false;
        }
        frames_.push_back(Frame{object, {}, {}, {}});
        return true;
    }
    bool close() {
        Frame f = std::move(frames_.back());
        frames_.pop_back();
        return add(f.object ? Value::object(std::move(f.members), origin_) : Value::tuple(std::move(f.items), origin_));
    }

    Origin origin_;
    unsigned max_depth_;
    const std::vector<Placeholder>& placeholders_;
    std::vector<Frame> frames_;
};

}  // namespace

std::string encode_json(const Value& v, std::vector<Placeholder>& placeholders, Engine& engine) {
    std::string out;
    write(v, out, placeholders, engine);
    return out;
}

Value decode_json(const Value& text, Origin origin, unsigned max_depth) {
    ValueBuilder builder(origin, max_depth, text.placeholders());
    const std::string& s = text.as_string();
    bool ok = false;
    try {
        ok = nlohmann::json::sax_parse(s.data(), s.data() + s.size(), &builder, nlohmann::json::input_format_t::json,
                                       true, false);
    } catch (const std::exception& ex) {
        builder.error_ = ex.what();
    }
    if (ok && builder.result) return *builder.result;
    if (builder.too_deep)
        return Value::error("jsondecode(): the JSON is nested deeper than " + std::to_string(max_depth) + " levels",
                            origin);
    if (text.has_placeholders())
        return Value::unknown("jsondecode() of text with unknown parts that is not valid JSON as it stands",
                              text.placeholders().front().reference, origin);
    return Value::error("jsondecode(): the text is not valid JSON: " + builder.error_, origin);
}

std::vector<Placeholder> find_placeholders(std::string_view text, const std::vector<Placeholder>& from) {
    std::vector<Placeholder> out;
    std::vector<std::string> seen;
    for (const Placeholder& p : from) {
        std::string needle = placeholder_text(p.reference);
        if (std::find(seen.begin(), seen.end(), needle) != seen.end()) continue;
        seen.push_back(needle);
        for (std::size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + needle.size()))
            out.push_back({at, needle.size(), p.reference, p.reason});
    }
    std::sort(out.begin(), out.end(), [](const Placeholder& a, const Placeholder& b) { return a.offset < b.offset; });
    return out;
}

}  // namespace ddbguard::hcl::detail
