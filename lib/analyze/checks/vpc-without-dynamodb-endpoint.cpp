// Functions or instances in a VPC call DynamoDB without a gateway endpoint in that VPC.
#include <string_view>
#include <unordered_map>

#include "analyze/check.hpp"
#include "analyze/stack_facts.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

class VpcWithoutDynamodbEndpoint final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    bool stack_scope() const override { return true; }
    void run(Context& context) const override {
        const Stack& stack = *context.stack();
        if (stack.workloads.empty()) return;
        // Which principal ids call DynamoDB item actions, computed once per principal (not per
        // workload and action) so that the check stays linear in the stack.
        std::unordered_map<std::string_view, bool> calls_by_id;
        for (const StackPrincipal& p : stack.principals) {
            if (p.owner.id.empty()) continue;
            bool& calls = calls_by_id[p.owner.id];
            if (calls) continue;
            for (const GrantingStatement& g : allow_statements(stack, p)) {
                for (std::string_view a : dynamodb_item_actions())
                    if (covers_action(*g.statement, a)) {
                        calls = true;
                        break;
                    }
                if (calls) break;
            }
        }
        for (const StackWorkload& w : stack.workloads) {
            const auto found = calls_by_id.find(w.principal);
            if (found == calls_by_id.end() || !found->second) continue;
            bool endpoint = false;
            for (const StackVpcEndpoint& e : stack.vpc_endpoints) {
                if (e.service.find("dynamodb") == std::string::npos && !has_placeholder(e.service)) continue;
                // An endpoint of an unknown VPC, or a workload whose VPC the files do not show: it may be the one.
                endpoint = endpoint || w.vpc.empty() || e.vpc.empty() || e.vpc == w.vpc;
            }
            if (endpoint) continue;
            report_at(context, doc_, Severity::info, w.owner,
                      "it runs in a VPC" + (w.vpc.empty() ? std::string() : " (" + w.vpc + ")") + " and its role " +
                          w.principal + " calls DynamoDB, but the stack has no DynamoDB gateway endpoint for that VPC: the "
                          "calls leave through a NAT gateway or the internet",
                      in_format(stack, "add an AWS::EC2::VPCEndpoint with ServiceName com.amazonaws.<region>.dynamodb, VpcEndpointType Gateway and the private route tables",
                                "add an aws_vpc_endpoint with service_name \"com.amazonaws.<region>.dynamodb\", vpc_endpoint_type = \"Gateway\" and the private route tables"));
        }
    }

private:
    CheckDoc doc_{
        "vpc-without-dynamodb-endpoint", Severity::info,
        R"txt(Functions or instances in a VPC call DynamoDB, but the stack has no DynamoDB gateway endpoint for that VPC.)txt",
        R"txt(Reports a Lambda function or EC2 instance of the stack that runs in a VPC (VpcConfig, SubnetId; Terraform vpc_config, subnet_id) and whose role grants DynamoDB item actions, when the stack defines no DynamoDB VPC endpoint for that VPC. When the files do not show which VPC a subnet or endpoint is in, any DynamoDB endpoint counts.)txt",
        R"txt(Without a gateway endpoint, DynamoDB traffic from private subnets goes through a NAT gateway or an internet gateway; with one it stays on the AWS network, and endpoint policies and aws:SourceVpce conditions can restrict it (DynamoDB Developer Guide, "Security best practices": use a VPC endpoint and policies to access DynamoDB).)txt",
        R"json(Function:
  Type: AWS::Lambda::Function
  Properties: {Role: !GetAtt AppRole.Arn, VpcConfig: {SubnetIds: [!Ref PrivateSubnet], SecurityGroupIds: [...]}})json",
        R"json(DynamoDbEndpoint:
  Type: AWS::EC2::VPCEndpoint
  Properties: {VpcId: !Ref Vpc, ServiceName: !Sub "com.amazonaws.${AWS::Region}.dynamodb", VpcEndpointType: Gateway, RouteTableIds: [!Ref PrivateRoutes]})json",
        R"txt(Severity: info: a network hardening suggestion; the traffic is encrypted either way.)txt",
    };
};

}  // namespace

const Check& vpc_without_dynamodb_endpoint() {
    static const VpcWithoutDynamodbEndpoint check;
    return check;
}

}  // namespace ddbguard::analyze
