// The HCL reader (lib/sources/terraform/hcl): parser, positions, diagnostics, limits and
// the evaluator with its functions and placeholders.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <unistd.h>

#include "sources/terraform/hcl/eval.hpp"
#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/hcl/to_json.hpp"

namespace hcl = ddbguard::hcl;
namespace fs = std::filesystem;
using hcl::Value;

namespace {

const fs::path source_dir = DDBGUARD_SOURCE_DIR;

hcl::ParseResult parse_ok(std::string_view src) {
    hcl::ParseResult r = hcl::parse(src, "test.tf");
    INFO(src);
    if (!r.diagnostics.empty()) INFO(r.diagnostics.front().message);
    REQUIRE(r.ok());
    return r;
}

// "LINE:COL: message" of the first diagnostic, or "" when the source parses.
std::string first_error(std::string_view src, const hcl::ParseOptions& options = {}) {
    hcl::ParseResult r = hcl::parse(src, "test.tf", options);
    if (r.diagnostics.empty()) return "";
    const auto& d = r.diagnostics.front();
    return std::to_string(d.range.begin.line) + ":" + std::to_string(d.range.begin.column) + ": " + d.message;
}

// Resolves references by the longest prefix that has a value: "var.region",
// "aws_dynamodb_table.orders" (then .arn is looked up in the object).
class MapScope : public hcl::Scope {
public:
    std::map<std::string, Value> values;
    Value resolve(const hcl::Reference& ref, std::size_t& used) const override {
        for (std::size_t n = ref.steps.size() + 1; n-- > 0;) {
            std::vector<hcl::TraversalStep> prefix(ref.steps.begin(), ref.steps.begin() + static_cast<long>(n));
            auto it = values.find(hcl::traversal_text(ref.root, prefix));
            if (it != values.end()) {
                used = n;
                return it->second;
            }
        }
        return Value::unknown("not known until apply", ref.text());
    }
};

struct Evaluated {
    hcl::ParseResult parsed;
    Value value;
    std::vector<hcl::Diagnostic> diagnostics;
};

// Evaluates `x = EXPR` (or the attribute `name` of a larger source).
Evaluated eval_src(const std::string& src, const hcl::Scope& scope, const std::string& name = "x",
                   hcl::EvalOptions options = {}) {
    Evaluated out{parse_ok(src), {}, {}};
    const hcl::Attribute* attr = out.parsed.file.body.attribute(name);
    REQUIRE(attr != nullptr);
    options.source = out.parsed.file.source;
    hcl::Evaluator ev(scope, options);
    out.value = ev.evaluate(*attr->expr);
    out.diagnostics = ev.diagnostics();
    return out;
}

Value eval_expr(const std::string& expr, const hcl::Scope& scope = hcl::NullScope()) {
    return eval_src("x = " + expr + "\n", scope).value;
}

std::string str(const std::string& expr, const hcl::Scope& scope = hcl::NullScope()) {
    Value v = eval_expr(expr, scope);
    INFO(expr << " -> " << (v.is_known() ? std::string(hcl::to_string(v.kind())) : "unknown: " + v.reason()));
    REQUIRE(v.is_string());
    return v.as_string();
}

double num(const std::string& expr) {
    Value v = eval_expr(expr);
    INFO(expr << " -> " << v.reason());
    REQUIRE(v.kind() == Value::Kind::number);
    return v.as_number();
}

bool boolean(const std::string& expr) {
    Value v = eval_expr(expr);
    INFO(expr << " -> " << v.reason());
    REQUIRE(v.kind() == Value::Kind::boolean);
    return v.as_bool();
}

// The JSON text jsonencode() gives, to compare whole values at once.
std::string json(const std::string& expr, const hcl::Scope& scope = hcl::NullScope()) {
    return str("jsonencode(" + expr + ")", scope);
}

std::string at(const hcl::Pos& p) { return std::to_string(p.line) + ":" + std::to_string(p.column); }

// A value as JSON text, through the evaluator's own jsonencode.
std::string json_text_of(const Value& v) {
    class Fixed : public hcl::Scope {
    public:
        explicit Fixed(Value v) : v_(std::move(v)) {}
        Value resolve(const hcl::Reference&, std::size_t& used) const override {
            used = 0;
            return v_;
        }

    private:
        Value v_;
    } scope(v);
    hcl::ParseResult r = hcl::parse("x = jsonencode(v)\n", "t.tf");
    hcl::Evaluator ev(scope);
    return ev.evaluate(*r.file.body.attributes.at(0).expr).as_string();
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".tf") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

// ---- structure and positions ------------------------------------------------------------

TEST_CASE("hcl: attributes and blocks keep their source ranges", "[hcl]") {
    auto r = parse_ok("# header\nresource \"aws_iam_role\" app {\n  name = \"app\"\n  inline_policy {\n    policy = x\n  }\n}\ncount = 3\n");
    const auto& body = r.file.body;
    REQUIRE(body.blocks.size() == 1);
    const auto& block = body.blocks[0];
    CHECK(block.type == "resource");
    CHECK(block.labels == std::vector<std::string>{"aws_iam_role", "app"});
    CHECK(at(block.type_range.begin) == "2:1");
    CHECK(at(block.label_ranges[0].begin) == "2:10");
    CHECK(at(block.label_ranges[1].begin) == "2:25");
    CHECK(at(block.open_brace.begin) == "2:29");
    CHECK(at(block.close_brace.begin) == "7:1");
    const auto* name = block.body.attribute("name");
    REQUIRE(name);
    CHECK(at(name->name_range.begin) == "3:3");
    CHECK(at(name->expr->range.begin) == "3:10");
    CHECK(at(name->expr->range.end) == "3:15");
    CHECK(name->expr->range.begin.offset == r.file.source.find("\"app\""));
    REQUIRE(block.body.blocks_of_type("inline_policy").size() == 1);
    CHECK(at(block.body.blocks[0].body.attribute("policy")->expr->range.begin) == "5:14");
    CHECK(at(body.attribute("count")->range.begin) == "8:1");
}

TEST_CASE("hcl: columns count code points; tabs are one column; CRLF ends a line; a BOM is skipped", "[hcl]") {
    auto r = parse_ok("\xEF\xBB\xBF" "a = \"\xC3\xA9\xF0\x9F\x98\x80\" # caf\xC3\xA9\r\n\tb\t=\t1\r\n");
    CHECK(at(r.file.body.attributes[0].name_range.begin) == "1:1");
    CHECK(at(r.file.body.attributes[0].expr->range.end) == "1:9");
    CHECK(at(r.file.body.attributes[1].name_range.begin) == "2:2");
    CHECK(at(r.file.body.attributes[1].expr->range.begin) == "2:6");
}

TEST_CASE("hcl: one-line blocks, identifier labels, empty and repeated blocks", "[hcl]") {
    auto r = parse_ok("a { b = 1 }\nc x \"y\" {}\nc {\n}\nd \"e\" { f = [1,\n2] }\n");
    const auto& blocks = r.file.body.blocks;
    REQUIRE(blocks.size() == 4);
    CHECK(blocks[0].body.attribute("b") != nullptr);
    CHECK(blocks[1].labels == std::vector<std::string>{"x", "y"});
    CHECK(blocks[2].body.attributes.empty());
    CHECK(blocks[3].body.attribute("f") != nullptr);
}

TEST_CASE("hcl: comments of the three kinds, anywhere white space may go", "[hcl]") {
    auto r = parse_ok("# a\n// b\n/* c\n d */ x = /* e */ 1 # f\ny = [ # g\n 1, // h\n 2 /* i */ ]\n/* end */");
    CHECK(r.file.body.attributes.size() == 2);
    CHECK(first_error("x = 1 /* never closed\n") ==
          "1:7: expected a newline after the value of 'x', found a /* comment that is never closed with */");
}

TEST_CASE("hcl: a newline ends an expression in a body or an object, not inside brackets", "[hcl]") {
    parse_ok("x = (1 +\n 2)\ny = [1 +\n 2]\nz = f(1,\n 2)\nw = \"${1 +\n 2}\"\nv = {\n a = [\n 1]\n}\n");
    CHECK(first_error("x = 1 +\n 2\n") == "1:8: expected an expression, found a newline");
    CHECK(first_error("x = {\n a = 1 +\n 2\n}\n") == "2:9: expected an expression, found a newline");
    CHECK(first_error("x = a ? b :\n c\n") == "1:12: expected an expression, found a newline");
}

// ---- strings, templates, heredocs --------------------------------------------------------

TEST_CASE("hcl: string escapes", "[hcl]") {
    CHECK(str(R"("a\nb\tc\rd")") == "a\nb\tc\rd");
    CHECK(str(R"("say \"hi\" C:\\x")") == "say \"hi\" C:\\x");
    CHECK(str(R"("caf\u00e9 \U0001F600")") == "caf\xC3\xA9 \xF0\x9F\x98\x80");
    CHECK(str(R"("$${aws:username} %%{x} $$ 100% $5")") == "${aws:username} %{x} $$ 100% $5");
    CHECK(first_error("x = \"\\x\"\n") ==
          "1:6: invalid escape sequence \\x: use \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN (a Windows path "
          "needs \\\\)");
    CHECK(first_error("x = \"\\u12\"\n") == "1:6: invalid escape sequence: \\u must be followed by four hexadecimal digits");
    CHECK(first_error("x = \"\\uD800\"\n") == "1:6: invalid escape sequence: \\uD800 is not a Unicode character");
    CHECK(first_error("x = \"a\nb\"\n") ==
          "1:7: the string opened at 1:5 runs past the end of the line: a quoted string cannot span lines (write \\n "
          "for a line break, or use a heredoc <<EOT)");
    CHECK(first_error("x = \"abc\n").find("1:9: the string opened at 1:5 runs past the end of the line") == 0);
    CHECK(first_error("x = \"abc") == "1:5: the string opened at 1:5 is never closed: no '\"' before the end of the file");
}

TEST_CASE("hcl: templates interpolate, unwrap a lone interpolation, and strip with ~", "[hcl]") {
    MapScope scope;
    scope.values["var.env"] = Value::string("prod");
    scope.values["var.n"] = Value::number(3);
    CHECK(str(R"("app-${var.env}-${var.n}")", scope) == "app-prod-3");
    CHECK(eval_expr(R"("${var.n}")", scope).kind() == Value::Kind::number);   // unwrapped, not converted
    CHECK(eval_expr(R"(" ${~var.n}")", scope).kind() == Value::Kind::string);  // an (empty) literal: a string
    CHECK(str(R"("a ${~ var.env ~} b")", scope) == "aprodb");
    CHECK(str(R"("a ${var.env~}   b  ")", scope) == "a prodb  ");
    CHECK(str(R"("${"x"}${" y"~}  z")", scope) == "x yz");
    CHECK(str(R"("a${1.5}b${true}c${1e3}")") == "a1.5btruec1000");
    CHECK(str(R"("outer-${"inner-${var.env}"}")", scope) == "outer-inner-prod");
}

TEST_CASE("hcl: template directives", "[hcl]") {
    MapScope scope;
    scope.values["var.on"] = Value::boolean(true);
    scope.values["var.off"] = Value::boolean(false);
    scope.values["var.list"] = Value::tuple({Value::string("a"), Value::string("b")});
    scope.values["var.map"] = Value::object({{"k2", Value::string("v2")}, {"k1", Value::string("v1")}});
    CHECK(str(R"("%{if var.on}yes%{else}no%{endif}")", scope) == "yes");
    CHECK(str(R"("%{if var.off}yes%{endif}")", scope) == "");
    CHECK(str(R"("[%{ for x in var.list ~} ${x} %{~ endfor }]")", scope) == "[ab]");
    CHECK(str(R"("%{for k, v in var.map}${k}=${v};%{endfor}")", scope) == "k1=v1;k2=v2;");
    CHECK(str(R"("%{for i, x in var.list}${i}${x}%{endfor}")", scope) == "0a1b");
    CHECK(str("\"%{if var.on ~}  x  %{~ endif}\"", scope) == "x");
    CHECK(first_error("x = \"%{ if a }\"\n") == "1:6: the %{if} at 1:6 has no matching %{endif}");
    CHECK(first_error("x = \"%{ endif }\"\n") == "1:6: unexpected %{endif}: no matching %{if} is open");
    CHECK(first_error("x = \"%{ for a in b }%{ endif }\"\n") ==
          "1:21: expected %{endfor} for the %{for} at 1:6, found %{endif}");
    CHECK(first_error("x = \"%{ esle }\"\n") ==
          "1:9: 'esle' is not a template directive: use if, else, endif, for or endfor (did you mean 'else'?)");
}

TEST_CASE("hcl: a heredoc keeps its text; <<- removes the common indentation like Terraform", "[hcl]") {
    CHECK(str("<<EOF\n  a\n    b\nEOF\n") == "  a\n    b\n");
    CHECK(str("<<-EOF\n    a\n      b\n\n    c\n    EOF\n") == "a\n  b\n\nc\n");
    // Blank lines do not count and keep their spaces; a line that starts with an
    // interpolation counts as no indentation at all.
    CHECK(str("<<-EOF\n    a\n      \n    b\n  EOF\n") == "a\n      \nb\n");
    MapScope scope;
    scope.values["var.x"] = Value::string("X");
    CHECK(str("<<-EOF\n    ${var.x}\n      y\n    EOF\n", scope) == "X\n  y\n");
    CHECK(str("<<-EOF\n${var.x}\n      y\n    EOF\n", scope) == "X\n      y\n");
    CHECK(str("<<-EOF\n\t\ta\n\t\t\tb\n\t\tEOF\n") == "a\n\tb\n");
    CHECK(str("<<EOF\n$${aws:username} \\n\nEOF\n") == "${aws:username} \\n\n");  // no backslash escapes
    CHECK(str("<<EOF\nEOF\n") == "");
    CHECK(str("<<EOT\nx\n   EOT   \n") == "x\n");  // the closing marker may be indented
    CHECK(str("[<<EOT\none\nEOT\n, \"two\"][0]") == "one\n");
    CHECK(first_error("x = <<EOT\nabc\nEOT") ==
          "1:5: the heredoc <<EOT opened at 1:5 is never closed: 'EOT' must appear alone on a line, followed by a "
          "newline");
}

TEST_CASE("hcl: positions inside strings map back to the file", "[hcl]") {
    auto e = eval_src("x = <<-EOF\n    {\n      \"Action\": \"dynamodb:Scan\"\n    }\n  EOF\n", hcl::NullScope());
    const std::string& s = e.value.as_string();
    std::size_t at_action = s.find("dynamodb:Scan");
    CHECK(at(e.value.locate(at_action).range.begin) == "3:18");
    CHECK(at(e.value.locate(0).range.begin) == "2:5");
    auto q = eval_src("x = \"a\\\"bc\"\n", hcl::NullScope());
    CHECK(at(q.value.locate(0).range.begin) == "1:6");
    CHECK(at(q.value.locate(1).range.begin) == "1:7");  // the escape \" as a whole
    CHECK(at(q.value.locate(2).range.begin) == "1:9");
}

// ---- expressions ----------------------------------------------------------------------

TEST_CASE("hcl: operator precedence and associativity", "[hcl]") {
    CHECK(num("1 + 2 * 3") == 7);
    CHECK(num("(1 + 2) * 3") == 9);
    CHECK(num("10 - 4 - 3") == 3);
    CHECK(num("2 * 3 % 4") == 2);
    CHECK(num("8 / 4 / 2") == 1);
    CHECK(num("-2 * 3 + 1") == -5);
    CHECK(num("- -1") == 1);
    CHECK(boolean("1 + 1 == 2 && 3 > 2 || false"));
    CHECK(!boolean("!true || false && true"));
    CHECK(boolean("1 < 2 == true"));
    CHECK(boolean("\"1\" + 1 == 2"));  // numbers convert from strings
    CHECK(!boolean("1 == \"1\""));     // equality does not convert
    auto r = parse_ok("x = a || b && c == d + e * f\n");
    const auto* top = r.file.body.attributes[0].expr->as<hcl::Binary>();
    REQUIRE(top);
    CHECK(top->op == hcl::BinaryOp::logical_or);
    const auto* rhs = top->rhs->as<hcl::Binary>();
    REQUIRE(rhs);
    CHECK(rhs->op == hcl::BinaryOp::logical_and);
    CHECK(rhs->rhs->as<hcl::Binary>()->op == hcl::BinaryOp::equal);
    CHECK(rhs->rhs->as<hcl::Binary>()->rhs->as<hcl::Binary>()->op == hcl::BinaryOp::add);
}

TEST_CASE("hcl: conditionals nest to the right; an unknown condition keeps both results", "[hcl]") {
    CHECK(str(R"(true ? "a" : false ? "b" : "c")") == "a");
    CHECK(str(R"(false ? "a" : false ? "b" : "c")") == "c");
    Value v = eval_expr(R"(var.public ? "*" : "arn:aws:iam::123456789012:root")");
    REQUIRE_FALSE(v.is_known());
    CHECK_FALSE(v.is_error());
    REQUIRE(v.alternatives().size() == 2);
    CHECK(v.alternatives()[0].as_string() == "*");
    CHECK(v.alternatives()[1].as_string() == "arn:aws:iam::123456789012:root");
    CHECK(v.reason().find("var.public") != std::string::npos);
}

TEST_CASE("hcl: collections, keys, traversals and splats", "[hcl]") {
    MapScope scope;
    scope.values["local.k"] = Value::string("dyn");
    CHECK(json(R"({a = 1, "b c" = 2, (local.k) = 3, "${local.k}x": 4, 5 = 6})", scope) ==
          R"({"5":6,"a":1,"b c":2,"dyn":3,"dynx":4})");
    CHECK(json("[1, [2, 3], {}, null, true]") == "[1,[2,3],{},null,true]");
    CHECK(num("[10, 20, 30][1]") == 20);
    CHECK(num("{a = {b = [5, 6]}}.a.b.1") == 6);
    CHECK(str(R"({a = "x"}["a"])") == "x");
    CHECK(json("[{n = 1}, {n = 2}][*].n") == "[1,2]");
    CHECK(json("[{n = 1}, {n = 2}].*.n") == "[1,2]");
    CHECK(json("[[1, 2], [3, 4]][*][0]") == "[1,3]");
    CHECK(json("{n = 1}[*].n") == "[1]");  // a single value becomes a one-element list
    CHECK(json("null[*]") == "[]");
    Value missing = eval_expr("{a = 1}.b");
    CHECK(missing.is_error());
    CHECK(missing.reason().find("has no attribute 'b'") != std::string::npos);
    CHECK(eval_expr("[1][3]").is_error());
    CHECK(first_error("x = a.0.1\n") == "1:7: legacy index syntax cannot be chained: write [0][1] instead of .0.1");
}

TEST_CASE("hcl: for expressions", "[hcl]") {
    CHECK(json(R"([for s in ["a", "b"] : upper(s)])") == R"(["A","B"])");
    CHECK(json(R"([for i, s in ["a", "b"] : "${i}${s}"])") == R"(["0a","1b"])");
    CHECK(json(R"([for s in ["a", "", "b"] : s if s != ""])") == R"(["a","b"])");
    CHECK(json(R"({for k, v in {b = 2, a = 1} : v => k})") == R"({"1":"a","2":"b"})");
    CHECK(json(R"({for s in ["x", "y", "x"] : s => s...})") == R"({"x":["x","x"],"y":["y"]})");
    CHECK(json(R"([for x in [1, 2] : [for y in [3, 4] : x * y]])") == "[[3,4],[6,8]]");
    Value dup = eval_expr(R"({for s in ["x", "x"] : s => 1})");
    CHECK(dup.is_error());
    CHECK(dup.reason().find("produces the key \"x\" twice") != std::string::npos);
    CHECK(first_error("x = [for a in b : c => d]\n") ==
          "1:19: a tuple 'for' expression [for ...] has no key: '=>' belongs to object 'for' expressions {for ...}");
    CHECK(first_error("x = {for a in b : c}\n") ==
          "1:19: an object 'for' expression needs a key: {for k, v in coll : key => value}");
    CHECK(first_error("x = [for a b]\n") == "1:12: expected 'in' after the variable names of the 'for' expression, found 'b'");
}

TEST_CASE("hcl: function calls: expansion, trailing commas, provider functions", "[hcl]") {
    CHECK(str(R"(format("%s-%s", ["a", "b"]...))") == "a-b");
    CHECK(json("concat([[1], [2]]...)") == "[1,2]");
    CHECK(str("join(\n  \",\",\n  [\"a\"],\n)") == "a");
    auto r = parse_ok("x = provider::aws::arn_parse(\"arn\")\n");
    CHECK(r.file.body.attributes[0].expr->as<hcl::FunctionCall>()->name == "provider::aws::arn_parse");
    Value v = eval_src("x = provider::aws::arn_parse(\"arn\")\n", hcl::NullScope()).value;
    CHECK_FALSE(v.is_known());
    CHECK_FALSE(v.is_error());
    CHECK(v.reason().find("does not evaluate") != std::string::npos);
    CHECK(first_error("x = f(a b)\n") == "1:9: expected ',' or ')' after an argument of f() (opened at 1:6), found 'b'");
    CHECK(first_error("x = f(a..., b)\n") ==
          "1:11: an argument expanded with '...' must be the last one: expected ')' after it, found ','");
}

// ---- diagnostics ----------------------------------------------------------------------

TEST_CASE("hcl: syntax errors are located and say what to write", "[hcl]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"resource \"a\" \"b\" {\n  x = 1\n", "3:1: expected '}' to close the block opened at 1:18, found the end of the file"},
        {"x = 1 }\n", "1:7: expected a newline after the value of 'x', found '}'"},
        {"}\n", "1:1: unexpected '}': no block is open here"},
        {"x = 1, y = 2\n", "1:6: arguments are separated by newlines, not commas"},
        {"x\n", "1:1: expected '=' after 'x' to set an argument, or labels and '{' to open a block, found a newline"},
        {"\"x\" = 1\n", "1:1: argument and block names must not be quoted"},
        {"a \"b\"\n{\n}\n", "1:6: the '{' of block 'a' must be on the same line as its type and labels (to set an argument instead, write a = \"b\")"},
        {"a { b = 1, c = 2 }\n", "1:10: a single-line block can hold only one argument; write one argument per line"},
        {"a { b = 1\n}\n", "1:10: a single-line block must be closed on the same line: put '}' right after the argument"},
        {"a { b {} }\n", "1:7: a single-line block can hold only one argument (name = value); put the nested block 'b' on a line of its own"},
        {"a {\n} b = 1\n", "2:3: expected a newline after the '}' that closes block 'a', found 'b'"},
        {"x = [1 2]\n", "1:8: expected ',' or ']' after an element of the tuple opened at 1:5, found the number 2"},
        {"x = {a = 1 b = 2}\n", "1:12: expected a newline or ',' after an element of the object opened at 1:5, found 'b'"},
        {"x = {a 1}\n", "1:8: expected '=' after the object key, found the number 1"},
        {"x = (1 + 2\n", "2:1: expected ')' to close the '(' at 1:5, found the end of the file"},
        {"x = 'a'\n", "1:5: expected an expression, found a single quote (HCL strings use double quotes)"},
        {"x = \"${a\"\n", "1:9: expected '}' to close the interpolation ${ at 1:6, found a string (to write a literal \"${\", for example an IAM policy variable, escape it as \"$${\")"},
        {"x = \"${aws:username}\"\n", "1:11: expected '}' to close the interpolation ${ at 1:6, found ':' (to write a literal \"${\", for example an IAM policy variable, escape it as \"$${\")"},
        {"x = a ? b\n", "1:10: expected ':' and the false result of the conditional started at 1:5 (cond ? a : b), found a newline"},
        {"x = 1.2.3\n", "1:5: '1.2.3' is not a valid number"},
        {"x = a.\n", "1:7: expected an attribute name after '.', found a newline"},
        {"x = 1\nx = 2\n", "2:1: argument 'x' is already set at 1:1; each argument can be set only once in a block"},
        {"x = a ; y = b\n", "1:7: expected a newline after the value of 'x', found a semicolon (HCL separates arguments with newlines)"},
        {"x = \"%{ if a }\"\n", "1:6: the %{if} at 1:6 has no matching %{endif}"},
        {"a \"${b}\" {}\n", "1:4: a block label cannot contain ${...} or %{...} sequences (write a literal \"${\" as \"$${\")"},
        {"x = y[*\n", "1:8: expected ']' after '[*', found a newline"},
    };
    for (const auto& [src, expected] : cases) {
        INFO(src);
        CHECK(first_error(src) == expected);
    }
}

