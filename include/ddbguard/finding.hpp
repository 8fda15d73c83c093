#pragma once
// Findings are typed data; text, JSON and SARIF are writers over them (report.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/evaluate.hpp"
#include "ddbguard/location.hpp"

namespace ddbguard {

enum class Severity { info = 0, warning = 1, error = 2 };
std::string_view to_string(Severity);
std::optional<Severity> severity_from_string(std::string_view);

// A request the policy set really allows, with the evaluator's decision: the proof.
struct Counterexample {
    Request request;
    Decision decision;
    std::string reaches;  // what the request reaches that it must not, in one sentence
};

struct RelatedLocation {
    std::string path;
    Location location;
    std::string message;
};

struct Finding {
    std::string check_id;
    Severity severity = Severity::error;
    std::string message;   // what is wrong
    std::string fix;       // what to write instead (may be empty)
    std::string path;      // file the location belongs to
    Location location;
    std::vector<RelatedLocation> related;
    std::optional<Counterexample> counterexample;
};

}  // namespace ddbguard
