#include <algorithm>
#include <filesystem>
#include <fstream>

#include "ddbguard/policy.hpp"
#include "policy/json_reader.hpp"
#include "policy/policy_reader.hpp"
#include "policy/source_map.hpp"
#include "util/text.hpp"

namespace ddbguard {

const Node* Node::member(std::string_view key) const {
    // The last copy of a duplicated key, as most JSON readers keep it (duplicates are reported).
    for (std::size_t i = keys.size(); i-- > 0;)
        if (keys[i] == key) return &items[i];
    return nullptr;
}

std::string_view to_string(PolicyKind kind) {
    switch (kind) {
        case PolicyKind::identity: return "identity";
        case PolicyKind::trust: return "trust";
        case PolicyKind::resource: return "resource";
        case PolicyKind::kms_key: return "kms-key";
        case PolicyKind::vpc_endpoint: return "vpc-endpoint";
        case PolicyKind::unknown: break;
    }
    return "unknown";
}

std::optional<PolicyKind> policy_kind_from_string(std::string_view s) {
    for (PolicyKind k : {PolicyKind::identity, PolicyKind::trust, PolicyKind::resource, PolicyKind::kms_key,
                         PolicyKind::vpc_endpoint})
        if (to_string(k) == s) return k;
    return std::nullopt;
}


namespace {
// Code points of the text: the bytes that are not UTF-8 continuation bytes (a loop the
// compiler vectorizes).
}  // namespace

ParseResult parse_policy(std::string_view bytes, std::string path, ParseLimits limits,
                         std::optional<PolicyKind> kind) {
    ParseResult result;
    result.policy.path = std::move(path);
    const std::string& p = result.policy.path;
    if (bytes.size() > limits.max_bytes) {
        Finding f;
        f.check_id = "file-too-large";
        f.severity = Severity::error;
        f.message = "the file is larger than the limit of " + std::to_string(limits.max_bytes) +
                    " bytes; no IAM policy is larger than 20 KB";
        f.fix = "lint the policy alone, or raise the limit with --max-bytes";
        f.path = p;
        f.location = {1, 1, ""};
        result.diagnostics.push_back(std::move(f));
        return result;
    }
    policy::SourceMap map(bytes);
    std::size_t space = 0;  // white space between the tokens, which the reader counts as it walks over it
    if (!policy::read_json(bytes, map, p, limits.max_depth, result.policy.root, result.diagnostics, &space))
        return result;
    result.policy.source_bytes = bytes.size();
    // IAM does not count white space outside strings toward a policy's size.
    if (bytes.size() > 2048) result.policy.compact_chars = util::code_points(bytes) - space;
    policy::read_policy(result.policy, result.diagnostics);
    if (result.policy.root.kind != Node::Kind::object) return result;
    result.policy.kind = kind ? *kind : policy::detect_kind(result.policy);
    policy::report_missing_resource(result.policy, result.diagnostics);
    result.usable = true;
    return result;
}

ParseResult parse_policy_file(const std::string& path, ParseLimits limits, std::optional<PolicyKind> kind) {
    // Read at most one byte more than the limit: a huge file is refused without loading it.
    std::ifstream in(path, std::ios::binary);
    std::string bytes;
    if (in) {
        std::error_code ec;
        std::size_t size = std::filesystem::file_size(path, ec);
        if (ec) size = limits.max_bytes;
        bytes.resize(std::min(size, limits.max_bytes) + 1);
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        bytes.resize(static_cast<std::size_t>(in.gcount()));
    }
    if (!in && !in.eof()) {
        ParseResult result;
        result.policy.path = path;
        Finding f;
        f.check_id = "unreadable-file";
        f.severity = Severity::error;
        f.message = "cannot read the file";
        f.path = path;
        result.diagnostics.push_back(std::move(f));
        return result;
    }
    return parse_policy(bytes, path, limits, kind);
}

}  // namespace ddbguard