TEST_CASE("hcl: encoding problems are located diagnostics", "[hcl]") {
    CHECK(first_error(std::string("x = \"a\0b\"\n", 10)) ==
          "1:7: the file is not valid UTF-8 text: a NUL byte (is this a UTF-16 file? save it as UTF-8)");
    CHECK(first_error("x = 1\ny = \"\xC3\x28\"\n") == "2:6: the file is not valid UTF-8 text: a byte that is not valid UTF-8");
    CHECK(first_error("x = \"\xE2\x82") == "1:6: the file is not valid UTF-8 text: a UTF-8 sequence cut short by the end of the file");
    CHECK(first_error("x = \"\xC0\xAF\"\n").find("overlong") != std::string::npos);
    CHECK(first_error("x\xE2\x80\x9C = 1\n").find("1:2: ") == 0);  // a smart quote is not part of a name
}

TEST_CASE("hcl: size and depth limits are diagnostics, never deep recursion", "[hcl]") {
    hcl::ParseOptions small;
    small.max_bytes = 10;
    CHECK(first_error("x = \"0123456789\"\n", small) == "1:1: the file is 17 bytes, more than the limit of 10 bytes");

    const std::string nesting_error = "nesting deeper than 64 levels";
    for (const std::string& opener : {std::string("("), std::string("["), std::string("{a = "), std::string("-"),
                                      std::string("!"), std::string("\"${"), std::string("f(")}) {
        std::string src = "x = ";
        for (int i = 0; i < 100000; ++i) src += opener;
        INFO(opener);
        CHECK(first_error(src).find(nesting_error) != std::string::npos);
    }
    std::string blocks;
    for (int i = 0; i < 70; ++i) blocks += "b {\n";
    CHECK(first_error(blocks).find(nesting_error) != std::string::npos);
    std::string splats = "x = a";
    for (int i = 0; i < 100000; ++i) splats += "[*]";
    CHECK(first_error(splats).find(nesting_error) != std::string::npos);
    std::string conditionals = "x = a";
    for (int i = 0; i < 100000; ++i) conditionals += " ? b : a";
    CHECK(first_error(conditionals).find(nesting_error) != std::string::npos);
    std::string ok = "x = ";
    for (int i = 0; i < 30; ++i) ok += "[";
    for (int i = 0; i < 30; ++i) ok += "]";
    CHECK(first_error(ok + "\n").empty());
    // Long flat chains are loops, not recursion.
    std::string chain = "x = a";
    for (int i = 0; i < 100000; ++i) chain += " + a.b[0]";
    CHECK(first_error(chain + "\n").empty());
}

