#pragma once
// Source positions. Error model of the whole library: no function declared in
// include/ddbguard throws for bad input; problems come back as findings.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ddbguard {

// An RFC 6901 JSON pointer ("" for the document root). It is either spelled out, or a
// step in a trail of parent links that a located tree shares (the JSON reader's), spelled
// out only when asked: a tree of many values does not pay a string for each one. A prefix
// may stand before the trail (a policy embedded in a template has its pointers under the
// template's). Copies share the trail, so a pointer stays valid after its tree is gone.
class JsonPointer {
public:
    struct Trail;  // parent links and member names; defined by the library

    JsonPointer() = default;
    JsonPointer(std::string text) : text_(std::move(text)) {}  // NOLINT: implicit, a spelled-out pointer
    JsonPointer(const char* text) : text_(text) {}              // NOLINT
    JsonPointer(std::shared_ptr<const Trail> trail, std::uint32_t step) : trail_(std::move(trail)), step_(step) {}

    std::string str() const;  // the pointer, spelled out
    bool empty() const { return text_.empty() && (!trail_ || step_ == 0); }  // step 0 is a trail's root
    // The same pointer under `prefix` (the pointer of the place the tree was embedded at).
    JsonPointer under(const std::string& prefix) const;

    friend bool operator==(const JsonPointer& a, const JsonPointer& b);
    friend bool operator==(const JsonPointer& a, std::string_view b) { return a.str() == b; }
    friend bool operator==(const JsonPointer& a, const std::string& b) { return a.str() == b; }
    friend bool operator==(const JsonPointer& a, const char* b) { return a.str() == b; }

private:
    std::string text_;  // the whole pointer, or the prefix before the trail's part
    std::shared_ptr<const Trail> trail_;
    std::uint32_t step_ = 0;
};

// 1-based line and column; the column counts Unicode code points (a tab is one),
// so an editor that shows characters lands on the token. `pointer` is the JSON
// pointer of the value. line == 0: no position.
struct Location {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    JsonPointer pointer;
};

}  // namespace ddbguard
