// Operator family versus the key's type, and literal values the operator cannot read.
#include "analyze/check.hpp"
#include "ddbguard/catalog.hpp"
#include "evaluate/operators.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

using catalog::KeyType;
using eval::Family;

std::string_view family_name(Family f) {
    switch (f) {
        case Family::string:
        case Family::string_ignore_case:
        case Family::string_like: return "String";
        case Family::numeric: return "Numeric";
        case Family::date: return "Date";
        case Family::boolean: return "Bool";
        case Family::binary: return "Binary";
        case Family::ip: return "IP address";
        case Family::arn: return "ARN";
        case Family::null: return "Null";
        case Family::unknown: break;
    }
    return "unknown";
}

// The operators to suggest for a key type.
std::string_view operators_for(KeyType t) {
    switch (t) {
        case KeyType::string: return "a String operator (StringEquals, StringLike, ...)";
        case KeyType::arn: return "an Arn operator (ArnEquals, ArnLike, ...) or a String operator";
        case KeyType::numeric: return "a Numeric operator (NumericEquals, NumericLessThan, ...)";
        case KeyType::date: return "a Date operator (DateGreaterThan, DateLessThan, ...)";
        case KeyType::boolean: return "Bool";
        case KeyType::ip: return "IpAddress or NotIpAddress";
        case KeyType::binary: return "BinaryEquals";
        case KeyType::unknown: break;
    }
    return "an operator of the key's type";
}

bool compatible(Family f, KeyType t, std::string_view key) {
    switch (f) {
        case Family::string:
        case Family::string_ignore_case:
        case Family::string_like: return t == KeyType::string || t == KeyType::arn;
        // Arn operators on a String key that holds ARNs work; Parliament calls it usable.
        case Family::arn: return t == KeyType::arn || t == KeyType::string;
        // aws:EpochTime is documented as both Date and Numeric (IAM User Guide, global keys).
        case Family::numeric: return t == KeyType::numeric || util::iequals(key, "aws:EpochTime");
        case Family::date: return t == KeyType::date;
        case Family::boolean: return t == KeyType::boolean;
        case Family::binary: return t == KeyType::binary;
        case Family::ip: return t == KeyType::ip;
        case Family::null:
        case Family::unknown: return true;
    }
    return true;
}

class ConditionTypeMismatch final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements)
                for (const ConditionEntry& c : st.conditions) check_one(context, *policy, c);
    }

private:
    void check_one(Context& context, const Policy& policy, const ConditionEntry& c) const {
        const eval::OperatorInfo op = eval::classify_operator(c.op);
        if (op.family == Family::unknown) return;  // unknown-condition-operator, null-misuse
        if (op.family != Family::null) {
            if (auto key = catalog::find_key(c.key); key && key->type != KeyType::unknown &&
                                                     !compatible(op.family, key->type, c.key)) {
                context.report(doc_, policy, c.key_loc,
                               std::string(key->name) + " is of type " + std::string(catalog::to_string(key->type)) +
                                   ", but " + c.op + " compares " + std::string(family_name(op.family)) +
                                   " values: a type mismatch, which IAM Access Analyzer reports as an error, and whose result does not follow the key's meaning",
                               "use " + std::string(operators_for(key->type)));
                // A String operator still compares the key's text ("true", "3600"): it works
                // when written exactly so, as some AWS managed policies do. A warning, not an error.
                if (op.family == Family::string) context.findings().back().severity = Severity::warning;
                return;
            }
        }
        for (const Value& v : c.values) {
            if (v.text.find("${") != std::string::npos) continue;  // unknown-variable judges variables
            if (has_placeholder(v.text)) continue;                 // a template value deploy time decides
            std::string expected;
            switch (op.family) {
                case Family::null:
                case Family::boolean:
                    if (!eval::parse_bool(v.text)) expected = "\"true\" or \"false\"";
                    break;
                case Family::numeric:
                    if (!eval::parse_number(v.text)) expected = "a number such as \"3600\"";
                    break;
                case Family::date:
                    if (!eval::parse_date(v.text))
                        expected = "an ISO 8601 date such as \"2026-01-01T00:00:00Z\" or epoch seconds";
                    break;
                case Family::ip:
                    if (!eval::parse_ip(v.text)) expected = "an IP address or CIDR block such as \"203.0.113.0/24\"";
                    break;
                default: break;
            }
            if (expected.empty()) continue;
            context.report(doc_, policy, v.loc,
                           "\"" + v.text + "\" is not a valid value for " + c.op + " (" + c.key +
                               "): the value can never match",
                           "write " + expected);
        }
    }

    CheckDoc doc_{
        "condition-type-mismatch", Severity::error,
        R"txt(A condition operator does not fit its key's type, or a value is not of the operator's type.)txt",
        R"txt(Compares the operator family (String, Numeric, Date, Bool, IpAddress, Arn, Binary) with the key's type from the Service Authorization Reference and the global-key list (Arn keys accept String operators, and String keys Arn operators), and checks literal values: Bool and Null take "true" or "false", Numeric a number, Date an ISO 8601 date or epoch seconds, IpAddress an address or CIDR block. A String operator on a Bool, Numeric or Date key is a warning: IAM compares the text, which works only when it is written exactly as the request carries it.)txt",
        R"txt(IAM compares a value it cannot read as the operator's type as a mismatch: a Numeric operator on "one hour", a Bool on "yes" or a date such as "01/02/2026" never matches, so an Allow with it grants nothing and a Deny with it never fires; with a negated operator the opposite holds. IAM Access Analyzer reports these as errors ("Type mismatch", "Invalid date value", ...).)txt",
        R"json("Condition": {"Bool": {"aws:SecureTransport": "yes"},
              "StringEquals": {"aws:MultiFactorAuthAge": "3600"}})json",
        R"json("Condition": {"Bool": {"aws:SecureTransport": "true"},
              "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}})json",
        R"txt(Severity: error: the comparison cannot work as written; warning where a String operator on a typed key still compares text.)txt",
    };
};

}  // namespace

const Check& condition_type_mismatch() {
    static const ConditionTypeMismatch check;
    return check;
}

}  // namespace ddbguard::analyze
