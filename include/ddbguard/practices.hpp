#pragma once
// The twelve DynamoDB security practices (DynamoDB Developer Guide, "Security best
// practices": six preventive, six detective), judged for one stack from what its files
// show and from the findings of the checks.
#include <string>
#include <string_view>
#include <vector>

namespace ddbguard {

enum class PracticeStatus { met, not_met, not_visible };
std::string_view to_string(PracticeStatus);  // "met", "not met", "not visible"

struct PracticeResult {
    std::string_view id;     // "encryption-at-rest"
    std::string_view title;  // "Encryption at rest with a key you control"
    bool detective = false;  // detective (monitoring) or preventive
    PracticeStatus status = PracticeStatus::not_visible;
    std::string why;                    // one sentence: what showed it met, or why it is not visible
    std::vector<std::string> findings;  // "check-id path:line:col" of the findings that say it is not met
};

// The practices of one stack (a template, a Terraform module, a policy file).
struct PracticeSummary {
    std::string stack;  // the stack's path
    std::vector<PracticeResult> practices;  // always the twelve, in the guide's order
    std::size_t count(PracticeStatus status) const;
};

}  // namespace ddbguard
