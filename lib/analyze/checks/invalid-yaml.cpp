// Source diagnostic: the finding is made by lib/sources/yaml_reader.cpp; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& invalid_yaml() {
    static const ParserDiagnostic check({
        "invalid-yaml", Severity::error,
        R"txt(A YAML template or serverless.yml does not parse.)txt",
        R"txt(Reports the first YAML syntax error of a CloudFormation, SAM or Serverless Framework file (bad indentation, an unclosed quote or bracket, a tab where YAML wants spaces), at the position yaml-cpp names. Nothing else in the file is judged.)txt",
        R"txt(A file that does not parse deploys nothing; and a linter that cannot read it can say nothing about the policies in it.)txt",
        R"json(Resources:
  AppRole:
    Type: AWS::IAM::Role
     Properties:          # one space too many)json",
        R"json(Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:)json",
        R"txt(Severity: error: the file cannot be read, so nothing in it was judged.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
