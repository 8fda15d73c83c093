// Lookups over the compiled-in catalog (catalog_data.cpp, global_keys.cpp).
// Every table is sorted by lower-case name, so exact lookups are binary
// searches with a case-insensitive comparison; nothing is built at start-up.
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog_data.hpp"
#include "util/glob.hpp"
#include "util/memo.hpp"
#include "util/text.hpp"
#include "ddbguard/catalog.hpp"

namespace ddbguard::catalog {
namespace {

using util::ci_compare;
using util::lower;

// Binary search of `key` in a table sorted by lower-case name.
template <class T, class Proj>
const T* ci_find(std::span<const T> table, std::string_view key, Proj name_of) {
    auto it = std::lower_bound(table.begin(), table.end(), key, [&](const T& item, std::string_view k) {
        return ci_compare(name_of(item), k) < 0;
    });
    if (it == table.end() || !util::iequals(name_of(*it), key)) return nullptr;
    return &*it;
}

// Exact, case-insensitive look-ups of names in a table, hashed: linting asks whether an action
// exists for every Action entry of every policy (tens of thousands for AWS's managed
// policies), and a binary search over 22,000 names that share long prefixes ("ec2:Describe")
// compares too many characters. The open-addressing slot tables are generated with the data
// (gen_catalog.py's slot_table, the same hash), so nothing is built at start: building the
// action index took about 9 M instructions, more than linting one policy.
//
// Eight bytes at a time, each OR 0x20, which makes upper- and lower-case letters alike (and a
// few other pairs, which the name comparison then tells apart): byte by byte, FNV-1a's chain
// of multiplies took about 100 cycles for a 25-character action name.
std::uint64_t ci_hash(std::string_view s) {
    constexpr std::uint64_t kCaseBits = 0x2020202020202020ull;
    auto word_at = [&](std::size_t at, std::size_t n) {  // n <= 8 bytes, little-endian
        std::uint64_t w = 0;
        if (std::endian::native == std::endian::little && n == 8) {
            std::memcpy(&w, s.data() + at, 8);  // one load
        } else {
            for (std::size_t i = 0; i < n; ++i) w |= std::uint64_t{static_cast<unsigned char>(s[at + i])} << (8 * i);
        }
        return w | kCaseBits;
    };
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
    auto mix = [&](std::uint64_t w) {
        h = (h ^ w) * 0x9FB21C651E98DF25ull;
        h ^= h >> 29;
    };
    std::size_t at = 0;
    for (; at + 8 <= s.size(); at += 8) mix(word_at(at, 8));
    if (at < s.size()) mix(word_at(at, s.size() - at));
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    return h;
}

template <class T, class Proj>
const T* slot_find(std::span<const T> table, std::span<const std::uint16_t> slots, Proj name_of,
                   std::string_view key) {
    const std::size_t mask = slots.size() - 1;  // a power of two
    for (std::size_t at = ci_hash(key) & mask; slots[at] != 0; at = (at + 1) & mask) {
        const T& item = table[slots[at] - 1];
        const std::string_view name = name_of(item);
        // Policies mostly spell names as the catalog does: memcmp first.
        if (name.size() == key.size() && (name == key || util::iequals(name, key))) return &item;
    }
    return nullptr;
}

std::string_view action_name(const data::Action& a) { return a.name; }
std::string_view service_name(const data::Service& s) { return s.prefix; }

const data::Action* find_action_entry(std::string_view name) {
    return slot_find(data::actions, data::action_slots, action_name, name);
}

const data::Service* find_service(std::string_view prefix) {
    return slot_find(data::services, data::service_slots, service_name, prefix);
}

std::span<const data::Action> actions_of_service(const data::Service& s) {
    return data::actions.subspan(s.first, s.count);
}

std::string_view action_part(std::string_view full) {
    const auto colon = full.find(':');
    return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

// The actions of `s` that can match the name pattern `rest`: those whose name starts with its
// literal prefix (up to the first wildcard), found by binary search, since a service's actions
// are sorted by lower-case name like the whole table. "ec2:Describe*" compares about 200 names
// instead of ec2's 700; a wildcard pattern's look-up took 10,000 instructions.
std::span<const data::Action> candidates(const data::Service& s, std::string_view rest) {
    const std::span<const data::Action> all = actions_of_service(s);
    std::size_t cut = 0;
    while (cut < rest.size() && rest[cut] != '*' && rest[cut] != '?') ++cut;
    const std::string_view literal = rest.substr(0, cut);
    if (literal.empty()) return all;
    const auto first = std::lower_bound(all.begin(), all.end(), literal, [](const data::Action& a, std::string_view k) {
        return ci_compare(action_part(a.name), k) < 0;
    });
    auto last = first;
    while (last != all.end() && util::istarts_with(action_part(last->name), literal)) ++last;
    return {first, last};
}

// IAM action wildcards: '*' any run (also empty), '?' exactly one character; case-insensitive.
bool glob_match(std::string_view pattern, std::string_view text) { return util::glob_match(pattern, text, true); }

// Condition-key template: every "${...}" stands for a non-empty run of characters.
bool template_match(std::string_view tpl, std::string_view key) {
    while (!tpl.empty()) {
        if (tpl.starts_with("${")) {
            const auto close = tpl.find('}');
            if (close == std::string_view::npos) return false;
            const std::string_view rest = tpl.substr(close + 1);
            for (std::size_t n = 1; n <= key.size(); ++n) {
                if (template_match(rest, key.substr(n))) return true;
            }
            return false;
        }
        if (key.empty() || lower(tpl.front()) != lower(key.front())) return false;
        tpl.remove_prefix(1);
        key.remove_prefix(1);
    }
    return key.empty();
}

// Characters of a template outside "${...}": the more, the more specific.
std::size_t literal_length(std::string_view tpl) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < tpl.size(); ++i) {
        if (tpl.compare(i, 2, "${") == 0) {
            const auto close = tpl.find('}', i);
            if (close == std::string_view::npos) break;
            i = close;
        } else {
            ++n;
        }
    }
    return n;
}

KeyInfo to_info(const data::Key& k) { return KeyInfo{k.name, k.type, k.multivalued}; }

std::optional<KeyInfo> find_global(std::string_view key) {
    if (const auto* k = ci_find(data::global_keys, key, [](const data::Key& e) { return e.name; })) {
        return to_info(*k);
    }
    // The templates ("aws:RequestTag/${TagKey}") among the global keys, found once.
    static const std::vector<const data::Key*> templates = [] {
        std::vector<const data::Key*> out;
        for (const auto& k : data::global_keys)
            if (k.name.find("${") != std::string_view::npos) out.push_back(&k);
        return out;
    }();
    const data::Key* best = nullptr;
    for (const data::Key* k : templates) {
        if (!template_match(k->name, key)) continue;
        if (best == nullptr || literal_length(k->name) > literal_length(best->name)) best = k;
    }
    if (best != nullptr) return to_info(*best);
    return std::nullopt;
}

// Letter-count buckets: a-z, 0-9, and everything else.
constexpr std::array<std::uint8_t, 256> kBuckets = [] {
    std::array<std::uint8_t, 256> out{};
    for (int c = 0; c < 256; ++c) {
        if (c >= 'a' && c <= 'z') out[c] = static_cast<std::uint8_t>(c - 'a');
        else if (c >= 'A' && c <= 'Z') out[c] = static_cast<std::uint8_t>(c - 'A');
        else if (c >= '0' && c <= '9') out[c] = static_cast<std::uint8_t>(26 + c - '0');
        else out[c] = 36;
    }
    return out;
}();
std::size_t bucket(char c) { return kBuckets[static_cast<unsigned char>(c)]; }

std::array<std::uint8_t, 37> letter_counts(std::string_view s) {
    std::array<std::uint8_t, 37> out{};
    for (char c : s)
        if (out[bucket(c)] < 255) ++out[bucket(c)];
    return out;
}

// Damerau-Levenshtein distance (adjacent transpositions count one), case-insensitive,
// capped: once every entry of a row exceeds `cap` the result is cap + 1.
std::size_t edit_distance(std::string_view a_in, std::string_view b_in,
                          std::size_t cap = static_cast<std::size_t>(-1) / 2) {
    const std::size_t diff = a_in.size() > b_in.size() ? a_in.size() - b_in.size() : b_in.size() - a_in.size();
    if (diff > cap) return cap + 1;
    // Lower-cased once, not four times per cell; the copies and rows are scratch space
    // reused across calls.
    thread_local std::string a, b;
    thread_local std::vector<std::size_t> rows;
    a.assign(a_in);
    b.assign(b_in);
    for (char& c : a) c = lower(c);
    for (char& c : b) c = lower(c);
    const std::size_t w = b.size() + 1;
    rows.resize(3 * w);
    std::size_t* prev2 = rows.data();
    std::size_t* prev = prev2 + w;
    std::size_t* cur = prev + w;
    for (std::size_t j = 0; j < w; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        std::size_t best = cur[0];
        const char ai = a[i - 1];
        for (std::size_t j = 1; j < w; ++j) {
            std::size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, prev2[j - 2] + 1);
            cur[j] = d;
            best = std::min(best, d);
        }
        // A transposition reaches back two rows, so stop only when both exceed the cap.
        if (best > cap && std::min(best, *std::min_element(prev, prev + w)) > cap) return cap + 1;
        std::size_t* old = prev2;
        prev2 = prev;
        prev = cur;
        cur = old;
    }
    return std::min(prev[b.size()], cap + 1);
}

