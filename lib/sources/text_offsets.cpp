#include "sources/text_offsets.hpp"

#include <algorithm>

namespace ddbguard::sources {

std::vector<std::size_t> line_starts(std::string_view text) {
    std::vector<std::size_t> starts;
    starts.push_back(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
            starts.push_back(i + 1);
    return starts;
}

std::size_t offset_of(std::string_view text, const std::vector<std::size_t>& starts, const Location& loc) {
    if (loc.line == 0 || starts.empty()) return 0;
    const std::size_t line = std::min<std::size_t>(loc.line, starts.size());
    std::size_t i = starts[line - 1];
    for (std::uint32_t column = 1; column < loc.column && i < text.size(); ++column) {
        ++i;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    }
    return std::min(i, text.size());
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

int hex_value(std::string_view digits) {
    int v = 0;
    for (char c : digits) {
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return -1;
    }
    return v;
}

std::size_t utf8_length(long cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

}  // namespace

std::vector<std::size_t> scalar_offsets(std::string_view text, std::size_t start, std::string_view decoded) {
    const std::size_t n = text.size();
    std::vector<std::size_t> out(decoded.size() + 1, n == 0 ? 0 : n - 1);
    std::size_t i = std::min(start, n);
    // A YAML tag ("!Sub ") or anchor ("&a ") before the value.
    while (i < n && (text[i] == '!' || text[i] == '&')) {
        while (i < n && !is_space(text[i]) && text[i] != '\n' && text[i] != '\r') ++i;
        while (i < n && is_space(text[i])) ++i;
    }
    char quote = 0;
    if (i < n && (text[i] == '"' || text[i] == '\'')) {
        quote = text[i];
        ++i;
    } else if (i < n && (text[i] == '|' || text[i] == '>')) {
        while (i < n && text[i] != '\n') ++i;
        if (i < n) ++i;
    }
    std::size_t j = 0;
    while (j < decoded.size() && i < n) {
        if (quote == '"' && text[i] == '\\' && i + 1 < n) {
            const char e = text[i + 1];
            std::size_t length = 2, produced = 1;
            if (e == 'u' && i + 6 <= n) {
                long cp = hex_value(text.substr(i + 2, 4));
                length = 6;
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= n && text.substr(i + 6, 2) == "\\u") {
                    length = 12;
                    cp = 0x10000;
                }
                produced = utf8_length(cp < 0 ? 0 : cp);
            } else if (e == 'U' && i + 10 <= n) {
                length = 10;
                produced = utf8_length(hex_value(text.substr(i + 2, 8)));
            } else if (e == 'x' && i + 4 <= n) {
                length = 4;
                produced = utf8_length(hex_value(text.substr(i + 2, 2)));
            } else if (e == '\n' || e == '\r') {  // a YAML escaped line break: nothing produced
                i += 2;
                while (i < n && (is_space(text[i]) || text[i] == '\n' || text[i] == '\r')) ++i;
                continue;
            }
            for (std::size_t k = 0; k < produced && j < decoded.size(); ++k) out[j++] = i;
            i += length;
            continue;
        }
        if (quote == '\'' && text[i] == '\'' && i + 1 < n && text[i + 1] == '\'') {
            out[j++] = i;
            i += 2;
            continue;
        }
        if (text[i] == decoded[j]) {
            out[j++] = i++;
            continue;
        }
        // A folded line break: a space or newline in the value where the file breaks the line.
        if ((decoded[j] == ' ' || decoded[j] == '\n') && (text[i] == '\n' || text[i] == '\r')) {
            out[j++] = i;
            while (i < n && (text[i] == '\n' || text[i] == '\r')) ++i;
            while (i < n && is_space(text[i])) ++i;
            continue;
        }
        ++i;  // indentation, or a byte the value does not keep
    }
    out[decoded.size()] = std::min(i, n);
    return out;
}

}  // namespace ddbguard::sources
