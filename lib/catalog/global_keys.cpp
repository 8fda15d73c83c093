// Hand-curated catalog tables: global condition keys, web-identity keys, and
// the API operations that are not IAM actions.
//
// Sources (checked 2026; cite, do not copy):
//  - IAM User Guide, "AWS global condition context keys"
//    (reference_policies_condition-keys): every aws:* key below with its data
//    type and value type (single-valued / multivalued), and the cross-service
//    role-session keys (ec2:, glue:, codebuild:, lambda:, ssm:, identitystore:).
//  - IAM User Guide, "IAM policy elements: Variables and tags"
//    (reference_policies_variables): global keys and service keys may be used as
//    policy variables; multivalued keys may not; ${*}, ${?}, ${$} are escapes;
//    the web-identity keys of Amazon Cognito, Login with Amazon, Facebook and
//    Google are available to federated principals.
//  - Amazon Cognito Developer Guide, "Role trust and permissions": the amr
//    claim of cognito-identity.amazonaws.com is multivalued ("authenticated" or
//    "unauthenticated", plus the login providers), so it is multivalued here
//    although the Service Authorization Reference types it String; trust
//    policies use ForAnyValue:StringLike on it.
//  - DynamoDB Developer Guide, "Using PartiQL with IAM" and the transactions
//    chapter: TransactGetItems/TransactWriteItems and the PartiQL APIs are
//    authorized per item as the actions listed in kApiAliases.
//
// Notes on choices:
//  - aws:EpochTime is documented as Date and Numeric; it is typed date here.
//  - aws:FederatedProvider is a String for built-in IdPs and an ARN otherwise;
//    typed string.
//  - identitystore:UserId is single-valued String as a global role-session key;
//    the Identity Store service's own table types it ArrayOfString. This table
//    wins in find_key() (the global meaning is what DynamoDB policies see).
// Every table here must stay sorted by lower-case name: static_asserts check it.
#include "catalog/catalog_data.hpp"
#include "util/text.hpp"