// A lower bound of edit_distance from letter counts: each edit changes the counts by at
// most two (a transposition by none), so half the count difference is never more.
std::size_t count_bound(const std::array<std::uint8_t, 37>& x, std::string_view b) {
    std::array<int, 37> d;
    for (std::size_t i = 0; i < 37; ++i) d[i] = x[i];
    for (char c : b) --d[bucket(c)];
    std::size_t sum = 0;
    for (int v : d) sum += static_cast<std::size_t>(v < 0 ? -v : v);
    return (sum + 1) / 2;
}

// Largest distance still worth suggesting for a name of this length.
std::size_t suggestion_limit(std::size_t length) { return std::max<std::size_t>(2, (length + 2) / 3); }

// Linting asks the catalog the same questions again and again: AWS's managed policies repeat
// a few dozen condition keys and wildcard patterns ("ec2:Describe*") thousands of times. The
// catalog never changes, so its answers are remembered per thread (util::Memo).
using util::Memo;
using util::remembered;

}  // namespace

std::string_view to_string(AccessLevel level) {
    switch (level) {
        case AccessLevel::list: return "List";
        case AccessLevel::read: return "Read";
        case AccessLevel::write: return "Write";
        case AccessLevel::permissions: return "Permissions management";
        case AccessLevel::tagging: return "Tagging";
        case AccessLevel::unknown: break;
    }
    return "Unknown";
}