TEST_CASE("hcl: a 1 MB module parses in well under a second", "[hcl]") {
    std::string module;
    const std::string one = read(source_dir / "tests/hcl/corpus/36-lambda-app.tf");
    for (int i = 0; module.size() + one.size() < (1u << 20); ++i) {
        std::string copy = one;
        // Keep the resources distinct: rename the labels.
        for (std::size_t p = copy.find("\" {"); p != std::string::npos; p = copy.find("\" {", p + 8))
            copy.insert(p, "_" + std::to_string(i));
        module += copy;
    }
    auto start = std::chrono::steady_clock::now();
    hcl::ParseResult r = hcl::parse(module, "big.tf");
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    INFO("parsed " << module.size() << " bytes in " << ms << " ms");
    CHECK(r.ok());
    CHECK(ms < 1000);
}

// ---- evaluator ------------------------------------------------------------------------

TEST_CASE("hcl: unknown parts of strings become <REF> placeholders without colons", "[hcl]") {
    MapScope scope;
    scope.values["var.region"] = Value::string("us-east-1");
    auto e = eval_src(
        "x = \"arn:aws:dynamodb:${var.region}:${data.aws_caller_identity.current.account_id}:table/${aws_dynamodb_table.orders.name}\"\n",
        scope);
    REQUIRE(e.value.is_string());
    CHECK(e.value.as_string() ==
          "arn:aws:dynamodb:us-east-1:<data.aws_caller_identity.current.account_id>:table/<aws_dynamodb_table.orders.name>");
    REQUIRE(e.value.placeholders().size() == 2);
    const auto& p = e.value.placeholders()[0];
    CHECK(p.reference == "data.aws_caller_identity.current.account_id");
    CHECK(e.value.as_string().substr(p.offset, p.length) == "<data.aws_caller_identity.current.account_id>");
    CHECK(hcl::placeholder_text("var.m[\"a:b\"]") == "<var.m[\"ab\"]>");
    // A lone interpolation is the unknown value itself.
    Value arn = eval_expr("aws_iam_role.app.arn");
    CHECK_FALSE(arn.is_known());
    CHECK(arn.reference() == "aws_iam_role.app.arn");
    CHECK(hcl::placeholder_for(arn) == "<aws_iam_role.app.arn>");
}

