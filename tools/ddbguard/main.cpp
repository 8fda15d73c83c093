// ddbguard command line: wires options to library calls, nothing more.
#include <malloc.h>

#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "ddbguard/catalog.hpp"
#include "ddbguard/ddbguard.hpp"

int main(int argc, char** argv) {
    // A short-lived process: memory freed mid-run (one file's tree, the next file's) is kept for
    // reuse instead of going back to the kernel and faulting in again, page by page (on a VM,
    // a fault costs several microseconds). About half the page faults of a 1 MB template or of
    // AWS's managed policies.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    mallopt(M_TOP_PAD, 4 << 20);
    ddbguard::cli::remember_command_line(argc, argv);
    CLI::App app{"ddbguard: find IAM policy mistakes that leak DynamoDB rows and columns"};
    app.require_subcommand(0, 1);
    bool show_version = false;
    app.add_flag("--version", show_version, "print the version and the AWS data it was built with");
    int exit_code = 0;
    ddbguard::cli::add_lint(app, exit_code);
    ddbguard::cli::add_simulate(app, exit_code);
    ddbguard::cli::add_checks(app, exit_code);
    ddbguard::cli::add_generate(app, exit_code);
    ddbguard::cli::add_diff(app, exit_code);
    ddbguard::cli::add_test(app, exit_code);
    ddbguard::cli::add_prove(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "ddbguard: " << e.what() << "\n";
        return 2;
    }
    if (show_version) {
        auto source = ddbguard::catalog::source();
        std::cout << "ddbguard " << ddbguard::version() << "\n"
                  << "AWS service authorization data: " << source.package << " " << source.version << " ("
                  << source.date << ")\n";
        return 0;
    }
    if (app.get_subcommands().empty()) {
        std::cerr << app.help();
        return 2;
    }
    return exit_code;
}
