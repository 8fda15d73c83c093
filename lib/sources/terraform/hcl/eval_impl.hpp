#pragma once
// The evaluation engine behind Evaluator, shared by eval.cpp (expressions), functions.cpp
// (built-in functions) and json_value.cpp (jsonencode/jsondecode). Internal to hcl/.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sources/terraform/hcl/eval.hpp"

namespace ddbguard::hcl::detail {

// Thrown when the work budget runs out; caught in Evaluator::evaluate.
struct BudgetExhausted {};

// What nested evaluations (templatefile) share with the outer one.
struct Shared {
    std::size_t steps = 0;
    std::size_t max_steps = 0;
    std::vector<Diagnostic> diagnostics;
    unsigned template_depth = 0;
};

class Engine;

// Builds a string from pieces while keeping track of where each run came from and of
// the placeholders that stand for unknown parts. Every append is charged to the
// engine's budget, so a template loop cannot build an unbounded string.
class StringBuilder {
public:
    explicit StringBuilder(Engine& engine) : engine_(engine) {}
    void literal(const TemplatePart& part, std::uint32_t file);  // a literal part of a template
    void value(const Value& string_value);  // a known string: its text, segments and placeholders
    void text(std::string_view text, Origin origin, bool verbatim = false);
    void placeholder(const Value& unknown, Origin origin);
    std::size_t size() const { return text_.size(); }
    Value build(Origin origin);

private:
    Engine& engine_;
    std::string text_;
    std::vector<StringSegment> segments_;
    std::vector<Placeholder> placeholders_;
};

class Engine {
public:
    Engine(const Scope& scope, const EvalOptions& options, Shared& shared);

    Value eval(const Expr& e);

    // For the functions.
    const EvalOptions& options() const { return options_; }
    Shared& shared() { return shared_; }
    Origin origin(const Range& r) const { return Origin{options_.file, r}; }
    void charge(std::size_t units);
    // Collections built by the evaluator: checks the nesting limit.
    Value tuple(std::vector<Value> elements, Origin origin);
    Value object(std::vector<std::pair<std::string, Value>> members, Origin origin, std::vector<Origin> key_origins = {});
    std::string source_text(const Range& r) const;
    void diagnose(const Range& r, std::string message, Diagnostic::Kind kind);
    // Gives an unknown without a reference the text of the expression that produced it.
    Value referenced(Value unknown, const Expr& e) const;
    // Conversions as HCL applies them to operands and arguments (error values on failure).
    Value to_string_value(const Value& v, const std::string& what) const;
    std::optional<double> to_number(const Value& v) const;
    std::optional<bool> to_bool(const Value& v) const;

    Value call(const FunctionCall& call, const Expr& e);  // functions.cpp

private:
    Value eval_template(const TemplateExpr& t, const Expr& e);
    void render_parts(const std::vector<TemplatePart>& parts, StringBuilder& out, std::optional<Value>& failure);
    Value eval_traversal(const ScopeTraversal& t, const Expr& e);
    Value apply_step(const Value& v, const TraversalStep& step, const std::string& path) const;
    Value index(const Value& coll, const Value& key, const Origin& origin, const std::string& path) const;
    Value eval_for(const For& f, const Expr& e);
    Value eval_splat(const Splat& s, const Expr& e);
    Value eval_binary(const Binary& b, const Expr& e);
    Value eval_unary(const Unary& u, const Expr& e);
    Value eval_conditional(const Conditional& c, const Expr& e);
    Value eval_object(const Object& o, const Expr& e);
    const Value* local(std::string_view name) const;

    const Scope& scope_;
    const EvalOptions& options_;
    Shared& shared_;
    std::vector<std::pair<std::string, Value>> locals_;  // for-expression and template-for variables
    std::vector<Value> splat_items_;                      // what each splat's AnonSymbol stands for
    unsigned depth_ = 0;
};

// JSON text of a value as Terraform's jsonencode writes it (keys sorted, no spaces, <, >
// and & escaped as \u003c, \u003e, \u0026). Unknown parts are written as "<REF>"
// placeholder strings and recorded in `placeholders`. The work is charged to `engine`.
std::string encode_json(const Value& v, std::vector<Placeholder>& placeholders, Engine& engine);
// jsondecode: the value of JSON text, origins set to `origin`. Error value on bad JSON.
Value decode_json(const Value& text, Origin origin, unsigned max_depth);
// Placeholders of `from` that occur again in `text` (after a string was cut or changed).
std::vector<Placeholder> find_placeholders(std::string_view text, const std::vector<Placeholder>& from);

}  // namespace ddbguard::hcl::detail
