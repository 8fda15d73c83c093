#pragma once
// Condition operators (IAM User Guide, "IAM JSON policy elements: Condition
// operators"): classification of an operator name and the typed comparisons.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ddbguard::eval {

enum class Family : std::uint8_t { string, string_ignore_case, string_like, numeric, date, boolean, binary, ip, arn, null, unknown };
enum class Cmp : std::uint8_t { eq, lt, le, gt, ge };
enum class Qualifier : std::uint8_t { none, for_all_values, for_any_value };

struct OperatorInfo {
    Family family = Family::unknown;
    Cmp cmp = Cmp::eq;
    bool negated = false;     // the *Not* operators: true when no listed value matches
    bool if_exists = false;
    Qualifier qualifier = Qualifier::none;
    std::string_view base;    // operator name without qualifier and IfExists
};

// Exact-case parse; family == unknown when the name is not an IAM operator.
OperatorInfo classify_operator(std::string_view name);

// True for operators whose values may hold policy variables (String*, Arn*).
inline bool takes_variables(Family f) {
    return f == Family::string || f == Family::string_ignore_case || f == Family::string_like || f == Family::arn;
}

std::optional<double> parse_number(std::string_view text) noexcept;
// Milliseconds since the epoch. ISO 8601 (date, date-time with optional fraction and
// zone) or integer/decimal epoch seconds.
std::optional<std::int64_t> parse_date(std::string_view text) noexcept;
std::optional<bool> parse_bool(std::string_view text) noexcept;

struct IpNet {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};
    unsigned prefix = 0;  // bits
};
// "a.b.c.d", "a.b.c.d/n", IPv6 with "::" and embedded IPv4, "/n".
std::optional<IpNet> parse_ip(std::string_view text) noexcept;
// `address` inside `net` (families must agree).
bool ip_in(const IpNet& net, const IpNet& address) noexcept;

template <class T>
bool compare(Cmp cmp, const T& request, const T& policy) {
    switch (cmp) {
        case Cmp::eq: return request == policy;
        case Cmp::lt: return request < policy;
        case Cmp::le: return request <= policy;
        case Cmp::gt: return request > policy;
        case Cmp::ge: return request >= policy;
    }
    return false;
}

}  // namespace ddbguard::eval
