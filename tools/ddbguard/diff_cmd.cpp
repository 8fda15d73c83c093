// `ddbguard diff OLD NEW` / `ddbguard diff --base REV PATH...`: what a change newly allows.
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "ddbguard/diff.hpp"
#include "ddbguard/report.hpp"

namespace ddbguard::cli {
namespace {

struct DiffArgs {
    std::vector<std::string> paths;
    std::string base;
    std::string format = "text";
    std::string fail_on = "any";
    std::string allow;
    bool bundle = false;
    std::string kind;
    std::size_t max_requests = 400000;
};

int run_diff(const DiffArgs& args) {
    std::optional<AccessKind> fail_on;
    if (args.fail_on == "any") {
        fail_on = AccessKind::condition;
    } else if (args.fail_on != "never") {
        fail_on = access_kind_from_string(args.fail_on);
        if (!fail_on) {
            std::cerr << "ddbguard diff: --fail-on must be any, condition, action, resource, deny, columns, rows, "
                         "principal or never, not '" << args.fail_on << "'\n";
            return 2;
        }
    }
    DiffOptions options;
    options.max_requests = args.max_requests;
    if (!args.allow.empty()) {
        std::ifstream in(args.allow, std::ios::binary);
        if (!in) {
            std::cerr << "ddbguard: cannot read " << args.allow << "\n";
            return 2;
        }
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (std::string error = read_allow_file(text, options.allow); !error.empty()) {
            std::cerr << "ddbguard: " << args.allow << ": " << error << "\n";
            return 2;
        }
    }
    ChangeInput input;
    input.base = args.base;
    input.bundle = args.bundle;
    if (!args.kind.empty()) input.kind = policy_kind_from_string(args.kind);
    if (args.base.empty()) {
        if (args.paths.size() != 2) {
            std::cerr << "ddbguard diff: give OLD and NEW (two files or two directories), or --base REV PATH...\n";
            return 2;
        }
        input.old_paths = {args.paths[0]};
        input.new_paths = {args.paths[1]};
    } else {
        if (args.paths.empty()) {
            std::cerr << "ddbguard diff: --base REV needs the paths to compare (files or directories)\n";
            return 2;
        }
        input.new_paths = args.paths;
    }
    const LoadedChange change = load_change(input);
    if (!change.error.empty()) {
        std::cerr << "ddbguard diff: " << change.error << "\n";
        return 2;
    }
    const DiffResult result = diff_policy_sets(change.old_sets, change.new_sets, options);
    if (!result.unused_allow.empty()) {
        for (std::size_t i : result.unused_allow) {
            const AllowEntry& e = options.allow[i];
            std::cerr << "ddbguard: " << args.allow << ":" << e.location.line << ":" << e.location.column
                      << ": allow entry (kind " << to_string(e.kind) << ") matches no new access: remove it\n";
        }
        return 2;
    }
    if (args.format == "json") std::cout << write_diff_json(result);
    else if (args.format == "sarif") std::cout << write_diff_sarif(result);
    else std::cout << write_diff_text(result);
    return fail_on && has_new_access(result, *fail_on) ? 1 : 0;
}

}  // namespace

void add_diff(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<DiffArgs>();
    auto* cmd = app.add_subcommand(
        "diff", "what NEW allows that OLD did not, each kind shown by a request NEW allows and OLD denies");
    cmd->add_option("PATH", args->paths,
                    "OLD NEW (files or directories of *.json), or with --base the paths to compare");
    cmd->add_option("--base", args->base,
                    "compare PATHs in the working tree with the same paths at this git revision (no checkout)");
    cmd->add_option("--format", args->format, "output format")->check(CLI::IsMember({"text", "json", "sarif"}));
    cmd->add_option("--fail-on", args->fail_on,
                    "exit 1 on new access of this kind or a wider one: any (default), condition, action, resource, "
                    "deny, columns, rows, principal, or never");
    cmd->add_option("--allow", args->allow,
                    "JSON file of accepted new access {\"allow\": [{kind, path, action, resource, principal, reason}]}");
    cmd->add_flag("--bundle", args->bundle, "each side's paths are one principal's policy set, compared together");
    cmd->add_option("--kind", args->kind, "policy kind instead of detecting it from content")
        ->check(CLI::IsMember({"identity", "trust", "resource", "kms-key", "vpc-endpoint"}));
    cmd->add_option("--max-requests", args->max_requests, "candidate requests tried per policy set (default 400000)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
    cmd->callback([args, &exit_code] { exit_code = run_diff(*args); });
}

}  // namespace ddbguard::cli
