// The template readers (CloudFormation YAML and JSON, serverless.yml), the checks and every
// writer on arbitrary bytes: the first byte picks the format the rest is read as.
#include <cstdint>
#include <string>

#include "ddbguard/analyze.hpp"
#include "ddbguard/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    ddbguard::LintOptions options;
    options.format = (data[0] & 1) ? ddbguard::SourceFormat::serverless : ddbguard::SourceFormat::cloudformation;
    if (data[0] & 2) {  // with the values a user gives, so that conditions and names resolve differently
        options.values.region = "eu-west-1";
        options.values.account = "111122223333";
        options.values.parameters["Stage"] = "prod";
        options.values.parameters["stage"] = "prod";
    }
    const char* path = (data[0] & 1) ? "serverless.yml" : "template.yaml";
    std::vector<ddbguard::Input> inputs{{path, bytes, true}};
    auto reports = ddbguard::lint_inputs(inputs, options);
    (void)ddbguard::write_text(reports);
    (void)ddbguard::write_json(reports);
    (void)ddbguard::write_sarif(reports);
    return 0;
}
