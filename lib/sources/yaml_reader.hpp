#pragma once
// YAML bytes to the same located Node tree the JSON reader builds (yaml-cpp's event
// parser, so that tags, anchors, aliases and positions are all visible).
//
// CloudFormation's short-form tags become the long form they stand for (docs/iac.md
// section 2): `!Ref X` is read as {"Ref": "X"}, `!GetAtt A.B` as {"Fn::GetAtt": "A.B"},
// `!Sub ...` as {"Fn::Sub": ...}, `!Condition C` as {"Condition": "C"}; the object and its
// key are located at the tag, so a finding points where the author wrote it, and the JSON
// pointer is the one the long form would have (/Resources/R/Properties/X/Fn::Sub).
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/finding.hpp"
#include "ddbguard/policy.hpp"
#include "policy/source_map.hpp"

namespace ddbguard::sources {

struct YamlOptions {
    unsigned max_depth = 64;
    // CloudFormation refuses aliases and merge keys (User Guide, "Template formats": YAML 1.1
    // without aliases, hash merges and the binary/omap/pairs/set/timestamp tags): false makes
    // each alias an error finding. The Serverless Framework accepts them: true expands them,
    // within a budget of nodes that stops a billion-laughs document.
    bool aliases = false;
    // What the document is, for messages: "CloudFormation template", "serverless.yml".
    std::string what = "CloudFormation template";
};

// Reads the first YAML document of `bytes` into `root`. Returns false when no tree could be
// built (the reason is a located finding: invalid-yaml, nesting-too-deep); problems that
// leave a usable tree (an alias in a template, an unknown tag, a duplicate key) are findings
// too, and the function returns true.
bool read_yaml(std::string_view bytes, const policy::SourceMap& map, const std::string& path,
               const YamlOptions& options, Node& root, std::vector<Finding>& findings);

}  // namespace ddbguard::sources
