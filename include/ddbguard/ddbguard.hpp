#pragma once
// Umbrella header. Error model: no function here throws for bad input; policy and
// spec problems are returned as findings, I/O problems as findings with ids
// "unreadable-file"; only std::bad_alloc may escape.
#include "ddbguard/analyze.hpp"
#include "ddbguard/catalog.hpp"
#include "ddbguard/diff.hpp"
#include "ddbguard/evaluate.hpp"
#include "ddbguard/finding.hpp"
#include "ddbguard/generate.hpp"
#include "ddbguard/location.hpp"
#include "ddbguard/policy.hpp"
#include "ddbguard/policytest.hpp"
#include "ddbguard/report.hpp"
#include "ddbguard/version.hpp"

namespace ddbguard {
const char* version();  // DDBGUARD_VERSION_STRING
}  // namespace ddbguard
