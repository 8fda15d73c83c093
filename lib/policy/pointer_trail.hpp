#pragma once
// The parent links behind the JSON reader's lazy pointers (JsonPointer): a step for
// every array element and object member, spelled out only when a pointer is asked for.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/location.hpp"

namespace ddbguard {

struct JsonPointer::Trail {
    // An array element's step has length kIndex and its index as token; a member's step
    // has the offset and length of its escaped name in `names`. Step 0 is the root.
    static constexpr std::uint32_t kIndex = 0xFFFFFFFFu;
    struct Step {
        std::uint32_t parent;
        std::uint32_t token;
        std::uint32_t length;
    };
    std::vector<Step> steps{Step{0, 0, 0}};
    std::string names;

    std::uint32_t element(std::uint32_t parent, std::size_t index) {
        steps.push_back({parent, static_cast<std::uint32_t>(index), kIndex});
        return static_cast<std::uint32_t>(steps.size() - 1);
    }
    std::uint32_t member(std::uint32_t parent, std::string_view name);  // escapes ~ and /
    // A step spelled as `path` after its parent's pointer: a pointer already escaped ("/a/b~1c").
    std::uint32_t path(std::uint32_t parent, std::string_view path);
    void spell(std::uint32_t step, std::string& out) const;             // appends the pointer of `step`
};

}  // namespace ddbguard
