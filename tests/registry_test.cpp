// The registry: every check documents its severity decision (issue 12's rule: error = a
// proven leak or a broken policy or template, warning = very likely wrong, info = a
// hardening suggestion), and the decision names the check's default severity.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "ddbguard/analyze.hpp"

TEST_CASE("every check states its severity decision", "[registry]") {
    std::set<std::string> ids;
    for (const ddbguard::CheckDoc& doc : ddbguard::list_checks()) {
        INFO(doc.id);
        CHECK(ids.insert(std::string(doc.id)).second);
        const std::string expected = "Severity: " + std::string(ddbguard::to_string(doc.severity));
        CHECK(std::string(doc.severity_why).rfind(expected, 0) == 0);
        CHECK(!doc.what.empty());
        CHECK(!doc.why.empty());
        CHECK(!doc.example.empty());
        CHECK(!doc.instead.empty());
    }
    CHECK(ids.size() >= 69);
}