TEST_CASE("hcl: the scope may resolve a prefix of a reference", "[hcl]") {
    MapScope scope;
    scope.values["aws_dynamodb_table.orders"] =
        Value::object({{"arn", Value::string("arn:aws:dynamodb:us-east-1:123456789012:table/orders")},
                       {"name", Value::string("orders")}});
    scope.values["var.tags"] = Value::object({{"Name", Value::string("n")}});
    CHECK(str("aws_dynamodb_table.orders.arn", scope) == "arn:aws:dynamodb:us-east-1:123456789012:table/orders");
    CHECK(str("\"${aws_dynamodb_table.orders.arn}/index/*\"", scope) ==
          "arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/*");
    CHECK(str("var.tags[\"Name\"]", scope) == "n");
    Value missing = eval_expr("aws_dynamodb_table.orders.nope", scope);
    CHECK(missing.is_error());
    CHECK(missing.reason() == "aws_dynamodb_table.orders has no attribute 'nope'");
}

TEST_CASE("hcl: a BoundScope binds each, count or a dynamic block's iterator in front of another scope", "[hcl]") {
    MapScope module;
    module.values["var.prefix"] = Value::string("app");
    hcl::BoundScope instance(module);
    instance.bind("each", Value::object({{"key", Value::string("orders")}, {"value", Value::object({{"hash_key", Value::string("pk")}})}}));
    CHECK(str("\"${var.prefix}-${each.key}-${each.value.hash_key}\"", instance) == "app-orders-pk");
    instance.bind("each", Value::object({{"key", Value::string("carts")}}));
    CHECK(str("each.key", instance) == "carts");
    CHECK_FALSE(eval_expr("count.index", instance).is_known());
}

