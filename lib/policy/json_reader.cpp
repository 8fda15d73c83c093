#include "policy/json_reader.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "policy/pointer_trail.hpp"

namespace ddbguard::policy {

std::string pointer_token(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Builds the Node tree. nlohmann reports each token after it has been read; the
// handler keeps its own cursor just past the previous token, so the next token
// starts at the first byte that is not white space or a separator.
class TreeBuilder final : public nlohmann::json_sax<nlohmann::json> {
public:
    TreeBuilder(std::string_view text, const SourceMap& map, const std::string& path, unsigned max_depth,
                Node& root, std::vector<Finding>& findings)
        : text_(text), map_(map), path_(path), max_depth_(max_depth), root_(root), findings_(findings),
          trail_(std::make_shared<JsonPointer::Trail>()) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") cursor_ = 3;  // nlohmann skips a UTF-8 BOM too
        // About a value per 16 bytes of pretty-printed JSON, a member name per 64: grown once or not at all.
        trail_->steps.reserve(text_.size() / 16 + 1);
        trail_->names.reserve(text_.size() / 8 + 1);
    }

    bool null() override { return scalar(Node::Kind::null, "null", 4); }
    bool boolean(bool v) override { return scalar(Node::Kind::boolean, v ? "true" : "false", v ? 4 : 5); }
    bool number_integer(number_integer_t) override { return number(); }
    bool number_unsigned(number_unsigned_t) override { return number(); }
    bool number_float(number_float_t, const string_t&) override { return number(); }
    bool string(string_t& value) override {
        std::size_t start = token_start();
        cursor_ = string_end(start);
        add(Node::Kind::string, start).first->text = std::move(value);
        return true;
    }
    bool binary(binary_t&) override { return true; }  // not produced by the JSON format

    bool start_object(std::size_t) override { return open(Node::Kind::object); }
    bool start_array(std::size_t) override { return open(Node::Kind::array); }
    bool end_object() override { return close('}'); }
    bool end_array() override { return close(']'); }

    bool key(string_t& key) override {
        std::size_t start = token_start();
        cursor_ = string_end(start);
        Frame& frame = stack_.back();
        Location loc;
        map_.locate(start, loc);
        frame.member_step = trail_->member(frame.step, key);
        loc.pointer = JsonPointer(trail_, frame.member_step);
        const std::size_t previous = frame.find(key);
        if (previous != std::string::npos) {
            const Location& first = frame.node->key_locs[previous];
            Finding f;
            f.check_id = "duplicate-key";
            f.severity = Severity::error;
            f.message = "duplicate key \"" + key + "\" (first at line " + std::to_string(first.line) +
                        ", column " + std::to_string(first.column) +
                        "): AWS keeps only one of them and a reader cannot know which";
            f.fix = "merge the two \"" + key + "\" members into one";
            f.path = path_;
            f.location = loc;
            f.related.push_back({path_, first, "first \"" + key + "\""});
            findings_.push_back(std::move(f));
        }
        frame.remember(key, frame.node->keys.size());
        frame.node->keys.push_back(std::move(key));
        frame.node->key_locs.push_back(std::move(loc));
        return true;
    }

    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception& ex) override {
        // `position` counts the bytes read, through the offending token. That token starts
        // at the first byte after the last good token that is neither white space nor a
        // separator which was itself accepted (a separator is the culprit only when it is
        // the last byte read, as in "[,]").
        std::string what = ex.what();
        std::size_t offset = cursor_;
        while (offset < text_.size() && offset + 1 < position) {
            char c = text_[offset];
            if (is_space(c) || c == ',' || c == ':') ++offset;
            else break;
        }
        // Inside a string (bad escape, control character, ill-formed UTF-8) the culprit is the last byte read.
        if (last_token.find("<U+") != std::string::npos || what.find("invalid string") != std::string::npos)
            offset = position == 0 ? 0 : position - 1;
        if (offset > text_.size()) offset = text_.size();
        // Drop nlohmann's "[json.exception...] parse error at line L, column C: " prefix;
        // the finding carries our own position.
        if (auto colon = what.find(": "); colon != std::string::npos && what.rfind("[json.", 0) == 0)
            what = what.substr(colon + 2);
        else if (auto bracket = what.find("] "); bracket != std::string::npos && what.rfind("[json.", 0) == 0)
            what = what.substr(bracket + 2);
        // The message quotes the input; keep the finding valid UTF-8 whatever the input was.
        std::string printable;
        for (unsigned char c : what) {
            if (c < 0x80) printable += static_cast<char>(c);
            else printable += "\\x" + std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 15];
        }
        what = printable;
        Finding f;
        f.check_id = "invalid-json";
        f.severity = Severity::error;
        f.message = "not valid JSON: " + what;
        f.fix = "fix the JSON syntax at this position (a policy is one JSON object)";
        f.path = path_;
        map_.locate(offset, f.location);
        findings_.push_back(std::move(f));
        return false;
    }

    bool aborted_for_depth() const { return depth_exceeded_; }
    // White-space bytes outside strings, through the end of the text (after a complete parse).
    std::size_t space_between_tokens() {
        for (; cursor_ < text_.size(); ++cursor_) space_ += is_space(text_[cursor_]);
        return space_;
    }