namespace ddbguard::catalog::data {
namespace {

constexpr Key kGlobalKeys[] = {
    {"accounts.google.com:aud", KeyType::string, false},
    {"accounts.google.com:oaud", KeyType::string, false},
    {"accounts.google.com:sub", KeyType::string, false},
    {"aws:AssumedRoot", KeyType::boolean, false},
    {"aws:CalledVia", KeyType::string, true},
    {"aws:CalledViaAWSMCP", KeyType::string, false},
    {"aws:CalledViaFirst", KeyType::string, false},
    {"aws:CalledViaLast", KeyType::string, false},
    {"aws:ChatbotSourceArn", KeyType::arn, false},
    {"aws:CurrentTime", KeyType::date, false},
    {"aws:Ec2InstanceSourcePrivateIPv4", KeyType::ip, false},
    {"aws:Ec2InstanceSourceVpc", KeyType::string, false},
    {"aws:EpochTime", KeyType::date, false},
    {"aws:FederatedProvider", KeyType::string, false},
    {"aws:IsMcpServiceAction", KeyType::boolean, false},
    {"aws:MultiFactorAuthAge", KeyType::numeric, false},
    {"aws:MultiFactorAuthPresent", KeyType::boolean, false},
    {"aws:PrincipalAccount", KeyType::string, false},
    {"aws:PrincipalArn", KeyType::arn, false},
    {"aws:PrincipalIsAWSService", KeyType::boolean, false},
    {"aws:PrincipalOrgID", KeyType::string, false},
    // Not on the global keys page any more, but AWS's own AWSSSOServiceRolePolicy still uses it.
    {"aws:PrincipalOrgMasterAccountId", KeyType::string, false},
    {"aws:PrincipalOrgPaths", KeyType::string, true},
    {"aws:PrincipalServiceName", KeyType::string, false},
    {"aws:PrincipalServiceNamesList", KeyType::string, true},
    {"aws:PrincipalTag/${TagKey}", KeyType::string, false},
    {"aws:PrincipalType", KeyType::string, false},
    {"aws:referer", KeyType::string, false},
    {"aws:RequestedRegion", KeyType::string, false},
    {"aws:RequestTag/${TagKey}", KeyType::string, false},
    {"aws:ResourceAccount", KeyType::string, false},
    {"aws:ResourceOrgID", KeyType::string, false},
    {"aws:ResourceOrgPaths", KeyType::string, true},
    {"aws:ResourceTag/${TagKey}", KeyType::string, false},
    {"aws:SecureTransport", KeyType::boolean, false},
    {"aws:SignInSessionArn", KeyType::arn, false},
    {"aws:SourceAccount", KeyType::string, false},
    {"aws:SourceArn", KeyType::arn, false},
    {"aws:SourceIdentity", KeyType::string, false},
    {"aws:SourceIp", KeyType::ip, false},
    {"aws:SourceOrgID", KeyType::string, false},
    {"aws:SourceOrgPaths", KeyType::string, true},
    {"aws:SourceVpc", KeyType::string, false},
    {"aws:SourceVpcArn", KeyType::arn, false},
    {"aws:SourceVpce", KeyType::string, false},
    {"aws:TagKeys", KeyType::string, true},
    {"aws:TokenIssueTime", KeyType::date, false},
    {"aws:UserAgent", KeyType::string, false},
    {"aws:userid", KeyType::string, false},
    {"aws:username", KeyType::string, false},
    {"aws:ViaAWSMCPService", KeyType::boolean, false},
    {"aws:ViaAWSService", KeyType::boolean, false},
    {"aws:VpceAccount", KeyType::string, false},
    {"aws:VpceOrgID", KeyType::string, false},
    {"aws:VpceOrgPaths", KeyType::string, true},
    {"aws:VpcSourceIp", KeyType::ip, false},
    {"codebuild:BuildArn", KeyType::arn, false},
    {"codebuild:ProjectArn", KeyType::arn, false},
    {"cognito-identity.amazonaws.com:amr", KeyType::string, true},
    {"cognito-identity.amazonaws.com:aud", KeyType::string, false},
    {"cognito-identity.amazonaws.com:sub", KeyType::string, false},
    {"ec2:RoleDelivery", KeyType::numeric, false},
    {"ec2:SourceInstanceArn", KeyType::arn, false},
    {"glue:CredentialIssuingService", KeyType::string, false},
    {"glue:RoleAssumedBy", KeyType::string, false},
    {"graph.facebook.com:app_id", KeyType::string, false},
    {"graph.facebook.com:id", KeyType::string, false},
    {"identitystore:UserId", KeyType::string, false},
    {"lambda:SourceFunctionArn", KeyType::arn, false},
    {"ssm:SourceInstanceArn", KeyType::arn, false},
    {"www.amazon.com:app_id", KeyType::string, false},
    {"www.amazon.com:user_id", KeyType::string, false},
};
static_assert(util::ci_strictly_sorted(kGlobalKeys, [](const Key& k) { return k.name; }),
              "kGlobalKeys must be sorted by lower-case name");

constexpr std::string_view kPartiQL[] = {"dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert",
                                         "dynamodb:PartiQLSelect", "dynamodb:PartiQLUpdate"};
constexpr std::string_view kTransactGet[] = {"dynamodb:GetItem"};
constexpr std::string_view kTransactWrite[] = {"dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
                                               "dynamodb:PutItem", "dynamodb:UpdateItem"};

constexpr ApiAlias kApiAliases[] = {
    {"dynamodb:BatchExecuteStatement", kPartiQL},
    {"dynamodb:ExecuteStatement", kPartiQL},
    {"dynamodb:ExecuteTransaction", kPartiQL},
    {"dynamodb:TransactGetItems", kTransactGet},
    {"dynamodb:TransactWriteItems", kTransactWrite},
};
static_assert(util::ci_strictly_sorted(kApiAliases, [](const ApiAlias& a) { return a.api; }),
              "kApiAliases must be sorted by lower-case api");

}  // namespace

const std::span<const Key> global_keys{kGlobalKeys};
const std::span<const ApiAlias> api_aliases{kApiAliases};

}  // namespace ddbguard::catalog::data