std::string_view to_string(KeyType type) {
    switch (type) {
        case KeyType::string: return "String";
        case KeyType::arn: return "ARN";
        case KeyType::numeric: return "Numeric";
        case KeyType::date: return "Date";
        case KeyType::boolean: return "Bool";
        case KeyType::ip: return "IPAddress";
        case KeyType::binary: return "Binary";
        case KeyType::unknown: break;
    }
    return "Unknown";
}

Source source() { return Source{data::source_package, data::source_version, data::source_date}; }

bool service_known(std::string_view service) { return find_service(service) != nullptr; }

bool action_exists(std::string_view service_colon_action) { return find_action_entry(service_colon_action) != nullptr; }

namespace {
bool any_action_matches_uncached(std::string_view pattern) {
    const auto colon = pattern.find(':');
    const std::string_view prefix = pattern.substr(0, colon);
    if (colon != std::string_view::npos && !util::has_wildcard(prefix)) {
        const auto* s = find_service(prefix);
        if (s == nullptr) return false;
        const std::string_view rest = pattern.substr(colon + 1);
        for (const auto& a : candidates(*s, rest))
            if (glob_match(rest, action_part(a.name))) return true;
        return false;
    }
    for (const auto& a : data::actions)
        if (glob_match(pattern, a.name)) return true;
    return false;
}
}  // namespace

bool any_action_matches(std::string_view pattern) {
    // A wildcard pattern compares a few hundred names; policies repeat the same patterns.
    thread_local Memo<bool> answers;
    return remembered(answers, pattern, [&] { return any_action_matches_uncached(pattern); });
}

