#pragma once
// One way to spread independent work over threads: lint's stacks, input detection, file reads.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace ddbguard::util {

// Calls fn(i) once for every i below `count`, on up to `jobs` threads (the caller's one of
// them), in no fixed order. Calls for distinct indexes must be safe to run at the same time;
// a result that depends only on what fn(i) writes for each i is the same for any `jobs`.
template <class Fn>
void for_each_index(std::size_t count, unsigned jobs, Fn&& fn) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) fn(i);
    };
    const std::size_t threads = std::clamp<std::size_t>(jobs, 1, std::max<std::size_t>(1, std::min<std::size_t>(count, 64)));
    std::vector<std::jthread> helpers;
    helpers.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
    work();
}  // the helpers join here

}  // namespace ddbguard::util
