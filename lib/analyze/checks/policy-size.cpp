// A policy longer than the IAM or DynamoDB quota for its kind.
#include "analyze/check.hpp"

namespace ddbguard::analyze {
namespace {

// The quotes, the code points, and at least one escape character before '"', '\\' and control characters.
std::size_t string_chars(std::string_view s) {
    std::size_t n = 2;
    for (unsigned char c : s) n += ((c & 0xC0) != 0x80) + (c == '"' || c == '\\' || c < 0x20);
    return n;
}

// Characters of the document written without whitespace outside strings.
std::size_t compact_size(const Node& node) {
    switch (node.kind) {
        case Node::Kind::string: return string_chars(node.text);
        case Node::Kind::array: {
            std::size_t n = 2 + (node.items.empty() ? 0 : node.items.size() - 1);
            for (const Node& item : node.items) n += compact_size(item);
            return n;
        }
        case Node::Kind::object: {
            std::size_t n = 2 + (node.items.empty() ? 0 : node.items.size() - 1);
            for (std::size_t i = 0; i < node.items.size(); ++i)
                n += string_chars(i < node.keys.size() ? node.keys[i] : std::string()) + 1 + compact_size(node.items[i]);
            return n;
        }
        default: return node.text.size();
    }
}

struct Quota {
    std::size_t limit;
    Severity severity;
    const char* what;
};

std::optional<Quota> quota_for(PolicyKind kind) {
    // IAM User Guide, "IAM and AWS STS quotas"; DynamoDB Developer Guide, "Resource-based policy
    // considerations"; AWS KMS Developer Guide, "Key policies"; Amazon VPC, "Endpoint policies".
    switch (kind) {
        case PolicyKind::identity:
            // Only a warning: the file does not say how it is attached (inline role policies may
            // total 10,240 characters, and AWS managed policies are larger still).
            return Quota{6144, Severity::warning,
                         "a customer managed identity policy (6,144 characters, whitespace not counted; the "
                         "inline policies of a role may total 10,240)"};
        case PolicyKind::trust:
            return Quota{2048, Severity::warning,
                         "a role trust policy by default (2,048 characters; the quota can be raised to 8,192)"};
        case PolicyKind::resource:
            return Quota{20480, Severity::error,
                         "a DynamoDB resource-based policy (20 KB, whitespace counted: the real size is larger "
                         "than the count here)"};
        case PolicyKind::kms_key: return Quota{32768, Severity::error, "a KMS key policy (32 KB)"};
        case PolicyKind::vpc_endpoint: return Quota{20480, Severity::error, "a VPC endpoint policy (20,480 characters)"};
        case PolicyKind::unknown: break;
    }
    return std::nullopt;
}

class PolicySize final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            const auto quota = quota_for(policy->kind);
            if (!quota) continue;
            // The characters without white space never outnumber the bytes the policy was read
            // from: most policies are far below their quota, and the count is skipped.
            if (policy->source_bytes <= quota->limit) continue;
            const std::size_t size = policy->compact_chars ? policy->compact_chars : compact_size(policy->root);
            if (size <= quota->limit) continue;
            context.report(doc_, *policy, policy->root.loc,
                           "the policy has " + std::to_string(size) + " characters without whitespace, over the " +
                               std::to_string(quota->limit) + " allowed for " + quota->what +
                               "; AWS refuses to store it",
                           "merge statements that share Resource and Condition, use action wildcards only where "
                           "the catalog shows they stay read-only, or split it into several policies");
            context.findings().back().severity = quota->severity;
        }
    }

private:
    CheckDoc doc_{
        "policy-size", Severity::error,
        R"txt(The policy is larger than AWS accepts for its kind.)txt",
        R"txt(Counts the policy's characters as IAM does, without whitespace outside strings, and compares them with the quota of the policy's kind: 6,144 for a managed identity policy, 2,048 for a role trust policy (a warning: the quota can be raised), 20 KB for a DynamoDB resource-based policy (which DynamoDB counts with whitespace, so the count here is a lower bound), 32 KB for a KMS key policy, 20,480 for a VPC endpoint policy. Severity: warning for identity policies (the file does not say whether it is a customer managed or an inline policy), error for the hard quotas of resource-based, KMS key and VPC endpoint policies.)txt",
        R"txt(AWS refuses to create or update a policy over its quota (IAM User Guide, "IAM and AWS STS quotas"; DynamoDB Developer Guide, resource-based policy considerations), so a deployment fails late, often after the rest of the stack changed. Inline policies have other, per-principal limits (10,240 characters for all inline policies of a role) that a single file cannot show.)txt",
        R"json({"Version": "2012-10-17", "Statement": [ ...hundreds of per-table statements... ]})json",
        R"json({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/App*"}]})json",
        R"txt(Severity: error where AWS refuses to store the policy; warning where the quota can be raised or is counted without white space.)txt",
    };
};

}  // namespace

const Check& policy_size() {
    static const PolicySize check;
    return check;
}

}  // namespace ddbguard::analyze
