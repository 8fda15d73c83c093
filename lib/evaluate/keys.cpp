// Which condition keys are multivalued. An operator without ForAllValues:/ForAnyValue:
// on one of these keys has an undocumented runtime result; the evaluator treats it as
// unknown and fails closed (docs/dynamodb-iam.md section 2).
//
// The catalog (SAR data plus the documented global keys) decides; the small local
// table keeps the keys the semantics document names multivalued even if a catalog
// refresh ever lost one of them.
#include "evaluate/keys.hpp"

#include "ddbguard/catalog.hpp"
#include "util/text.hpp"

namespace ddbguard::eval {

namespace {

constexpr std::string_view kMultivalued[] = {
    "dynamodb:LeadingKeys",
    "dynamodb:Attributes",
    "dynamodb:FirstPartitionKeyValues",
    "dynamodb:SecondPartitionKeyValues",
    "dynamodb:ThirdPartitionKeyValues",
    "dynamodb:FourthPartitionKeyValues",
    "dynamodb:FisTargetArns",
    "aws:TagKeys",
    "aws:CalledVia",
    "aws:PrincipalServiceNamesList",
    "aws:PrincipalOrgPaths",
    "aws:SourceOrgPaths",
    "aws:ResourceOrgPaths",
    "cognito-identity.amazonaws.com:amr",
};

}  // namespace

bool is_multivalued_key(std::string_view key) {
    if (const auto info = catalog::find_key(key); info && info->multivalued) return true;
    for (std::string_view k : kMultivalued)
        if (util::iequals(k, key)) return true;
    return false;
}

}  // namespace ddbguard::eval
