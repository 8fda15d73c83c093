#pragma once
// Terraform variable values given on the command line (--var NAME=VALUE, --var-file FILE).
#include <map>
#include <string>
#include <string_view>

namespace ddbguard::sources {

// Reads a .tfvars file (HCL attributes NAME = VALUE) into `out`: a string value as its
// text, any other value (a list, a map, a number) as its HCL source text, which the
// Terraform reader parses as Terraform parses -var values of such types. Returns "" on
// success, else the problem with its line and column.
std::string read_tfvars(std::string_view text, std::map<std::string, std::string>& out);

}  // namespace ddbguard::sources
