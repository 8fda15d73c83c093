// DynamoDB actions whose resource type none of the statement's resources can be.
#include <set>

#include "analyze/check.hpp"
#include "analyze/grammar_facts.hpp"
#include "analyze/risk_facts.hpp"
#include "ddbguard/catalog.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

const std::vector<std::string_view> kTableFamily = {"table", "index", "stream", "backup", "export", "import"};

// DynamoDB resource types a Resource entry can match; `any` for "*" and patterns we
// cannot narrow. Conservative: when unsure, more types, never fewer.
struct Possible {
    bool any = false;
    std::set<std::string, std::less<>> types;
};

void add_family(Possible& p) { p.types.insert(kTableFamily.begin(), kTableFamily.end()); }

// A template's deploy-time value ("<UsersTable>") stands for one name: one name character.
std::string without_placeholders(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::size_t close = text[i] == '<' ? text.find('>', i) : std::string_view::npos;
        if (close != std::string_view::npos && is_placeholder(text.substr(i, close - i + 1))) {
            out += 'v';
            i = close;
        } else {
            out += text[i];
        }
    }
    return out;
}

Possible possible_types(const std::string& resource) {
    Possible p;
    if (resource == "*") {
        p.any = true;
        return p;
    }
    // A whole value or ARN part that only deploy time knows: nothing can be narrowed.
    if (!resource.starts_with("arn:") && has_placeholder(resource)) {
        p.any = true;
        return p;
    }
    if (!resource.starts_with("arn:")) return p;
    const ArnParts arn = split_arn(resource);
    if (arn.fields < 6 && has_placeholder(resource)) {
        p.any = true;
        return p;
    }
    if (arn.fields < 6) return p;
    if (util::has_wildcard(arn.service) || arn.service.find("${") != std::string_view::npos ||
        has_placeholder(arn.service) || arn.resource.starts_with("<")) {
        p.any = true;
        return p;
    }
    if (arn.service != "dynamodb") return p;
    const std::string named = without_placeholders(arn.resource);
    const std::string_view resource_part = named;
    // A variable stands for a name: replace it by one name character.
    std::string r;
    std::size_t i = 0;
    for (const VariableRef& v : variables_in(resource_part)) {
        if (!v.closed) break;
        r.append(resource_part.substr(i, v.offset - i)).append("v");
        i = v.offset + v.inner.size() + 3;
    }
    r.append(resource_part.substr(std::min(i, resource_part.size())));
    const auto wild = r.find_first_of("*?");
    const std::string prefix = r.substr(0, wild);  // all of r when there is no wildcard
    const bool exact = wild == std::string::npos;
    auto starts = [&](std::string_view s, std::string_view with) { return s.substr(0, with.size()) == with; };
    // global-table/NAME
    if (!exact && starts("global-table/", prefix)) p.types.insert("global-table");
    if (starts(prefix, "global-table/")) {
        const std::string name = prefix.substr(13);
        if (name.find('/') == std::string::npos && (!exact || !name.empty())) p.types.insert("global-table");
    }
    if (starts("table/", prefix) && !exact) {
        add_family(p);
        return p;
    }
    if (!starts(prefix, "table/")) return p;
    const std::string rest = prefix.substr(6);
    const auto slash = rest.find('/');
    if (slash == std::string::npos) {
        if (exact && !rest.empty()) p.types.insert("table");
        if (!exact) add_family(p);
        return p;
    }
    if (slash == 0) return p;
    const std::string more = rest.substr(slash + 1);
    const auto slash2 = more.find('/');
    for (std::string_view t : kTableFamily) {
        if (t == "table") continue;
        if (slash2 == std::string::npos) {
            if (!exact && starts(t, more)) p.types.insert(std::string(t));
        } else if (more.substr(0, slash2) == t) {
            const std::string last = more.substr(slash2 + 1);
            if (last.find('/') == std::string::npos && (!exact || !last.empty())) p.types.insert(std::string(t));
        }
    }
    return p;
}

class ResourceTypeMismatch final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements) check_statement(context, *policy, st);
    }

