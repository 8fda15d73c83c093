#pragma once
#include <vector>

#include "ddbguard/finding.hpp"
#include "ddbguard/policy.hpp"

namespace ddbguard::policy {

// Fills the typed fields of `policy` from policy.root; grammar problems become findings.
void read_policy(Policy& policy, std::vector<Finding>& findings);
// identity (no Principal), trust (only sts:AssumeRole*), kms_key (kms: actions) or resource.
PolicyKind detect_kind(const Policy& policy);

}  // namespace ddbguard::policy
