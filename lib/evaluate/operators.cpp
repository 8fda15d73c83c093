#include "evaluate/operators.hpp"

#include <charconv>
#include <cmath>
#include <string>

#include "util/text.hpp"

namespace ddbguard::eval {

namespace {

struct BaseOp {
    std::string_view name;
    Family family;
    Cmp cmp;
    bool negated;
};

constexpr BaseOp kOperators[] = {
    {"StringEquals", Family::string, Cmp::eq, false},
    {"StringNotEquals", Family::string, Cmp::eq, true},
    {"StringEqualsIgnoreCase", Family::string_ignore_case, Cmp::eq, false},
    {"StringNotEqualsIgnoreCase", Family::string_ignore_case, Cmp::eq, true},
    {"StringLike", Family::string_like, Cmp::eq, false},
    {"StringNotLike", Family::string_like, Cmp::eq, true},
    {"NumericEquals", Family::numeric, Cmp::eq, false},
    {"NumericNotEquals", Family::numeric, Cmp::eq, true},
    {"NumericLessThan", Family::numeric, Cmp::lt, false},
    {"NumericLessThanEquals", Family::numeric, Cmp::le, false},
    {"NumericGreaterThan", Family::numeric, Cmp::gt, false},
    {"NumericGreaterThanEquals", Family::numeric, Cmp::ge, false},
    {"DateEquals", Family::date, Cmp::eq, false},
    {"DateNotEquals", Family::date, Cmp::eq, true},
    {"DateLessThan", Family::date, Cmp::lt, false},
    {"DateLessThanEquals", Family::date, Cmp::le, false},
    {"DateGreaterThan", Family::date, Cmp::gt, false},
    {"DateGreaterThanEquals", Family::date, Cmp::ge, false},
    {"Bool", Family::boolean, Cmp::eq, false},
    {"BinaryEquals", Family::binary, Cmp::eq, false},
    {"IpAddress", Family::ip, Cmp::eq, false},
    {"NotIpAddress", Family::ip, Cmp::eq, true},
    {"ArnEquals", Family::arn, Cmp::eq, false},
    {"ArnLike", Family::arn, Cmp::eq, false},
    {"ArnNotEquals", Family::arn, Cmp::eq, true},
    {"ArnNotLike", Family::arn, Cmp::eq, true},
    {"Null", Family::null, Cmp::eq, false},
};

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

// Howard Hinnant's days_from_civil.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

OperatorInfo classify_operator(std::string_view name) {
    OperatorInfo info;
    std::string_view rest = name;
    if (rest.starts_with("ForAllValues:")) {
        info.qualifier = Qualifier::for_all_values;
        rest.remove_prefix(13);
    } else if (rest.starts_with("ForAnyValue:")) {
        info.qualifier = Qualifier::for_any_value;
        rest.remove_prefix(12);
    }
    if (rest.ends_with("IfExists")) {
        info.if_exists = true;
        rest.remove_suffix(8);
    }
    for (const auto& op : kOperators) {
        if (op.name == rest) {
            if (op.family == Family::null && (info.if_exists || info.qualifier != Qualifier::none)) break;
            info.family = op.family;
            info.cmp = op.cmp;
            info.negated = op.negated;
            info.base = op.name;
            return info;
        }
    }
    info.family = Family::unknown;
    info.base = rest;
    return info;
}

std::optional<double> parse_number(std::string_view text) noexcept {
    if (text.empty()) return std::nullopt;
    if (text.front() == '+') text.remove_prefix(1);
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<std::int64_t> parse_date(std::string_view s) noexcept {
    if (s.empty()) return std::nullopt;
    // Epoch seconds (optionally negative, optionally with a fraction).
    {
        std::string_view digits = s;
        if (digits.front() == '-') digits.remove_prefix(1);
        const std::size_t dot = digits.find('.');
        if (all_digits(digits.substr(0, dot)) && (dot == std::string_view::npos || all_digits(digits.substr(dot + 1)))) {
            const auto seconds = parse_number(s);
            if (!seconds) return std::nullopt;
            return static_cast<std::int64_t>(std::llround(*seconds * 1000.0));
        }
    }
    // ISO 8601: YYYY-MM-DD[THH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM|+HHMM]]
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (!all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2))) return std::nullopt;
    const int year = to_int(s.substr(0, 4));
    const int month = to_int(s.substr(5, 2));
    const int day = to_int(s.substr(8, 2));
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    std::int64_t ms = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400000LL;
    std::string_view rest = s.substr(10);
    if (rest.empty()) return ms;
    if (rest.front() != 'T' && rest.front() != 't') return std::nullopt;
    rest.remove_prefix(1);
    if (rest.size() < 5 || rest[2] != ':' || !all_digits(rest.substr(0, 2)) || !all_digits(rest.substr(3, 2)))
        return std::nullopt;
    const int hour = to_int(rest.substr(0, 2)), minute = to_int(rest.substr(3, 2));
    if (hour > 24 || minute > 59) return std::nullopt;
    ms += (hour * 3600LL + minute * 60LL) * 1000LL;
    rest.remove_prefix(5);
    if (!rest.empty() && rest.front() == ':') {
        if (rest.size() < 3 || !all_digits(rest.substr(1, 2))) return std::nullopt;
        const int second = to_int(rest.substr(1, 2));
        if (second > 60) return std::nullopt;
        ms += second * 1000LL;
        rest.remove_prefix(3);
        if (!rest.empty() && (rest.front() == '.' || rest.front() == ',')) {
            rest.remove_prefix(1);
            std::size_t n = 0;
            int frac = 0, scale = 100;
            while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') {
                frac += (rest[n] - '0') * scale;
                scale /= 10;
                ++n;
            }
            if (n == 0) return std::nullopt;
            ms += frac;
            rest.remove_prefix(n);
        }
    }
    if (rest.empty() || rest == "Z" || rest == "z") return ms;
    if (rest.front() == '+' || rest.front() == '-') {
        const int sign = rest.front() == '+' ? 1 : -1;
        rest.remove_prefix(1);
        std::string_view hh, mm;
        if (rest.size() == 5 && rest[2] == ':') { hh = rest.substr(0, 2); mm = rest.substr(3, 2); }
        else if (rest.size() == 4) { hh = rest.substr(0, 2); mm = rest.substr(2, 2); }
        else if (rest.size() == 2) { hh = rest; mm = "00"; }
        else return std::nullopt;
        if (!all_digits(hh) || !all_digits(mm)) return std::nullopt;
        ms -= sign * (to_int(hh) * 3600LL + to_int(mm) * 60LL) * 1000LL;
        return ms;
    }
    return std::nullopt;
}

