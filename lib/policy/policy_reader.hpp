#pragma once
#include <vector>

#include "ddbguard/finding.hpp"
#include "ddbguard/policy.hpp"

namespace ddbguard::policy {

// Fills the typed fields of `policy` from policy.root; grammar problems become findings.
void read_policy(Policy& policy, std::vector<Finding>& findings);
// identity (no Principal), trust (only sts:AssumeRole*), kms_key (kms: actions) or resource.
PolicyKind detect_kind(const Policy& policy);
// Statements with neither Resource nor NotResource in a policy whose kind needs one (every
// kind but trust): a missing-element finding each. Call after the kind is set.
void report_missing_resource(const Policy& policy, std::vector<Finding>& findings);

}  // namespace ddbguard::policy
