#pragma once
// Evaluates HCL expressions to Values (value.hpp). The caller resolves variables such as
// var.x, local.y, aws_dynamodb_table.orders.arn or each.value through a Scope; the
// evaluator handles literals, templates, operators, conditionals, for expressions,
// splats, indexes, the iteration variables of for expressions and template for
// directives, and the built-in functions policies use. Nothing throws: a wrong
// expression gives an error value (Value::is_error) with the reason, an expression that
// depends on what only apply time knows gives an unknown value, and inside strings an
// unknown part becomes a "<REF>" placeholder.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/hcl/ast.hpp"
#include "sources/terraform/hcl/value.hpp"

namespace ddbguard::hcl {

// A variable and the constant steps after it, as written: aws_iam_role.app.arn.
struct Reference {
    std::string_view root;
    const std::vector<TraversalStep>& steps;
    Range range;

    std::string text() const { return traversal_text(root, steps); }
};

class Scope {
public:
    virtual ~Scope() = default;
    // The value of `ref`, or of a prefix of it: `used` starts at ref.steps.size() and
    // may be lowered to the number of steps the returned value covers; the evaluator
    // applies the remaining steps (so returning the whole object for var.settings serves
    // var.settings.timeout too). Return Value::unknown(reason, ref.text()) for what only
    // apply time knows, and Value::error(reason) for a name that does not exist.
    virtual Value resolve(const Reference& ref, std::size_t& used) const = 0;
};

// Knows nothing: every reference is unknown.
class NullScope final : public Scope {
public:
    Value resolve(const Reference& ref, std::size_t& used) const override;
};

// Names bound in front of another scope: each and count for one resource instance, the
// iterator of a dynamic block (statement.value), a module's var. Other names go to the parent.
class BoundScope final : public Scope {
public:
    explicit BoundScope(const Scope& parent) : parent_(parent) {}
    void bind(std::string name, Value value);  // rebinding a name replaces its value
    Value resolve(const Reference& ref, std::size_t& used) const override;

private:
    const Scope& parent_;
    std::vector<std::pair<std::string, Value>> bound_;
};

struct EvalOptions {
    std::uint32_t file = 0;    // stamped on the origin of every value the evaluator creates
    std::string_view source;   // the file's text, to quote expressions in reasons (may be empty)
    // file() and templatefile() read paths relative to this directory (Terraform's
    // path.module); empty: no file is read and those calls are unknown.
    std::filesystem::path base_dir;
    // Numbers a file read by file() or templatefile() for the origins of its text; when
    // absent such origins carry the number 0xFFFFFFFF.
    std::function<std::uint32_t(const std::string& path)> file_id;
    std::size_t max_steps = 200'000;      // evaluation work, counted in expressions and values built
    std::size_t max_file_bytes = 1u << 20;
    unsigned max_value_depth = 128;       // nesting of values built (tuples of tuples...)
};

inline constexpr std::uint32_t no_file = 0xFFFFFFFFu;

class Evaluator {
public:
    explicit Evaluator(const Scope& scope, EvalOptions options = {});
    // Options the caller keeps alive and unchanged while the evaluator lives (not copied).
    Evaluator(const Scope& scope, std::reference_wrapper<const EvalOptions> options);
    ~Evaluator();
    Evaluator(const Evaluator&) = delete;
    Evaluator& operator=(const Evaluator&) = delete;

    Value evaluate(const Expr& expr);
    // Problems worth a finding of their own: files that cannot be read, templates that
    // do not parse, an exhausted budget. Each evaluate() call adds to the list.
    const std::vector<Diagnostic>& diagnostics() const;
    std::size_t steps_used() const;

    struct State;

private:
    std::unique_ptr<State> state_;
};

// The text a template gives an unknown value: its placeholder.
std::string placeholder_for(const Value& unknown);

}  // namespace ddbguard::hcl