TEST_CASE("hcl: diagnostics say what kind of problem they are", "[hcl]") {
    auto kind = [](std::string_view src) { return hcl::parse(src, "t.tf").diagnostics.at(0).kind; };
    using K = hcl::Diagnostic::Kind;
    CHECK(kind("x = \"${aws:username}\"\n") == K::unescaped_policy_variable);
    CHECK(kind("x = \"${cognito-identity.amazonaws.com:sub}\"\n") == K::unescaped_policy_variable);
    CHECK(kind("x = \"${a b}\"\n") == K::syntax);
    CHECK(kind("x = 1\nx = 2\n") == K::duplicate_argument);
    CHECK(kind("x = \"\xFF\"\n") == K::encoding);
    CHECK(kind(std::string(100, '(')) == K::syntax);
    CHECK(kind("x = " + std::string(100, '[')) == K::too_deep);
}

TEST_CASE("hcl: jsonencode keeps a link to the encoded value and its positions", "[hcl]") {
    auto e = eval_src("x = jsonencode({\n  Version = \"2012-10-17\"\n  Statement = [{\n    Action = \"dynamodb:Scan\"\n    Resource = aws_dynamodb_table.t.arn\n  }]\n})\n",
                      hcl::NullScope());
    REQUIRE(e.value.is_string());
    CHECK(e.value.as_string() ==
          R"({"Statement":[{"Action":"dynamodb:Scan","Resource":"<aws_dynamodb_table.t.arn>"}],"Version":"2012-10-17"})");
    CHECK(e.value.has_placeholders());
    const Value* doc = e.value.encoded();
    REQUIRE(doc);
    const Value* action = doc->member("Statement")->elements()[0].member("Action");
    REQUIRE(action);
    CHECK(at(action->origin().range.begin) == "4:14");
    CHECK(at(doc->member("Statement")->elements()[0].key_origin(0).range.begin) == "4:5");
    const Value* resource = doc->member("Statement")->elements()[0].member("Resource");
    CHECK_FALSE(resource->is_known());
    CHECK(at(resource->origin().range.begin) == "5:16");
}

