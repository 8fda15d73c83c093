#pragma once
// The syntax tree of an HCL native-syntax file (hashicorp/hcl hclsyntax/spec.md):
// bodies of attributes and blocks, and expressions, every node with its source range.
// The node kinds follow the official parser's (hclsyntax) so that a rendering of the
// tree can be compared with what that parser produces.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ddbguard::hcl {

// 1-based line and column (the column counts Unicode code points, a tab is one, like
// ddbguard::Location) and the 0-based byte offset. line == 0: no position.
struct Pos {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::size_t offset = 0;
};

// [begin, end): `end` is the position just past the last character.
struct Range {
    Pos begin;
    Pos end;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// A constant: a number, true, false, null, or (inside a traversal step) a string key.
struct Literal {
    enum class Kind { null, boolean, number, string };
    Kind kind = Kind::null;
    bool boolean = false;
    double number = 0;
    std::string text;  // the string value, or the number as written
};

// One step of a traversal whose key is known without evaluation: `.name`, `[0]`,
// `["key"]` or the legacy index `.0`.
struct TraversalStep {
    enum class Kind { attribute, index };
    Kind kind = Kind::attribute;
    std::string name;  // attribute name
    Literal key;       // index key
    bool legacy = false;  // written `.0` rather than `[0]`
    Range range;
};

// A piece of a template. A literal keeps where each of its characters came from so that
// a position inside the resulting string can be mapped back to the file (see
// StringSegment in value.hpp).
struct TemplatePart;
struct LiteralPiece {
    std::size_t offset = 0;  // in the literal's text
    std::size_t length = 0;  // bytes of text
    Pos source;              // where those bytes start in the file
    bool verbatim = true;    // the bytes are the file's bytes (false: an escape sequence)
};

// What only %{if} and %{for} directives have (kept apart: most parts are literals).
struct TemplateDirective {
    std::vector<TemplatePart> then_parts, else_parts;  // if
    bool has_else = false;
    std::vector<TemplatePart> body;  // for
    std::string key_var, value_var;  // for (key_var empty when only one name is given)
};

struct TemplatePart {
    enum class Kind { literal, interpolation, if_directive, for_directive };
    Kind kind = Kind::literal;
    Range range;
    std::string text;                  // literal: the text after escapes and strip markers
    // literal: the text's origin; empty when the text is the file's bytes from range.begin on.
    std::vector<LiteralPiece> pieces;
    ExprPtr expr;                      // interpolation: the expression; if: the condition; for: the collection
    std::unique_ptr<TemplateDirective> directive;  // if and for
};

struct LiteralExpr {
    Literal value;
};

// A quoted string or heredoc. `wrap` is true when the template is exactly one
// interpolation ("${x}"): its value is then x's value, unconverted (HCL's unwrapping).
struct TemplateExpr {
    std::vector<TemplatePart> parts;
    bool heredoc = false;
    bool wrap = false;
};

// A variable and the static steps after it: var.x, aws_dynamodb_table.orders.arn, each.value["k"].
struct ScopeTraversal {
    std::string root;
    Range root_range;
    std::vector<TraversalStep> steps;
};

// Static steps after an expression that is not a variable: f(x).attr, [1, 2][0].
struct RelativeTraversal {
    ExprPtr source;
    std::vector<TraversalStep> steps;
};

struct FunctionCall {
    std::string name;  // provider functions keep their namespace: provider::aws::arn_parse
    Range name_range;
    std::vector<ExprPtr> args;
    bool expand_final = false;  // the last argument is followed by `...`
};

struct Conditional {
    ExprPtr condition, then_expr, else_expr;
};

enum class UnaryOp { negate, logical_not };
struct Unary {
    UnaryOp op = UnaryOp::negate;
    ExprPtr operand;
};

enum class BinaryOp {
    logical_or,
    logical_and,
    equal,
    not_equal,
    less,
    less_equal,
    greater,
    greater_equal,
    add,
    subtract,
    multiply,
    divide,
    modulo,
};
std::string_view to_string(BinaryOp);

struct Binary {
    BinaryOp op = BinaryOp::add;
    ExprPtr lhs, rhs;
};

struct Tuple {
    std::vector<ExprPtr> elements;
};

// An object element. A key written as a bare identifier is that name, not a variable
// (`{foo = 1}`); parentheses make it an expression (`{(foo) = 1}`).
struct ObjectItem {
    ExprPtr key;
    ExprPtr value;
    bool key_parenthesized = false;
};

struct Object {
    std::vector<ObjectItem> items;
};

// [for k, v in coll : value if cond] or {for k, v in coll : key => value... if cond}
struct For {
    std::string key_var;  // empty when only one name is given
    std::string value_var;
    ExprPtr collection;
    ExprPtr key_expr;    // object form only
    ExprPtr value_expr;
    ExprPtr condition;   // may be null
    bool group = false;  // `...` after the value: group values by key
    bool object = false;
};

// coll[key] with a key that needs evaluating (constant keys become traversal steps).
struct Index {
    ExprPtr collection;
    ExprPtr key;
};

// source[*].each or source.*.each: `each` is evaluated for every element, with the
// element standing in for the AnonSymbol inside it.
struct Splat {
    ExprPtr source;
    ExprPtr each;
    bool attribute_only = false;  // the legacy `.*` form
};

struct AnonSymbol {};

struct Parens {
    ExprPtr inner;
};

struct Expr {
    Range range;
    std::variant<LiteralExpr, TemplateExpr, ScopeTraversal, RelativeTraversal, FunctionCall, Conditional, Unary, Binary,
                 Tuple, Object, For, Index, Splat, AnonSymbol, Parens>
        node;