private:
    struct Frame {
        Node* node;
        std::uint32_t step;         // the node's step in the trail
        std::uint32_t member_step;  // an object's latest member's step
        // Member name -> index of its latest copy, built only for large objects: a small one
        // is searched in place, without an allocation per member.
        std::unordered_map<std::string, std::size_t> seen;
        static constexpr std::size_t kIndexFrom = 32;

        std::size_t find(const std::string& key) const {
            if (node->keys.size() < kIndexFrom) {
                for (std::size_t i = node->keys.size(); i-- > 0;)
                    if (node->keys[i] == key) return i;
                return std::string::npos;
            }
            const auto it = seen.find(key);
            return it == seen.end() ? std::string::npos : it->second;
        }
        void remember(const std::string& key, std::size_t index) {
            if (index + 1 < kIndexFrom) return;
            if (index + 1 == kIndexFrom)
                for (std::size_t i = 0; i < index; ++i) seen[node->keys[i]] = i;
            seen[key] = index;
        }
    };

    std::size_t token_start() {
        while (cursor_ < text_.size()) {
            const char c = text_[cursor_];
            if (is_space(c)) ++space_;
            else if (c != ',' && c != ':') break;
            ++cursor_;
        }
        return cursor_;
    }
    // Just past the closing quote of the string token at `start`, which nlohmann has read
    // (so its escapes are well formed): the first quote after an even run of backslashes.
    std::size_t string_end(std::size_t start) const {
        std::size_t from = start + 1;
        while (from < text_.size()) {
            const void* found = std::memchr(text_.data() + from, '"', text_.size() - from);
            if (!found) break;
            const std::size_t quote = static_cast<std::size_t>(static_cast<const char*>(found) - text_.data());
            std::size_t backslashes = 0;
            while (text_[quote - 1 - backslashes] == '\\') ++backslashes;  // stops at the opening quote
            if (backslashes % 2 == 0) return quote + 1;
            from = quote + 1;
        }
        return text_.size();
    }

    // The new node and its step in the trail.
    std::pair<Node*, std::uint32_t> add(Node::Kind kind, std::size_t start) {
        Node* target;
        std::uint32_t step = 0;
        if (stack_.empty()) {
            target = &root_;
        } else {
            Frame& frame = stack_.back();
            Node* parent = frame.node;
            step = parent->kind == Node::Kind::array ? trail_->element(frame.step, parent->items.size())
                                                     : frame.member_step;
            parent->items.emplace_back();
            target = &parent->items.back();
        }
        target->kind = kind;
        map_.locate(start, target->loc);
        target->loc.pointer = JsonPointer(trail_, step);
        return {target, step};
    }

    bool scalar(Node::Kind kind, const char* text, std::size_t length) {
        std::size_t start = token_start();
        cursor_ = start + length;
        add(kind, start).first->text = text;
        return true;
    }
    bool number() {
        std::size_t start = token_start();
        std::size_t end = start;
        while (end < text_.size() && std::string_view("+-0123456789.eE").find(text_[end]) != std::string_view::npos)
            ++end;
        cursor_ = end;
        add(Node::Kind::number, start).first->text = std::string(text_.substr(start, end - start));
        return true;
    }
    bool open(Node::Kind kind) {
        std::size_t start = token_start();
        cursor_ = start + 1;
        if (stack_.size() + 1 > max_depth_) {
            Finding f;
            f.check_id = "nesting-too-deep";
            f.severity = Severity::error;
            f.message = "JSON nesting deeper than " + std::to_string(max_depth_) +
                        " levels; no IAM policy needs more than a handful";
            f.fix = "flatten the document, or raise the limit with --max-depth if it is really a policy";
            f.path = path_;
            map_.locate(start, f.location);
            if (!stack_.empty()) f.location.pointer = stack_.back().node->loc.pointer;
            findings_.push_back(std::move(f));
            depth_exceeded_ = true;
            return false;
        }
        auto [added, step] = add(kind, start);
        Node& node = *added;
        // Most objects and arrays are small: one allocation each instead of growing 1, 2, 4.
        node.items.reserve(4);
        if (kind == Node::Kind::object) {
            node.keys.reserve(4);
            node.key_locs.reserve(4);
        }
        stack_.push_back({&node, step, 0, {}});
        return true;
    }
    bool close(char bracket) {
        for (; cursor_ < text_.size() && text_[cursor_] != bracket; ++cursor_) space_ += is_space(text_[cursor_]);
        ++cursor_;
        stack_.pop_back();
        return true;
    }

    std::string_view text_;
    const SourceMap& map_;
    const std::string& path_;
    unsigned max_depth_;
    Node& root_;
    std::vector<Finding>& findings_;
    std::shared_ptr<JsonPointer::Trail> trail_;
    std::vector<Frame> stack_;
    std::size_t cursor_ = 0;
    std::size_t space_ = 0;
    bool depth_exceeded_ = false;
};

}  // namespace

