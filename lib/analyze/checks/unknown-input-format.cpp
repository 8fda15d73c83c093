// Source diagnostic: the finding is made by lib/sources; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& unknown_input_format() {
    static const ParserDiagnostic check({
        "unknown-input-format", Severity::error,
        R"txt(A file named on the command line is none of the formats ddbguard reads.)txt",
        R"txt(Reports a file given by name that is neither an IAM policy (JSON with a "Statement"), a CloudFormation template (JSON or YAML; SAM and CDK output included), a Serverless Framework serverless.yml, a Terraform .tf file nor a Terraform plan in JSON (`terraform show -json`). Files of other kinds met while walking a directory are skipped and counted in the summary instead.)txt",
        R"txt(A linter that passes a file it did not understand says nothing about the policies in it.)txt",
        R"json(ddbguard lint .github/workflows/ci.yml)json",
        R"json(ddbguard lint --input cloudformation template.txt   (or leave the file out))json",
        R"txt(Severity: error: a file named for linting was not linted.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
