#pragma once
// The evaluator's semantics (lib/evaluate/evaluator.cpp, docs/dynamodb-iam.md section 2)
// as Z3 constraints over a symbolic request: the action is an index into a finite list
// of candidate actions (matched against Action/NotAction concretely, with the evaluator's
// own matcher), the resource is a Z3 string, and every context key is a presence flag,
// a value count and a bounded sequence of Z3 strings (or, for a key DynamoDB fills from
// a few constants such as dynamodb:Select, a choice among them: no string at all). The readings of the undocumented
// cases (Readings) are free Booleans, so a proof holds under every reading.
//
// One function per condition operator family, in the order of evaluator.cpp's
// value_matches(). Where a family has no exact encoding here (numeric, date, IP, an Arn
// or IgnoreCase pattern holding a variable, a Principal), its truth value is a fresh free
// Boolean: an over-approximation of what the policies allow, so unsat still proves the
// property, and a model is confirmed by the concrete Evaluator before it refutes anything.
#ifdef DDBGUARD_HAVE_Z3
#include <z3++.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/evaluate.hpp"
#include "ddbguard/policy.hpp"
#include "evaluate/operators.hpp"
#include "evaluate/variables.hpp"
#include "evaluate/wildcard.hpp"

namespace ddbguard::smt {

// A context key of the symbolic request.
struct KeyVar {
    std::string key;         // as first met
    bool multivalued = false;
    z3::expr present;        // Bool
    z3::expr count;          // Int: number of values (1 for a single-valued key that is present)
    std::vector<z3::expr> values;  // String, `bound` of them; only the first `count` count
    // A key whose values DynamoDB draws from a few constants (dynamodb:Select): `domain`
    // lists them, each value is an ite over them and `selectors` (Int) pick one.
    std::vector<std::string> domain;
    std::vector<z3::expr> selectors;
};

// One part of a policy value: literal text (with wildcard kinds) or a variable.
using Part = eval::TemplatePart;
// The parts eval::Template::compile finds (lib/evaluate/variables.cpp): one parser for both.
std::vector<Part> parse_template(std::string_view text, bool substitute, bool wildcards);

// A resource ARN as its six segments (the first five hold no ':'), so that a Resource
// pattern matches segment by segment as eval::arn_match does, which the string solver
// finds far easier than one regular expression over the whole ARN.
struct ArnTerm {
    z3::expr whole;
    std::vector<z3::expr> segments;  // six
};
ArnTerm arn_term(z3::context& ctx, std::vector<z3::expr> segments);

class Semantics {
public:
    // `finite`: lower-case keys whose every value is one of the listed constants (in every
    // request the property ranges over), encoded without strings.
    Semantics(z3::context& ctx, const std::vector<const Policy*>& set, std::vector<std::string> actions,
              std::string prefix, std::map<std::string, std::vector<std::string>> finite = {});

    z3::context& ctx() { return ctx_; }
    // Index into actions() of the request's action.
    const z3::expr& action() const { return action_; }
    const std::vector<std::string>& actions() const { return actions_; }
    z3::expr is_action(std::string_view name);  // false when `name` is not a candidate

    // The decision "allow" for a request on `resource` (a Z3 string).
    z3::expr allowed(const ArnTerm& resource);
    // Whether `st`'s Resource/NotResource covers `resource` (the evaluator's rules).
    z3::expr resource_matches(const Policy& policy, const Statement& st, const ArnTerm& resource);
    // eval::arn_match for a pattern without variables.
    z3::expr arn_matches(const eval::Pattern& p, const ArnTerm& resource);

    KeyVar& key(std::string_view name);
    // The keys met so far, by lower-case name.
    const std::map<std::string, KeyVar>& keys() const { return keys_; }
    std::size_t bound(std::string_view key) const;

    z3::expr reading_negated_true() const { return reading_negated_; }
    z3::expr reading_entry_matches_none() const { return reading_entry_; }
    // Whether the encoding so far depends on the readings at all.
    bool readings_used() const { return readings_used_; }