std::optional<ActionInfo> find_action(std::string_view service_colon_action) {
    const auto* a = find_action_entry(service_colon_action);
    if (a == nullptr) return std::nullopt;
    ActionInfo info;
    const auto colon = a->name.view().find(':');
    info.service = a->name.view().substr(0, colon);
    info.name = a->name.view().substr(colon + 1);
    info.access = a->access;
    const auto& shape = data::shapes[a->shape];
    const auto refs = data::shape_refs.subspan(shape.first, std::size_t{shape.resources} + shape.keys);
    info.resource_types.reserve(shape.resources);
    info.condition_keys.reserve(shape.keys);
    for (std::size_t i = 0; i < refs.size(); ++i) {
        (i < shape.resources ? info.resource_types : info.condition_keys).push_back(data::names[refs[i]].view());
    }
    return info;
}

const std::vector<std::string>& actions_of(std::string_view service) {
    // DynamoDB's list is what the checks ask for most: built once, read without a lock.
    static const std::vector<std::string> dynamodb = [] {
        std::vector<std::string> out;
        if (const auto* s = find_service("dynamodb"))
            for (const auto& a : actions_of_service(*s)) out.emplace_back(a.name.view());
        return out;
    }();
    if (util::iequals(service, "dynamodb")) return dynamodb;
    static std::mutex mutex;
    static std::map<std::string, std::vector<std::string>, std::less<>> cache;
    const std::string key = util::to_lower(service);
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    std::vector<std::string> out;
    if (const auto* s = find_service(service)) {
        const auto list = actions_of_service(*s);
        out.reserve(list.size());
        for (const auto& a : list) out.emplace_back(a.name.view());
    }
    return cache.emplace(key, std::move(out)).first->second;
}

bool action_matches(std::string_view pattern, std::string_view action) { return glob_match(pattern, action); }

std::vector<std::string> match_actions(std::string_view pattern) {
    std::vector<std::string> out;
    const auto colon = pattern.find(':');
    const std::string_view prefix = pattern.substr(0, colon);
    if (colon != std::string_view::npos && !util::has_wildcard(prefix)) {
        // Literal service: only its slice needs matching.
        const auto* s = find_service(prefix);
        if (s == nullptr) return out;
        const std::string_view rest = pattern.substr(colon + 1);
        if (!util::has_wildcard(rest)) {
            // A literal name: one look-up instead of a scan.
            if (const auto* a = find_action_entry(pattern)) out.emplace_back(a->name);
            return out;
        }
        for (const auto& a : candidates(*s, rest)) {
            if (glob_match(rest, action_part(a.name))) out.emplace_back(a.name.view());
        }
        return out;
    }
    for (const auto& a : data::actions) {
        if (glob_match(pattern, a.name)) out.emplace_back(a.name.view());
    }
    return out;
}

namespace {
std::optional<KeyInfo> look_up_key(std::string_view key) {
    if (auto g = find_global(key)) return g;
    if (const auto* k = ci_find(data::keys, key, [](const data::Key& e) { return e.name; })) return to_info(*k);
    const data::Key* best = nullptr;
    for (const auto idx : data::key_templates) {
        const auto& k = data::keys[idx];
        if (!template_match(k.name, key)) continue;
        if (best == nullptr || literal_length(k.name) > literal_length(best->name)) best = &k;
    }
    if (best != nullptr) return to_info(*best);
    return std::nullopt;
}
}  // namespace

std::optional<KeyInfo> find_key(std::string_view key) {
    // Several checks ask about every condition key of every statement: a look-up (a binary
    // search over 5,000 names with case-insensitive compares, then the templates) cost about
    // 2,000 instructions, a remembered answer about 100.
    thread_local Memo<std::optional<KeyInfo>> answers;
    return remembered(answers, key, [&] { return look_up_key(key); });
}