    Expr() = default;
    Expr(const Expr&) = delete;
    Expr& operator=(const Expr&) = delete;
    // Long operator chains (a + b + c ...) are deep trees; they are freed without recursion.
    ~Expr();

    template <class T>
    const T* as() const {
        return std::get_if<T>(&node);
    }
};

struct Attribute {
    std::string name;
    Range name_range;
    ExprPtr expr;
    Range range;
};

struct Block;

struct Body {
    std::vector<Attribute> attributes;  // source order; names are unique within a body
    std::vector<Block> blocks;          // source order
    Range range;

    const Attribute* attribute(std::string_view name) const;
    std::vector<const Block*> blocks_of_type(std::string_view type) const;
};

struct Block {
    std::string type;
    Range type_range;
    std::vector<std::string> labels;
    std::vector<Range> label_ranges;
    Body body;
    Range open_brace, close_brace;
    Range range;
};

struct File {
    std::string path;
    std::string source;  // the file's text: expressions can be quoted from it
    Body body;

    std::string_view text(const Range& r) const;
};

// A located problem. Everything the parser reports is an error: the file is not valid HCL.
// `kind` lets a caller give some problems their own finding.
struct Diagnostic {
    enum class Kind {
        syntax,
        encoding,            // not UTF-8, or a NUL byte
        too_large,           // over ParseOptions::max_bytes
        too_deep,            // over ParseOptions::max_depth
        duplicate_argument,
        // "${aws:username}" in a string: an IAM policy variable that HCL reads as an
        // interpolation; it must be written "$${aws:username}".
        unescaped_policy_variable,
        file,             // file() or templatefile() could not read its file
        template_syntax,  // a templatefile() template does not parse
        budget,           // evaluation stopped at EvalOptions::max_steps
    };
    std::string message;
    Range range;
    Kind kind = Kind::syntax;
};

// The text of a traversal as written in canonical form: aws_iam_role.app.arn, var.m["k"], x[0].
std::string traversal_text(std::string_view root, const std::vector<TraversalStep>& steps);

}  // namespace ddbguard::hcl
