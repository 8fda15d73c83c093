#pragma once
#include <nlohmann/json.hpp>

#include "ddbguard/report.hpp"

namespace ddbguard {
nlohmann::ordered_json request_json(const Request& request);
nlohmann::ordered_json decision_json(const Decision& decision);
nlohmann::ordered_json practices_json(const PracticeSummary& summary);
}  // namespace ddbguard
