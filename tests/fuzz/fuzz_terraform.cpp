// The Terraform readers (.tf modules and plan JSON), the checks and every writer on
// arbitrary bytes: the first byte picks the format the rest is read as, and whether the
// rest is one file of a module or split into two.
#include <cstdint>
#include <string>

#include "ddbguard/analyze.hpp"
#include "ddbguard/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    ddbguard::LintOptions options;
    const bool plan = data[0] & 1;
    options.format = plan ? ddbguard::SourceFormat::terraform_plan : ddbguard::SourceFormat::terraform;
    if (data[0] & 2) {  // with values a user gives, so that references resolve differently
        options.values.region = "eu-west-1";
        options.values.account = "111122223333";
        options.values.variables["table"] = "orders";
        options.values.variables["actions"] = "[\"dynamodb:GetItem\"]";
    }
    std::vector<ddbguard::Input> inputs;
    if (plan) {
        inputs.push_back({"plan.json", bytes, true});
    } else if (data[0] & 4) {  // two files of one module
        const std::size_t half = bytes.size() / 2;
        inputs.push_back({"module/a.tf", bytes.substr(0, half), true});
        inputs.push_back({"module/b.tf", bytes.substr(half), true});
    } else {
        inputs.push_back({"module/main.tf", bytes, true});
    }
    auto reports = ddbguard::lint_inputs(inputs, options);
    (void)ddbguard::write_text(reports);
    (void)ddbguard::write_json(reports);
    (void)ddbguard::write_sarif(reports);
    return 0;
}
