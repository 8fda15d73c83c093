// A trail of the stack does not record the data events of its tables.
#include "analyze/check.hpp"
#include "analyze/stack_facts.hpp"
#include "evaluate/wildcard.hpp"

namespace ddbguard::analyze {
namespace {

class TrailWithoutDynamodbDataEvents final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    bool stack_scope() const override { return true; }
    void run(Context& context) const override {
        const Stack& stack = *context.stack();
        if (stack.tables.empty()) return;
        if (stack.trails.empty()) {
            // What the files do not show is not missing unless the user says they are the whole stack.
            if (!context.options().stack_complete) return;
            report_at(context, doc_, Severity::warning, stack.tables.front().owner,
                      "the stack defines no CloudTrail trail, and the configuration says it is complete: nobody records "
                      "who reads or writes the items of its tables",
                      in_format(stack, "add an AWS::CloudTrail::Trail with an event selector for AWS::DynamoDB::Table data events",
                                "add an aws_cloudtrail with an event_selector for AWS::DynamoDB::Table data events"));
            return;
        }
        for (const StackTrail& trail : stack.trails) {
            if (trail.all_tables || trail.selectors_unknown) continue;
            std::string missing;
            for (const StackTable& t : stack.tables) {
                bool covered = false;
                for (const std::string& arn : trail.tables) {
                    eval::Pattern p;
                    p.append_wild(arn);
                    covered = covered || arn == t.arn || eval::arn_match(p.view(), t.arn);
                }
                if (!covered) missing += (missing.empty() ? "" : ", ") + t.name;
            }
            if (missing.empty()) continue;
            report_at(context, doc_, Severity::info, trail.owner,
                      "the trail records no DynamoDB data events for " + missing +
                          ": CloudTrail logs table changes (control plane) by default, but item reads and writes only "
                          "when a data event selector names the table",
                      in_format(stack, "add EventSelectors: [{DataResources: [{Type: AWS::DynamoDB::Table, Values: [<table ARN>]}]}] "
                                       "(or an AdvancedEventSelectors entry with resources.type AWS::DynamoDB::Table)",
                                "add an event_selector { data_resource { type = \"AWS::DynamoDB::Table\", values = [<table ARN>] } }"));
        }
    }

private:
    CheckDoc doc_{
        "trail-without-dynamodb-data-events", Severity::info,
        R"txt(A CloudTrail trail in the stack does not record the DynamoDB data events of the stack's tables.)txt",
        R"txt(When the stack defines a CloudTrail trail (AWS::CloudTrail::Trail, aws_cloudtrail), reports it when its event selectors (EventSelectors DataResources of type AWS::DynamoDB::Table, or AdvancedEventSelectors with eventCategory Data and resources.type AWS::DynamoDB::Table) do not cover every table of the stack. A stack without a trail says nothing: an account-wide trail may live elsewhere; with "stack-complete": true in the configuration, the missing trail is a warning.)txt",
        R"txt(CloudTrail records DynamoDB control-plane calls by default; GetItem, Query, PutItem and the other item calls are data events, logged only when a trail selects them (DynamoDB Developer Guide, "Logging DynamoDB operations by using AWS CloudTrail"; "Security best practices": monitor DynamoDB operations using CloudTrail).)txt",
        R"json(Trail:
  Type: AWS::CloudTrail::Trail
  Properties: {IsLogging: true, S3BucketName: !Ref Logs})json",
        R"json(Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref Logs
    EventSelectors: [{DataResources: [{Type: AWS::DynamoDB::Table, Values: [!GetAtt Notes.Arn]}]}])json",
        R"txt(Severity: info: a monitoring suggestion; warning when the configuration says the stack is complete and it has no trail.)txt",
    };
};

}  // namespace

const Check& trail_without_dynamodb_data_events() {
    static const TrailWithoutDynamodbDataEvents check;
    return check;
}

}  // namespace ddbguard::analyze
