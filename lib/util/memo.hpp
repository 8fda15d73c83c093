#pragma once
// Answers remembered by the text asked about, per thread (no lock), for questions whose answer
// never changes: the catalog's look-ups, a statement's covered actions by its Action text.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ddbguard::util {

struct MemoHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class V>
using Memo = std::unordered_map<std::string, V, MemoHash, std::equal_to<>>;

// Entries a memo holds before it is emptied, so that memory stays bounded whatever the input.
constexpr std::size_t kMemoSize = 4096;

// The answer remembered for `question`, or compute() remembered now. The reference stays valid
// until the next call on the same memo.
template <class V, class Compute>
const V& remembered(Memo<V>& memo, std::string_view question, Compute compute) {
    if (auto it = memo.find(question); it != memo.end()) return it->second;
    if (memo.size() >= kMemoSize) memo.clear();
    return memo.emplace(std::string(question), compute()).first->second;
}

}  // namespace ddbguard::util
