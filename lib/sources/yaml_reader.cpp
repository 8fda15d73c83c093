// YAML to a located Node tree through yaml-cpp's event parser.
#include "sources/yaml_reader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <deque>
#include <map>
#include <memory>
#include <sstream>
#include <unordered_map>

#include "policy/json_reader.hpp"

namespace ddbguard::sources {

namespace {

// The CloudFormation short-form tags and the long-form key each stands for.
std::string intrinsic_key(std::string_view tag) {
    if (tag == "!Ref") return "Ref";
    if (tag == "!Condition") return "Condition";
    static constexpr std::string_view kFunctions[] = {"Base64", "Cidr",   "FindInMap", "GetAtt", "GetAZs",
                                                      "ImportValue", "Join", "Select", "Split", "Sub",
                                                      "Transform", "And", "Equals", "If", "Not", "Or",
                                                      "Length", "ToJsonString"};
    for (std::string_view f : kFunctions)
        if (tag.size() == f.size() + 1 && tag.substr(1) == f) return "Fn::" + std::string(f);
    return {};
}

bool is_decimal_number(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t digits = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    bool any = i > digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        const std::size_t frac = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        any = any || i > frac;
    }
    if (!any) return false;
    // "012" is octal in YAML 1.1 and a string elsewhere: not a plain decimal number.
    if (s.size() > digits + 1 && s[digits] == '0' && s[digits + 1] >= '0' && s[digits + 1] <= '9') return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        const std::size_t exp = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == exp) return false;
    }
    return i == s.size();
}

// Stops the parser from inside an event: `failed` when the depth or alias budget was exceeded
// (the finding is made), not when a second document begins (only the first one counts).
struct Abort {
    bool failed = true;
};

class TreeBuilder final : public YAML::EventHandler {
public:
    TreeBuilder(const policy::SourceMap& map, const std::string& path, const YamlOptions& options, Node& root,
                std::vector<Finding>& findings, std::size_t skipped)
        : map_(map), path_(path), options_(options), root_(root), findings_(findings), skipped_(skipped) {}