bool read_json(std::string_view bytes, const SourceMap& map, const std::string& path, unsigned max_depth, Node& root,
               std::vector<Finding>& findings, std::size_t* space) {
    // nlohmann's lexer takes a NUL byte for the end of input and would ignore what follows;
    // JSON allows no raw NUL anywhere, so it is an error wherever it stands.
    if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
        Finding f;
        f.check_id = "invalid-json";
        f.severity = Severity::error;
        f.message = "not valid JSON: the file is UTF-16 (it starts with a UTF-16 byte order mark)";
        f.fix = "save the file as UTF-8";
        f.path = path;
        f.location = {1, 1, ""};
        findings.push_back(std::move(f));
        return false;
    }
    if (auto nul = bytes.find('\0'); nul != std::string_view::npos) {
        Finding f;
        f.check_id = "invalid-json";
        f.severity = Severity::error;
        f.message = "not valid JSON: a NUL byte (\\u0000 must be escaped inside strings and is not allowed elsewhere)";
        f.fix = "remove the NUL byte; is this a UTF-16 file? save it as UTF-8";
        f.path = path;
        map.locate(nul, f.location);
        findings.push_back(std::move(f));
        return false;
    }
    TreeBuilder builder(bytes, map, path, max_depth, root, findings);
    bool ok = false;
    try {
        ok = nlohmann::json::sax_parse(bytes.data(), bytes.data() + bytes.size(), &builder,
                                       nlohmann::json::input_format_t::json, /*strict=*/true,
                                       /*ignore_comments=*/false);
    } catch (const std::exception& ex) {  // nlohmann should report through parse_error; be safe anyway
        Finding f;
        f.check_id = "invalid-json";
        f.severity = Severity::error;
        f.message = std::string("not valid JSON: ") + ex.what();
        f.path = path;
        f.location.line = 1;
        f.location.column = 1;
        findings.push_back(std::move(f));
        ok = false;
    }
    if (ok && space) *space = builder.space_between_tokens();
    return ok;
}

}  // namespace ddbguard::policy