std::optional<bool> parse_bool(std::string_view text) noexcept {
    if (util::iequals(text, "true")) return true;
    if (util::iequals(text, "false")) return false;
    return std::nullopt;
}

namespace {

bool parse_v4(std::string_view s, std::uint8_t* out) {
    for (int i = 0; i < 4; ++i) {
        const std::size_t dot = i < 3 ? s.find('.') : s.size();
        if (dot == std::string_view::npos) return false;
        const std::string_view part = s.substr(0, dot);
        if (part.empty() || part.size() > 3 || !all_digits(part)) return false;
        const int v = to_int(part);
        if (v > 255) return false;
        out[i] = static_cast<std::uint8_t>(v);
        s = i < 3 ? s.substr(dot + 1) : std::string_view{};
    }
    return true;
}

bool parse_v6(std::string_view s, std::uint8_t* out) {
    std::uint16_t groups[8] = {};
    int count = 0, gap = -1;
    std::size_t i = 0;
    if (s.starts_with("::")) {
        gap = 0;
        i = 2;
        if (s.size() == 2) {
            std::fill(out, out + 16, 0);
            return true;
        }
    } else if (s.starts_with(":")) {
        return false;
    }
    while (i < s.size()) {
        if (count >= 8) return false;
        // Embedded IPv4 in the last 32 bits.
        const std::size_t next_colon = s.find(':', i);
        const std::string_view token = s.substr(i, next_colon == std::string_view::npos ? std::string_view::npos : next_colon - i);
        if (next_colon == std::string_view::npos && token.find('.') != std::string_view::npos) {
            if (count > 6) return false;
            std::uint8_t v4[4];
            if (!parse_v4(token, v4)) return false;
            groups[count++] = static_cast<std::uint16_t>(v4[0] << 8 | v4[1]);
            groups[count++] = static_cast<std::uint16_t>(v4[2] << 8 | v4[3]);
            i = s.size();
            break;
        }
        if (token.empty() || token.size() > 4) return false;
        unsigned v = 0;
        for (char c : token) {
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else return false;
        }
        groups[count++] = static_cast<std::uint16_t>(v);
        if (next_colon == std::string_view::npos) { i = s.size(); break; }
        i = next_colon + 1;
        if (i < s.size() && s[i] == ':') {
            if (gap >= 0) return false;
            gap = count;
            ++i;
        } else if (i == s.size()) {
            return false;  // trailing single colon
        }
    }
    std::uint16_t full[8] = {};
    if (gap >= 0) {
        if (count > 7) return false;
        const int tail = count - gap;
        for (int k = 0; k < gap; ++k) full[k] = groups[k];
        for (int k = 0; k < tail; ++k) full[8 - tail + k] = groups[gap + k];
    } else {
        if (count != 8) return false;
        for (int k = 0; k < 8; ++k) full[k] = groups[k];
    }
    for (int k = 0; k < 8; ++k) {
        out[2 * k] = static_cast<std::uint8_t>(full[k] >> 8);
        out[2 * k + 1] = static_cast<std::uint8_t>(full[k] & 0xFF);
    }
    return true;
}

}  // namespace

std::optional<IpNet> parse_ip(std::string_view text) noexcept {
    IpNet net;
    std::string_view addr = text;
    std::optional<unsigned> prefix;
    if (const std::size_t slash = text.find('/'); slash != std::string_view::npos) {
        const std::string_view p = text.substr(slash + 1);
        if (!all_digits(p) || p.size() > 3) return std::nullopt;
        prefix = static_cast<unsigned>(to_int(p));
        addr = text.substr(0, slash);
    }
    if (addr.find(':') != std::string_view::npos) {
        net.v6 = true;
        if (!parse_v6(addr, net.bytes.data())) return std::nullopt;
        net.prefix = prefix.value_or(128);
        if (net.prefix > 128) return std::nullopt;
    } else {
        if (!parse_v4(addr, net.bytes.data())) return std::nullopt;
        net.prefix = prefix.value_or(32);
        if (net.prefix > 32) return std::nullopt;
    }
    return net;
}

bool ip_in(const IpNet& net, const IpNet& address) noexcept {
    if (net.v6 != address.v6) return false;
    unsigned bits = net.prefix;
    // A request given as a network is inside `net` only when it is no wider.
    if (address.prefix < bits) return false;
    for (std::size_t i = 0; bits > 0; ++i) {
        const unsigned take = bits >= 8 ? 8 : bits;
        const std::uint8_t mask = static_cast<std::uint8_t>(0xFF << (8 - take));
        if ((net.bytes[i] & mask) != (address.bytes[i] & mask)) return false;
        bits -= take;
    }
    return true;
}

}  // namespace ddbguard::eval