private:
    void check_statement(Context& context, const Policy& policy, const Statement& st) const {
        if (!st.has_action || st.not_action || !st.has_resource || st.not_resource || st.resources.empty()) return;
        Possible all;
        bool star = false;
        for (const Value& r : st.resources) {
            Possible p = possible_types(r.text);
            if (p.any && r.text != "*") return;  // a pattern we cannot narrow
            star = star || r.text == "*";
            all.types.insert(p.types.begin(), p.types.end());
        }
        if (star) return;
        std::string named;
        for (const std::string& t : all.types) named += (named.empty() ? "" : ", ") + t;
        auto fits = [&](const catalog::ActionInfo& info) {
            for (std::string_view t : info.resource_types)
                if (all.types.count(t) > 0) return true;
            return false;
        };
        // An Allow whose other actions use its resources only carries a dead entry (AWS CDK's
        // grant methods list GetRecords and GetShardIterator with the table ARN): it grants
        // nothing extra, an info. A Deny that protects nothing, or an Allow none of whose
        // actions fit, is very likely a mistake.
        bool statement_works = false;
        for (const Value& a : st.actions) {
            if (statement_works || !util::istarts_with(a.text, "dynamodb:")) continue;
            if (const auto info = catalog::find_action(a.text)) statement_works = fits(*info);
        }
        const Severity severity =
            st.effect == Effect::allow && statement_works ? Severity::info : Severity::warning;
        for (const Value& a : st.actions) {
            if (util::has_wildcard(a.text)) continue;
            if (!util::istarts_with(a.text, "dynamodb:")) continue;
            const auto info = catalog::find_action(a.text);
            if (!info) continue;  // unknown-action
            if (fits(*info)) continue;
            const std::string action = "dynamodb:" + std::string(info->name);
            std::string needs, fix;
            if (info->resource_types.empty()) {
                needs = "takes only \"*\" as its resource";
                fix = "grant " + action + " in its own statement with \"Resource\": \"*\"";
            } else {
                std::string types, arns;
                for (std::string_view t : info->resource_types) {
                    types += (types.empty() ? "" : " or ") + std::string(t);
                    if (auto tpl = catalog::dynamodb_resource_arn(t))
                        arns += (arns.empty() ? "" : " or ") + std::string(*tpl);
                }
                needs = "acts on " + types + " resources";
                fix = "name " + arns + ", or move " + action + " to a statement that does";
            }
            const std::string what = named.empty() ? "no DynamoDB resource" : "only " + named + " resources";
            report_with(context, doc_, severity, policy, a.loc,
                        action + " " + needs + ", but this statement names " + what + ", so it never applies to " +
                            action + (st.effect == Effect::deny ? ": the Deny does not protect it"
                                                                : ": the Allow does not grant it"),
                        std::move(fix));
        }
    }

    CheckDoc doc_{
        "resource-type-mismatch", Severity::warning,
        R"txt(A DynamoDB action is listed with resources of a type it never acts on.)txt",
        R"txt(For each DynamoDB action written out in full, compares the resource types the Service Authorization Reference gives it (table, index, stream, backup, export, import, global-table, or only "*") with the types the statement's Resource entries can match, and reports an action that none of them fits. Wildcard actions, NotAction, NotResource and patterns that cannot be narrowed are skipped.)txt",
        R"txt(IAM matches the request's resource, which for GetRecords is a stream ARN, for Query a table or index ARN, and for ListTables "*". An action whose resources the statement never names is granted (or denied) nowhere: GetRecords on a table ARN, ListTables on a table ARN, GetItem on an index ARN. The author believes the action is covered, and a Deny of this kind protects nothing. Parliament calls it RESOURCE_MISMATCH.)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetRecords", "dynamodb:ListTables"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"})json",
        R"json([{"Effect": "Allow", "Action": "dynamodb:GetRecords",
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/*"},
 {"Effect": "Allow", "Action": "dynamodb:ListTables", "Resource": "*"}])json",
        R"txt(Severity: warning: the action never acts on those resources, very likely a mistake that also leaves the intended resource ungranted (or, in a Deny, unprotected); info in an Allow whose other actions use its resources, where the entry only grants nothing (AWS CDK's grant methods list stream actions with the table ARN).)txt",
    };
};

}  // namespace

const Check& resource_type_mismatch() {
    static const ResourceTypeMismatch check;
    return check;
}

}  // namespace ddbguard::analyze
