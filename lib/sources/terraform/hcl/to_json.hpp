#pragma once
// Renders a parsed file the way @cdktf/hcl2json does (HashiCorp's Go parser behind the
// tmccombs/hcl2json conversion, compiled to WebAssembly), so that our parser can be
// checked against the official one (tests/hcl/differential). Not a Terraform JSON
// writer for users: the conversion keeps the official tool's quirks.
//
// - A block becomes nested objects keyed by its type and labels; each block instance is
//   an element of an array at the innermost key. Blocks are written first, so an
//   attribute of the same name replaces them.
// - Literals become JSON values (unary minus and ! on a literal are applied).
// - Tuples and objects become arrays and objects, their elements rendered alike. A key
//   written as a name or traversal is its source text; other keys render as strings.
// - A template whose only content is one interpolation renders as that expression.
//   Other templates become strings: literal text with "${" and "%{" escaped as "$${" and
//   "%%{", interpolations as "${source}", conditionals and if directives as
//   "%{if cond}...%{else}...%{endif}", for directives as "%{for k, v in coll}...%{endfor}".
// - Any other expression is "${" + its source text + "}".
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "sources/terraform/hcl/ast.hpp"

namespace ddbguard::hcl {

// nullopt (with `error` set) where hcl2json fails too: labels that collide with an
// attribute of the same name, a unary operator applied to a literal of the wrong type.
std::optional<nlohmann::json> to_hcl2json(const File& file, std::string& error);

}  // namespace ddbguard::hcl