TEST_CASE("hcl: jsonencode writes JSON as Terraform does", "[hcl]") {
    CHECK(json(R"({b = [1, 1.5, true, null], a = "<&>\n\"é"})") ==
          R"({"a":"\u003c\u0026\u003e\n\"é","b":[1,1.5,true,null]})");
    CHECK(json("1e21") == "1000000000000000000000");
    CHECK(json("0.1 + 0.2 > 0.3") == "true");
}

TEST_CASE("hcl: built-in functions", "[hcl]") {
    CHECK(json(R"(jsondecode("{\"a\": [1, \"x\", {\"b\": null}]}"))") == R"({"a":[1,"x",{"b":null}]})");
    CHECK(eval_expr(R"(jsondecode("{"))").is_error());
    CHECK(str(R"(format("%s-%d-%05.1f-%q-%t-%x-%%", "a", 42, 3.14159, "q", true, 255))") == "a-42-003.1-\"q\"-true-ff-%");
    CHECK(str(R"(format("%-4s|%4s|%v", "ab", "cd", [1]))") == "ab  |  cd|[1]");
    CHECK(eval_expr(R"(format("%s"))").is_error());
    CHECK(str(R"(join(",", ["a", 1, true], ["b"]))") == "a,1,true,b");
    CHECK(json(R"(split(",", "a,b,,c"))") == R"(["a","b","","c"])");
    CHECK(json("concat([1], [], [2, 3])") == "[1,2,3]");
    CHECK(json("merge({a = 1, b = 2}, null, {b = 3})") == R"({"a":1,"b":3})");
    CHECK(num(R"(lookup({a = 1}, "a"))") == 1);
    CHECK(num(R"(lookup({a = 1}, "b", 7))") == 7);
    CHECK(eval_expr(R"(lookup({a = 1}, "b"))").is_error());
    CHECK(num("element([1, 2, 3], 4)") == 2);
    CHECK(num(R"(length("héllo"))") == 5);
    CHECK(num("length({a = 1, b = 2})") == 2);
    CHECK(str(R"(lower("AbC"))") == "abc");
    CHECK(str(R"(upper("AbC"))") == "ABC");
    CHECK(str(R"(replace("a-b-c", "-", "+"))") == "a+b+c");
    CHECK_FALSE(eval_expr(R"(replace("abc", "/b/", "x"))").is_known());
    CHECK(str(R"(trimspace("  x y \n"))") == "x y");
    CHECK(str(R"(trimprefix("arn:aws:x", "arn:"))") == "aws:x");
    CHECK(str(R"(trimsuffix("file.json", ".json"))") == "file");
    CHECK(str(R"(coalesce(null, "", "x"))") == "x");
    CHECK(json(R"(compact(["a", "", null, "b"]))") == R"(["a","b"])");
    CHECK(json("distinct([1, 2, 1, 3, 2])") == "[1,2,3]");
    CHECK(json("flatten([1, [2, [3, []]], [[4]]])") == "[1,2,3,4]");
    CHECK(json("keys({b = 1, a = 2})") == R"(["a","b"])");
    CHECK(json("values({b = 1, a = 2})") == "[2,1]");
    CHECK(json(R"(toset(["b", "a", "b"]))") == R"(["a","b"])");
    CHECK(json("tolist([1])") == "[1]");
    CHECK(json("tomap({a = 1})") == R"({"a":1})");
    CHECK(str("tostring(12)") == "12");
    CHECK(num(R"(tonumber("1.5"))") == 1.5);
    CHECK(num("try({a = 1}.b, {a = 1}.a, 3)") == 1);
    CHECK(eval_expr("try({}.a)").is_error());
    CHECK(boolean("can({a = 1}.a)"));
    CHECK_FALSE(boolean("can({a = 1}.b)"));
    CHECK(boolean(R"(contains(["a", "b"], "b"))"));
    CHECK_FALSE(boolean(R"(contains(["a", "b"], "c"))"));
    CHECK(json(R"(zipmap(["a", "b"], [1, 2]))") == R"({"a":1,"b":2})");
    CHECK(json("range(3)") == "[0,1,2]");
    CHECK(json("range(1, 7, 2)") == "[1,3,5]");
    CHECK(json("range(3, 0)") == "[3,2,1]");
    CHECK(str(R"(substr("héllo", 1, 3))") == "éll");
    CHECK(str(R"(substr("hello", -3, -1))") == "llo");
    CHECK(boolean(R"(startswith("arn:aws", "arn:"))"));
    CHECK(boolean(R"(endswith("a.json", ".json"))"));
    CHECK(num("abs(-3)") == 3);
    CHECK(num("min(3, 1, 2)") == 1);
    CHECK(num("max(3, 1, 2)") == 3);
    CHECK(json(R"(sort(["b", "a", "c"]))") == R"(["a","b","c"])");
    CHECK(json("reverse([1, 2, 3])") == "[3,2,1]");
    // Wrong arguments and unknown functions never throw.
    CHECK(eval_expr("upper()").is_error());
    CHECK(eval_expr("upper(1, 2)").is_error());
    CHECK(eval_expr("concat(1)").is_error());
    CHECK(eval_expr("abs(\"x\")").is_error());
    Value ts = eval_expr("timestamp()");
    CHECK_FALSE(ts.is_known());
    CHECK_FALSE(ts.is_error());
    CHECK(hcl::placeholder_for(ts) == "<timestamp()>");
}

TEST_CASE("hcl: functions keep placeholders and unknowns", "[hcl]") {
    CHECK(str(R"(join(",", ["a", var.b]))") == "a,<var.b>");
    CHECK(str(R"(format("arn:aws:s3:::%s/*", var.bucket))") == "arn:aws:s3:::<var.bucket>/*");
    CHECK(str(R"(upper("x-${var.name}"))") == "X-<var.name>");  // the reference keeps its case
    CHECK(json(R"(split("/", "table/${var.t}/index"))") == R"(["table","<var.t>","index"])");
    Value parts = eval_expr(R"(split("/", "table/${var.t}"))");
    CHECK(parts.elements()[1].has_placeholders());
    CHECK_FALSE(eval_expr("length(var.list)").is_known());
    CHECK(num("length([var.a, var.b])") == 2);
    CHECK_FALSE(eval_expr("concat(var.a, [1])").is_known());
    CHECK(json("jsondecode(\"[\\\"${var.x}\\\"]\")") == R"(["<var.x>"])");
}

TEST_CASE("hcl: file() and templatefile() read relative to the module directory", "[hcl]") {
    fs::path dir = fs::temp_directory_path() / ("ddbguard-hcl-test-" + std::to_string(::getpid()));
    fs::create_directories(dir / "t");
    std::ofstream(dir / "policy.json") << "{\n  \"Action\": \"dynamodb:Scan\"\n}\n";
    std::ofstream(dir / "t" / "p.tpl") << "%{ for a in actions ~}\n${a} in ${table}\n%{ endfor ~}\n";
    std::ofstream(dir / "t" / "bad.tpl") << "${ unclosed\n";
    hcl::EvalOptions options;
    options.base_dir = dir;
    std::vector<std::string> registered;
    options.file_id = [&](const std::string& path) {
        registered.push_back(path);
        return static_cast<std::uint32_t>(registered.size());
    };
    auto e = eval_src("x = file(\"policy.json\")\n", hcl::NullScope(), "x", options);
    REQUIRE(e.value.is_string());
    CHECK(e.value.as_string().find("dynamodb:Scan") != std::string::npos);
    hcl::Origin o = e.value.locate(e.value.as_string().find("dynamodb:Scan"));
    CHECK(o.file == 1);
    CHECK(at(o.range.begin) == "2:14");

    auto t = eval_src("x = templatefile(\"t/p.tpl\", { actions = [\"a\", \"b\"], table = \"orders\" })\n",
                      hcl::NullScope(), "x", options);
    INFO(t.value.reason());
    REQUIRE(t.value.is_string());
    CHECK(t.value.as_string() == "a in orders\nb in orders\n");

    auto missing = eval_src("x = file(\"nope.json\")\n", hcl::NullScope(), "x", options);
    CHECK(missing.value.is_error());
    REQUIRE(missing.diagnostics.size() == 1);
    CHECK(missing.diagnostics[0].message.find("file(): cannot read") == 0);
    CHECK(at(missing.diagnostics[0].range.begin) == "1:5");

    auto bad = eval_src("x = templatefile(\"t/bad.tpl\", {})\n", hcl::NullScope(), "x", options);
    CHECK(bad.value.is_error());
    REQUIRE(bad.diagnostics.size() == 1);
    INFO(bad.diagnostics[0].message);
    CHECK(bad.diagnostics[0].message.find("bad.tpl:") != std::string::npos);

    auto novar = eval_src("x = templatefile(\"t/p.tpl\", {})\n", hcl::NullScope(), "x", options);
    CHECK(novar.value.is_error());

    // Without a module directory nothing is read.
    Value off = eval_expr("file(\"policy.json\")");
    CHECK_FALSE(off.is_known());
    CHECK_FALSE(off.is_error());
    fs::remove_all(dir);
}

TEST_CASE("hcl: evaluation has a budget", "[hcl]") {
    auto e = eval_src("x = range(1000000000)\n", hcl::NullScope());
    CHECK(e.value.is_error());
    REQUIRE(e.diagnostics.size() == 1);
    CHECK(e.diagnostics[0].message.find("evaluation stopped") == 0);
    auto nested = eval_src("x = [for a in range(1000) : [for b in range(1000) : [a, b]]]\n", hcl::NullScope());
    CHECK(nested.value.is_error());
    // Strings that multiply are charged before they are built.
    CHECK(eval_src("x = replace(join(\"\", [for i in range(2000) : \"aaaaaaaaaa\"]), \"a\", join(\"\", range(1000)))\n",
                   hcl::NullScope()).value.is_error());
    CHECK(eval_src("x = \"%{for i in range(100000)}${jsonencode(range(100))}%{endfor}\"\n", hcl::NullScope()).value.is_error());
    CHECK(eval_expr("format(\"%99999999999999999999s\", \"a\")").is_error());
    CHECK(eval_expr("element([1], 1e999)").is_error());
    // A long operator chain is evaluated (or refused) and freed without deep recursion.
    std::string chain = "x = 1";
    for (int i = 0; i < 100000; ++i) chain += " + 1";
    Value sum = eval_src(chain + "\n", hcl::NullScope()).value;
    CHECK(sum.is_error());
    CHECK(sum.reason().find("nested too deeply") != std::string::npos);
    hcl::EvalOptions small;
    small.max_value_depth = 8;
    auto deep = eval_src("x = [[[[[[[[[[1]]]]]]]]]]\n", hcl::NullScope(), "x", small);
    CHECK(deep.value.is_error());
}

// ---- realistic modules ------------------------------------------------------------------

TEST_CASE("hcl: a policy document data source evaluates with IAM variables kept as text", "[hcl]") {
    std::string src = read(source_dir / "tests/hcl/corpus/15-iam-policy-document.tf");
    auto r = parse_ok(src);
    MapScope scope;
    scope.values["aws_dynamodb_table.orders"] =
        Value::object({{"arn", Value::string("arn:aws:dynamodb:us-east-1:123456789012:table/orders")}});
    hcl::EvalOptions options;
    options.source = r.file.source;
    hcl::Evaluator ev(scope, options);
    const hcl::Block& doc = r.file.body.blocks.at(0);
    REQUIRE(doc.labels == std::vector<std::string>{"aws_iam_policy_document", "app"});
    auto statements = doc.body.blocks_of_type("statement");
    REQUIRE(statements.size() == 3);
    Value resources = ev.evaluate(*statements[0]->body.attribute("resources")->expr);
    CHECK(json_text_of(resources) ==
          R"(["arn:aws:dynamodb:us-east-1:123456789012:table/orders","arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/*"])");
    auto conditions = statements[0]->body.blocks_of_type("condition");
    Value amp = ev.evaluate(*conditions[0]->body.attribute("values")->expr);
    CHECK(amp.elements().at(0).as_string() == "&{cognito-identity.amazonaws.com:sub}");
    Value dollar = ev.evaluate(*statements[1]->body.blocks_of_type("condition")[0]->body.attribute("values")->expr);
    CHECK(dollar.elements().at(0).as_string() == "${cognito-identity.amazonaws.com:sub}");
    CHECK_FALSE(dollar.elements().at(0).has_placeholders());
    // The trust policy's audience is only known after apply.
    const hcl::Block& trust = r.file.body.blocks.at(1);
    Value aud = ev.evaluate(*trust.body.blocks_of_type("statement")[0]->body.blocks_of_type("condition")[0]->body.attribute("values")->expr);
    REQUIRE(aud.is_tuple());
    CHECK_FALSE(aud.elements()[0].is_known());
    CHECK(aud.elements()[0].reference() == "aws_cognito_identity_pool.main.id");
    CHECK(ev.diagnostics().empty());
}

TEST_CASE("hcl: a heredoc policy evaluates to JSON whose lines map back to the .tf file", "[hcl]") {
    std::string src = read(source_dir / "tests/hcl/corpus/17-heredoc-policy.tf");
    auto r = parse_ok(src);
    hcl::NullScope scope;
    hcl::EvalOptions options;
    options.source = r.file.source;
    hcl::Evaluator ev(scope, options);
    Value policy = ev.evaluate(*r.file.body.blocks.at(0).body.attribute("policy")->expr);
    REQUIRE(policy.is_string());
    const std::string& text = policy.as_string();
    CHECK(text.find("\"Resource\": \"<aws_dynamodb_table.users.arn>\"") != std::string::npos);
    std::size_t var = text.find("${aws:username}");
    REQUIRE(var != std::string::npos);
    hcl::Pos p = policy.locate(var).range.begin;
    CHECK(src.substr(p.offset, 16) == "$${aws:username}");  // the escaped form, as written
    CHECK(at(p) == "15:37");
    std::size_t action = text.find("\"dynamodb:PutItem\"");
    CHECK(at(policy.locate(action).range.begin) == "11:38");
    Value flush = ev.evaluate(*r.file.body.blocks.at(1).body.attribute("policy")->expr);
    REQUIRE(flush.is_string());
    CHECK(flush.as_string().rfind("{\n  \"Version\"", 0) == 0);  // <<- removed four spaces of indentation
    CHECK(flush.as_string().find("table/<var.table>") != std::string::npos);
}

// ---- corpus ---------------------------------------------------------------------------

TEST_CASE("hcl: every corpus file parses and every attribute evaluates without throwing", "[hcl]") {
    auto files = files_in(source_dir / "tests/hcl/corpus");
    CHECK(files.size() >= 30);
    for (const fs::path& path : files) {
        INFO(path.filename().string());
        std::string src = read(path);
        hcl::ParseResult r = hcl::parse(src, path.string());
        if (!r.diagnostics.empty()) INFO(r.diagnostics.front().message);
        REQUIRE(r.ok());
        std::string error;
        CHECK(hcl::to_hcl2json(r.file, error).has_value());
        hcl::NullScope scope;
        hcl::EvalOptions options;
        options.source = r.file.source;
        hcl::Evaluator ev(scope, options);
        std::vector<const hcl::Body*> bodies{&r.file.body};
        while (!bodies.empty()) {
            const hcl::Body* b = bodies.back();
            bodies.pop_back();
            for (const auto& a : b->attributes) (void)ev.evaluate(*a.expr);
            for (const auto& blk : b->blocks) bodies.push_back(&blk.body);
        }
    }
}

TEST_CASE("hcl: every malformed file gives a located error", "[hcl]") {
    auto files = files_in(source_dir / "tests/hcl/malformed");
    CHECK(files.size() >= 10);
    for (const fs::path& path : files) {
        INFO(path.filename().string());
        hcl::ParseResult r = hcl::parse(read(path), path.string());
        REQUIRE_FALSE(r.diagnostics.empty());
        CHECK(r.diagnostics.front().range.begin.line > 0);
        CHECK(r.diagnostics.front().range.begin.column > 0);
        CHECK_FALSE(r.diagnostics.front().message.empty());
    }
}