    // String constant from UTF-8 text (code points, as Z3 strings count them).
    z3::expr str(std::string_view utf8);
    // Regular expressions.
    z3::expr re_all();
    z3::expr re_char();          // one code point
    z3::expr re_not_char(char c);  // one code point other than `c`
    z3::expr re_lit(std::string_view utf8);
    z3::expr re_union(const z3::expr& a, const z3::expr& b);
    z3::expr re_glob(const eval::Pattern& p, bool ignore_case, bool colon_free);
    z3::expr re_arn(const eval::Pattern& p);  // eval::arn_match, for a pattern without variables

    // The rendered text of a value's parts: `ok` false when a variable is unresolved.
    struct Rendered {
        z3::expr ok;
        z3::expr text;       // valid when every part is literal text without wildcards
        bool wild = false;   // some literal part holds a wildcard
    };
    Rendered render(const std::vector<Part>& parts);

    // The values of the model as a concrete request (context keys present in the model).
    Request decode(const z3::model& m, const z3::expr& resource);
    Readings decode_readings(const z3::model& m);

    // Over-approximations made so far ("NumericLessThan on aws:CurrentTime"), empty when exact.
    const std::vector<std::string>& approximations() const { return approximations_; }
    z3::expr fresh_bool(std::string why);
    // Condition keys whose conditions were over-approximated (their model values mean nothing).
    const std::vector<std::string>& opaque_keys() const { return opaque_keys_; }
    // The free Booleans standing for over-approximated truth values.
    const std::vector<z3::expr>& opaque() const { return opaque_; }

    // Constraints that every request satisfies whatever the policies say (value counts).
    z3::expr_vector& domain() { return domain_; }

private:
    struct Tri {
        z3::expr yes, unknown;
    };
    z3::expr statement_applies(const Policy& policy, const Statement& st);
    z3::expr action_matches(const Statement& st);
    Tri condition(const Policy& policy, const ConditionEntry& c, bool deny);
    Tri condition_exact(const Policy& policy, const ConditionEntry& c, const eval::OperatorInfo& op);
    // The positive comparison of listed value `v` (parts `parts`) against request value `x`.
    z3::expr value_matches(const eval::OperatorInfo& op, const ConditionEntry& c, const Value& v,
                           const std::vector<Part>& parts, const z3::expr& x);
    z3::expr match_string(const std::vector<Part>& parts, const z3::expr& x);
    z3::expr match_string_ignore_case(const ConditionEntry& c, const std::vector<Part>& parts, const z3::expr& x);
    z3::expr match_string_like(const ConditionEntry& c, const std::vector<Part>& parts, const z3::expr& x);
    // util::glob_match of a pattern holding variables ('*' exact, '?' beside a variable over-approximated).
    z3::expr glob_with_variables(const std::vector<Part>& parts, const z3::expr& x, const std::string& why);
    z3::expr arn_matches_with_variables(const std::vector<Part>& parts, const ArnTerm& resource);
    z3::expr match_arn(const ConditionEntry& c, const std::vector<Part>& parts, const z3::expr& x);
    z3::expr match_boolean(const Value& v, const z3::expr& x);
    z3::expr match_binary(const Value& v, const z3::expr& x);
    z3::expr match_opaque(const ConditionEntry& c, const z3::expr& x);  // numeric, date, IP
    z3::expr holds_for(const eval::OperatorInfo& op, const ConditionEntry& c, bool substitute, const z3::expr& x);
    z3::expr holds_at(const eval::OperatorInfo& op, const ConditionEntry& c, bool substitute, const KeyVar& k,
                      std::size_t i);

    z3::context& ctx_;
    std::vector<const Policy*> set_;
    std::vector<std::string> actions_;
    std::string prefix_;
    z3::expr action_;
    std::optional<ArnTerm> resource_;  // of the request allowed() judges
    z3::expr reading_negated_, reading_entry_;
    std::map<std::string, std::vector<std::string>> finite_;
    std::map<std::string, KeyVar> keys_;         // lower-case key
    std::map<std::string, std::size_t> bounds_;  // lower-case key -> values per request
    z3::expr_vector domain_;
    std::vector<std::string> approximations_;
    std::vector<std::string> opaque_keys_;
    std::vector<z3::expr> opaque_;
    unsigned fresh_ = 0;
    bool readings_used_ = false;
};

}  // namespace ddbguard::smt
#endif
