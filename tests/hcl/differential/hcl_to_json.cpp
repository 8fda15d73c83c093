// Prints our parse of one .tf file as @cdktf/hcl2json would render it (see to_json.hpp),
// or the first diagnostic as "error: LINE:COL: MESSAGE" on stderr with exit status 1.
// usage: hcl_to_json FILE
#include <fstream>
#include <iostream>
#include <sstream>

#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/hcl/to_json.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: hcl_to_json FILE\n";
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "error: cannot read " << argv[1] << "\n";
        return 2;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    ddbguard::hcl::ParseResult result = ddbguard::hcl::parse(bytes.str(), argv[1]);
    if (!result.diagnostics.empty()) {
        const auto& d = result.diagnostics.front();
        std::cerr << "error: " << d.range.begin.line << ":" << d.range.begin.column << ": " << d.message << "\n";
        return 1;
    }
    std::string error;
    auto json = ddbguard::hcl::to_hcl2json(result.file, error);
    if (!json) {
        std::cerr << "error: conversion: " << error << "\n";
        return 1;
    }
    std::cout << json->dump() << "\n";
    return 0;
}