    void OnDocumentStart(const YAML::Mark&) override {
        if (documents_++ > 0) throw Abort{false};
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        Node* node = place(mark, "");
        node->kind = Node::Kind::null;
        node->text = "null";
        // An empty value has no position of its own (yaml-cpp marks the next token): use its key's.
        if (!stack_.empty() && stack_.back().map && !stack_.back().node->key_locs.empty()) {
            const JsonPointer pointer = node->loc.pointer;
            node->loc = stack_.back().node->key_locs.back();
            node->loc.pointer = pointer;
        }
        remember(anchor, *slot_of(node));
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (!options_.aliases && !alias_reported_) {
            alias_reported_ = true;
            report("invalid-template", mark,
                   "a YAML alias: " + options_.what +
                       "s may not use aliases or merge keys (CloudFormation User Guide, \"Template formats\"); "
                       "the stack does not deploy",
                   "write the value out in full where the alias stands");
        }
        Node* node = place(mark, "");
        Node* slot = slot_of(node);
        alias_mark_ = mark;
        const std::string pointer = slot->loc.pointer.str();
        const auto it = anchors_.find(anchor);
        if (it == anchors_.end()) {  // yaml-cpp reports unknown anchors itself; be safe
            slot->kind = Node::Kind::null;
            slot->text = "null";
            return;
        }
        copy_into(it->second, *slot, pointer);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        Frame* frame = stack_.empty() ? nullptr : &stack_.back();
        if (frame && frame->map && !frame->have_key && !frame->discard && !frame->skip_value) {
            // A member name.
            ++nodes_;
            frame->have_key = true;
            frame->key = value;
            frame->key_loc = locate(mark);
            frame->key_loc.pointer = frame->node->loc.pointer.str() + "/" + policy::pointer_token(value);
            return;
        }
        Node* node = place(mark, tag);
        node->text = value;
        if (tag == "?") {
            if (value == "true" || value == "True" || value == "TRUE") {
                node->kind = Node::Kind::boolean;
                node->text = "true";
            } else if (value == "false" || value == "False" || value == "FALSE") {
                node->kind = Node::Kind::boolean;
                node->text = "false";
            } else if (is_decimal_number(value)) {
                node->kind = Node::Kind::number;
            } else {
                node->kind = Node::Kind::string;
            }
        } else if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float") {
            node->kind = is_decimal_number(value) ? Node::Kind::number : Node::Kind::string;
        } else if (tag == "tag:yaml.org,2002:bool") {
            node->kind = Node::Kind::boolean;
        } else if (tag == "tag:yaml.org,2002:null") {
            node->kind = Node::Kind::null;
            node->text = "null";
        } else {
            node->kind = Node::Kind::string;
        }
        remember(anchor, *slot_of(node));
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, tag, anchor, false);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, tag, anchor, true);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame {
        Node* node = nullptr;  // the array or object being filled
        Node* slot = nullptr;  // what stands in the parent: `node`, or the intrinsic object wrapping it
        bool map = false;
        bool have_key = false;
        bool discard = false;      // read and thrown away (a complex key, or its value)
        bool complex_key = false;  // this collection is a member name
        bool skip_value = false;   // the next value belongs to a complex key: left out
        std::string key;
        Location key_loc;
        YAML::anchor_t anchor = 0;
        std::unordered_map<std::string, std::size_t> seen;
    };

    Location locate(const YAML::Mark& mark) const {
        Location loc;
        map_.locate(mark.pos < 0 ? 0 : static_cast<std::size_t>(mark.pos) + skipped_, loc);
        return loc;
    }

    void report(std::string id, const YAML::Mark& mark, std::string message, std::string fix,
                Severity severity = Severity::error, JsonPointer pointer = {}) {
        Finding f;
        f.check_id = std::move(id);
        f.severity = severity;
        f.message = std::move(message);
        f.fix = std::move(fix);
        f.path = path_;
        f.location = locate(mark);
        f.location.pointer = std::move(pointer);
        findings_.push_back(std::move(f));
    }

    // The node a value event fills: the root, the next array element, or the member of the
    // current key. A short-form tag wraps it in its intrinsic object.
    Node* place(const YAML::Mark& mark, const std::string& tag) {
        if (++nodes_ > budget()) {
            report("invalid-template", mark,
                   "the YAML aliases of this document expand to more than " + std::to_string(budget()) +
                       " values (a \"billion laughs\" document?); it was not read",
                   "write the values out instead of nesting aliases of aliases");
            throw Abort{};
        }
        Node* slot = nullptr;
        if (stack_.empty()) {
            slot = &root_;
            slot->loc = locate(mark);
        } else {
            Frame& frame = stack_.back();
            if (frame.discard) return discard();
            if (frame.map && frame.skip_value) {
                frame.skip_value = false;
                return discard();
            }
            Node& parent = *frame.node;
            JsonPointer pointer;
            if (frame.map) {
                if (!frame.have_key) {  // a collection as a member name: it and its value are left out
                    complex_key_ = true;
                    report("invalid-template", mark,
                           "a mapping or sequence used as a member name; " + options_.what +
                               "s use plain names as keys. The member was left out",
                           "use a plain string as the key", Severity::error, parent.loc.pointer);
                    return discard();
                }
                frame.have_key = false;
                auto [it, inserted] = frame.seen.emplace(frame.key, parent.keys.size());
                if (!inserted) {
                    const Location& first = parent.key_locs[it->second];
                    Finding f;
                    f.check_id = "duplicate-key";
                    f.severity = Severity::error;
                    f.message = "duplicate key \"" + frame.key + "\" (first at line " + std::to_string(first.line) +
                                ", column " + std::to_string(first.column) +
                                "): AWS keeps only one of them and a reader cannot know which";
                    f.fix = "merge the two \"" + frame.key + "\" members into one";
                    f.path = path_;
                    f.location = frame.key_loc;
                    f.related.push_back({path_, first, "first \"" + frame.key + "\""});
                    findings_.push_back(std::move(f));
                    it->second = parent.keys.size();
                }
                pointer = frame.key_loc.pointer;
                parent.keys.push_back(frame.key);
                parent.key_locs.push_back(frame.key_loc);
            } else {
                pointer = parent.loc.pointer.str() + "/" + std::to_string(parent.items.size());
            }
            parent.items.emplace_back();
            slot = &parent.items.back();
            slot->loc = locate(mark);
            slot->loc.pointer = std::move(pointer);
        }
        if (tag.size() > 1 && tag[0] == '!' && tag[1] != '!') {
            std::string key = intrinsic_key(tag);
            if (key.empty()) {
                report("invalid-template", mark,
                       "unknown tag " + tag + ": CloudFormation's short forms are !Ref, !Sub, !GetAtt, !Join, "
                       "!Select, !Split, !If, !Equals, !Not, !And, !Or, !FindInMap, !ImportValue, !GetAZs, "
                       "!Base64, !Cidr, !Condition and !Transform; the value was read without it",
                       "remove the tag or write the intrinsic function's name correctly", Severity::error,
                       slot->loc.pointer);
            } else {
                slot->kind = Node::Kind::object;
                Location key_loc = slot->loc;
                key_loc.pointer = key_loc.pointer.str() + "/" + policy::pointer_token(key);
                slot->keys.push_back(key);
                slot->key_locs.push_back(key_loc);
                slot->items.emplace_back();
                Node& inner = slot->items.back();
                inner.loc = key_loc;
                slot_for_[&inner] = slot;
                return &inner;
            }
        }
        return slot;
    }

    Node* discard() {
        discarded_.emplace_back();
        discarding_ = true;
        return &discarded_.back();
    }

    Node* slot_of(Node* node) {
        const auto it = slot_for_.find(node);
        if (it == slot_for_.end()) return node;
        Node* slot = it->second;
        slot_for_.erase(it);
        return slot;
    }

    void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, bool map) {
        if (stack_.size() + 1 > options_.max_depth) {
            report("nesting-too-deep", mark,
                   "YAML nesting deeper than " + std::to_string(options_.max_depth) + " levels; the " +
                       options_.what + " was not read",
                   "flatten the document, or raise the limit with --max-depth");
            throw Abort{};
        }
        discarding_ = complex_key_ = false;
        Node* node = place(mark, tag);
        Frame frame;
        frame.node = node;
        frame.slot = slot_of(node);
        frame.map = map;
        frame.anchor = anchor;
        frame.discard = discarding_;
        frame.complex_key = complex_key_;
        node->kind = map ? Node::Kind::object : Node::Kind::array;
        stack_.push_back(std::move(frame));
    }

    void close() {
        if (stack_.empty()) return;
        Frame frame = std::move(stack_.back());
        stack_.pop_back();
        if (frame.map && options_.aliases) merge_keys(*frame.node);
        if (!frame.discard) remember(frame.anchor, *frame.slot);
        // A complex key's mapping or sequence is over: its value comes next, also left out.
        if (frame.complex_key && !stack_.empty()) stack_.back().skip_value = true;
    }

    // YAML 1.1 merge keys ("<<: *defaults"), which the Serverless Framework's parser applies:
    // members of the merged mapping(s) that the mapping does not define itself.
    void merge_keys(Node& map) {
        const Node* merged = map.member("<<");
        if (!merged) return;
        Node with;
        with.kind = Node::Kind::object;
        with.loc = map.loc;
        std::vector<const Node*> sources;
        if (merged->kind == Node::Kind::object) sources.push_back(merged);
        if (merged->kind == Node::Kind::array)
            for (const Node& item : merged->items)
                if (item.kind == Node::Kind::object) sources.push_back(&item);
        for (std::size_t i = 0; i < map.keys.size(); ++i) {
            if (map.keys[i] == "<<") continue;
            with.keys.push_back(map.keys[i]);
            with.key_locs.push_back(map.key_locs[i]);
            with.items.push_back(std::move(map.items[i]));
        }
        for (const Node* source : sources)
            for (std::size_t i = 0; i < source->keys.size(); ++i) {
                if (with.member(source->keys[i])) continue;
                Location key_loc = source->key_locs[i];
                key_loc.pointer = map.loc.pointer.str() + "/" + policy::pointer_token(source->keys[i]);
                with.keys.push_back(source->keys[i]);
                with.key_locs.push_back(key_loc);
                with.items.emplace_back();
                copy_into(source->items[i], with.items.back(), key_loc.pointer.str());
            }
        map = std::move(with);
    }

    void remember(YAML::anchor_t anchor, const Node& node) {
        if (anchor == 0) return;
        anchors_[anchor] = node;
    }

    // Deep copy of `from` into `to`, its pointers rebased on `pointer`; counts against the budget.
    void copy_into(const Node& from, Node& to, const std::string& pointer) {
        copy_rebased(from, to, from.loc.pointer.str(), pointer);
    }

    void copy_rebased(const Node& from, Node& to, const std::string& old, const std::string& pointer) {
        if (++copies_ > 100000 + 4 * nodes_) {
            report("invalid-template", alias_mark_,
                   "the YAML aliases of this document expand to more than " + std::to_string(copies_ - 1) +
                       " copied values (a \"billion laughs\" document?); it was not read",
                   "write the values out instead of nesting aliases of aliases");
            throw Abort{};
        }
        auto rebase = [&](const std::string& p) {
            return p.compare(0, old.size(), old) == 0 ? pointer + p.substr(old.size()) : pointer;
        };
        to.kind = from.kind;
        to.text = from.text;
        to.loc = from.loc;
        to.loc.pointer = rebase(from.loc.pointer.str());
        to.keys = from.keys;
        to.key_locs = from.key_locs;
        for (Location& k : to.key_locs) k.pointer = rebase(k.pointer.str());
        to.items.resize(from.items.size());
        for (std::size_t i = 0; i < from.items.size(); ++i) copy_rebased(from.items[i], to.items[i], old, pointer);
    }

    std::size_t budget() const { return 4'000'000; }

    const policy::SourceMap& map_;
    const std::string& path_;
    const YamlOptions& options_;
    Node& root_;
    std::vector<Finding>& findings_;
    std::size_t skipped_;  // bytes yaml-cpp does not count in its positions (a UTF-8 byte order mark)
    std::vector<Frame> stack_;
    std::deque<Node> discarded_;
    std::unordered_map<const Node*, Node*> slot_for_;  // intrinsic inner value -> its wrapping object
    std::map<YAML::anchor_t, Node> anchors_;
    std::size_t nodes_ = 0, copies_ = 0;
    int documents_ = 0;
    YAML::Mark alias_mark_;
    bool discarding_ = false, complex_key_ = false;
    bool alias_reported_ = false;
};

