// A stream copies whole items of a row-scoped table, and some role may read it.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/stack_facts.hpp"

namespace ddbguard::analyze {
namespace {

class StreamImagesRowScoped final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    bool stack_scope() const override { return true; }
    void run(Context& context) const override {
        const Stack& stack = *context.stack();
        std::optional<TableReach> reach;  // built for the first table whose stream carries images
        std::optional<StreamReaders> readers;  // built for the first row-filtered one
        for (const StackTable& t : stack.tables) {
            const std::string& view = t.stream_view_type;
            if (view != "NEW_IMAGE" && view != "OLD_IMAGE" && view != "NEW_AND_OLD_IMAGES") continue;
            if (!reach) reach.emplace(stack);
            if (!reach->rows_filtered(t)) continue;
            if (!readers) readers.emplace(stack);
            const StackPrincipal* reader = readers->reader(t);
            if (!reader) continue;
            report_at_setting(context, doc_, Severity::warning, t, "stream",
                      "table " + t.name + " keeps each caller to their own rows, but its stream (" + view +
                          ") copies every user's whole items, and " + reader->owner.label() +
                          " may read it (dynamodb:GetRecords): the stream bypasses the row filter",
                      in_format(stack, "use StreamViewType: KEYS_ONLY, or keep the stream to a back-end role that needs every item",
                                "use stream_view_type = \"KEYS_ONLY\", or keep the stream to a back-end role that needs every item"));
        }
    }

private:
    CheckDoc doc_{
        "stream-images-row-scoped", Severity::warning,
        R"txt(A stream carries whole items of a row-scoped table, and a role may read the stream.)txt",
        R"txt(Reports a DynamoDB table whose stream view type is NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES, when some principal of the stack filters the table's rows with dynamodb:LeadingKeys and some principal may call dynamodb:GetRecords on its stream. Stream requests carry no LeadingKeys, so no row filter applies to them (stream-access-row-scoped reports the row-scoped principal itself reading the stream).)txt",
        R"txt(A stream with item images holds a copy of every change to every user's items. Whoever reads it reads all users' data, whatever the row filters on the table say.)txt",
        R"json(Table:
  StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}   # rows filtered per user, and a role reads the stream)json",
        R"json(Table:
  StreamSpecification: {StreamViewType: KEYS_ONLY})json",
        R"txt(Severity: warning: very likely wrong: every user's items leave the row filter through the stream; not proven a leak, since the stream reader may be a trusted back end.)txt",
    };
};

}  // namespace

const Check& stream_images_row_scoped() {
    static const StreamImagesRowScoped check;
    return check;
}

}  // namespace ddbguard::analyze