namespace {
std::vector<std::string> closest_actions_uncached(std::string_view action, std::size_t n) {
    // Cheap bounds first (length, letter counts), the distance only for near candidates.
    std::vector<std::string> out;
    const auto colon = action.find(':');
    if (n == 0 || colon == std::string_view::npos) return out;
    const std::string_view prefix = action.substr(0, colon);
    const std::string_view name = action.substr(colon + 1);
    const std::size_t name_limit = suggestion_limit(name.size());

    // Candidate services with the distance of their prefix.
    std::vector<std::pair<std::size_t, const data::Service*>> services;
    if (const auto* s = find_service(prefix)) {
        services.emplace_back(0, s);
    } else {
        // A retired service's prefix recurs with many action names ("deepracer:..."): its
        // nearest services are found once.
        thread_local Memo<std::vector<std::pair<std::size_t, const data::Service*>>> nearest;
        services = remembered(nearest, prefix, [&] {
            std::vector<std::pair<std::size_t, const data::Service*>> found;
            const std::size_t limit = suggestion_limit(prefix.size());
            const std::array<std::uint8_t, 37> prefix_counts = letter_counts(prefix);
            for (const auto& s : data::services) {
                if (count_bound(prefix_counts, s.prefix) > limit) continue;
                const std::size_t d = edit_distance(prefix, s.prefix, limit);
                if (d <= limit) found.emplace_back(d, &s);
            }
            // Only the nearest services are worth searching for the action name.
            std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
                return x.first < y.first || (x.first == y.first && x.second < y.second);
            });
            if (found.size() > 3) found.resize(3);
            return found;
        });
    }

    struct Candidate {
        std::size_t distance;
        std::string_view name;
    };
    std::vector<Candidate> found;
    const std::array<std::uint8_t, 37> counts = letter_counts(name);
    for (const auto& [sd, s] : services) {
        for (const auto& a : actions_of_service(*s)) {
            const std::string_view other = action_part(a.name);
            const std::size_t diff = name.size() > other.size() ? name.size() - other.size() : other.size() - name.size();
            if (diff > name_limit || count_bound(counts, other) > name_limit) continue;
            const std::size_t d = edit_distance(name, other, name_limit);
            if (d <= name_limit) found.push_back({sd + d, a.name});
        }
    }
    std::sort(found.begin(), found.end(), [](const Candidate& x, const Candidate& y) {
        if (x.distance != y.distance) return x.distance < y.distance;
        return ci_compare(x.name, y.name) < 0;
    });
    for (std::size_t i = 0; i < found.size() && out.size() < n; ++i) out.emplace_back(found[i].name);
    return out;
}
}  // namespace

std::vector<std::string> closest_actions(std::string_view action, std::size_t n) {
    // An unknown name is compared with a service's actions or with every service's prefix
    // (about 180,000 instructions); retired services' actions recur across policies.
    thread_local Memo<std::vector<std::string>> answers;
    std::string question = std::to_string(n);
    (question += ' ') += action;
    return remembered(answers, question, [&] { return closest_actions_uncached(action, n); });
}

std::optional<std::string_view> dynamodb_resource_arn(std::string_view resource_type) {
    const auto* r = ci_find(data::dynamodb_arns, resource_type, [](const data::ResourceArn& e) { return e.type; });
    if (r == nullptr) return std::nullopt;
    return r->arn;
}

std::vector<std::string_view> dynamodb_resource_types() {
    std::vector<std::string_view> out;
    out.reserve(data::dynamodb_arns.size());
    for (const auto& r : data::dynamodb_arns) out.push_back(r.type);
    return out;
}

bool is_global_key(std::string_view key) {
    thread_local Memo<bool> answers;
    return remembered(answers, key, [&] { return find_global(key).has_value(); });
}

std::vector<KeyInfo> keys_with_prefix(std::string_view prefix) {
    std::vector<KeyInfo> out;
    auto has_prefix = [&](std::string_view name) {
        const auto colon = name.find(':');
        return colon != std::string_view::npos && util::iequals(name.substr(0, colon), prefix);
    };
    for (const auto& k : data::global_keys)
        if (has_prefix(k.name)) out.push_back(to_info(k));
    for (const auto& k : data::keys)
        if (has_prefix(k.name)) out.push_back(to_info(k));
    return out;
}

bool is_known_variable(std::string_view variable) {
    auto trim = [](std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
        return s;
    };
    std::string_view v = trim(variable);
    if (v.starts_with("${") && v.ends_with("}")) v = v.substr(2, v.size() - 3);
    // "${key, 'default'}": the key is what must be known.
    if (const auto comma = v.find(','); comma != std::string_view::npos) v = v.substr(0, comma);
    v = trim(v);
    if (v == "*" || v == "?" || v == "$") return true;
    if (v.empty()) return false;
    const auto key = find_key(v);
    return key.has_value() && !key->multivalued;
}

std::vector<std::string_view> authorizing_actions(std::string_view api) {
    std::vector<std::string_view> out;
    if (const auto* a = ci_find(data::api_aliases, api, [](const data::ApiAlias& e) { return e.api; })) {
        out.assign(a->actions.begin(), a->actions.end());
    }
    return out;
}

}  // namespace ddbguard::catalog