// The offset of the first byte that is not well-formed UTF-8 (RFC 3629), or npos.
std::size_t invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2)) return i;
        unsigned long cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n; ++k) {
            const unsigned char d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n;
    }
    return std::string_view::npos;
}

}  // namespace

bool read_yaml(std::string_view bytes, const policy::SourceMap& map, const std::string& path,
               const YamlOptions& options, Node& root, std::vector<Finding>& findings) {
    auto invalid = [&](std::size_t offset, std::string message) {
        Finding f;
        f.check_id = "invalid-yaml";
        f.severity = Severity::error;
        f.message = std::move(message);
        f.fix = "fix the YAML syntax at this position";
        f.path = path;
        map.locate(offset, f.location);
        findings.push_back(std::move(f));
        return false;
    };
    if (auto nul = bytes.find('\0'); nul != std::string_view::npos)
        return invalid(nul, "not valid YAML: a NUL byte; is this a UTF-16 file? save it as UTF-8");
    if (auto bad = invalid_utf8(bytes); bad != std::string_view::npos)
        return invalid(bad, "not valid YAML: the bytes here are not UTF-8; save the file as UTF-8");
    std::istringstream in{std::string(bytes)};
    const std::size_t before = findings.size();
    // yaml-cpp counts positions after a UTF-8 byte order mark; the source map counts bytes.
    const std::size_t bom = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    TreeBuilder builder(map, path, options, root, findings, bom);
    try {
        YAML::Parser parser(in);
        parser.HandleNextDocument(builder);
    } catch (const Abort& abort) {
        if (abort.failed) {
            // Only the reason reading stopped counts; what the events before it showed is moot.
            if (findings.size() > before + 1) findings.erase(findings.begin() + static_cast<std::ptrdiff_t>(before), findings.end() - 1);
            return false;
        }
    } catch (const YAML::Exception& ex) {
        std::string what = ex.msg;
        if (dynamic_cast<const YAML::DeepRecursion*>(&ex)) what = "nesting too deep for the YAML parser";
        findings.resize(before);  // what the events before the error showed is moot
        return invalid(ex.mark.pos < 0 ? 0 : static_cast<std::size_t>(ex.mark.pos) + bom, "not valid YAML: " + what);
    } catch (const std::exception& ex) {
        return invalid(0, std::string("not valid YAML: ") + ex.what());
    }
    return true;
}

}  // namespace ddbguard::sources
