// `ddbguard checks` and `ddbguard explain ID`.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "ddbguard/analyze.hpp"

namespace ddbguard::cli {

void add_checks(CLI::App& app, int& exit_code) {
    auto* checks = app.add_subcommand("checks", "list every check with its severity and summary");
    checks->callback([&exit_code] {
        for (const CheckDoc& doc : list_checks())
            std::cout << fmt::format("{:<34} {:<8} {}\n", doc.id, to_string(doc.severity), doc.summary);
        exit_code = 0;
    });

    auto* explain = app.add_subcommand("explain", "print the documentation of one check");
    auto id = std::make_shared<std::string>();
    explain->add_option("CHECK-ID", *id, "the check id, as `ddbguard checks` lists it")->required();
    explain->callback([&exit_code, id] {
        const CheckDoc* doc = find_check(*id);
        if (!doc) {
            std::cerr << "ddbguard: unknown check id '" << *id << "'; `ddbguard checks` lists them\n";
            exit_code = 2;
            return;
        }
        std::cout << fmt::format("{} ({})\n{}\n\nWhat it does\n  {}\n\nWhy is this bad?\n  {}\n\nExample\n  {}\n\n"
                                 "Use instead\n  {}\n\n{}\n",
                                 doc->id, to_string(doc->severity), doc->summary, doc->what, doc->why, doc->example,
                                 doc->instead, doc->severity_why);
        exit_code = 0;
    });
}

}  // namespace ddbguard::cli
