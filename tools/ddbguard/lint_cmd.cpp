// `ddbguard lint PATH...`
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "commands.hpp"
#include "ddbguard/analyze.hpp"
#include "ddbguard/report.hpp"

namespace ddbguard::cli {
namespace {

struct LintArgs {
    std::vector<std::string> paths;
    std::string format = "text";
    std::string fail_on = "warning";
    std::vector<std::string> select, ignore;
    bool bundle = false;
    std::string kind;
    std::size_t max_bytes = 1u << 20;
    unsigned max_depth = 64;
    std::string config;
    unsigned jobs = 1;
    bool fail_on_given = false;
};

// Expands directories to their *.json files (sorted, so output is stable) and reads
// every input. Returns false, after saying why, on a path that does not exist.
bool collect_inputs(const std::vector<std::string>& paths, std::vector<std::pair<std::string, std::string>>& inputs) {
    namespace fs = std::filesystem;
    for (const std::string& path : paths) {
        if (path == "-") {
            std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
            inputs.emplace_back("-", std::move(bytes));
            continue;
        }
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> files;
            for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file(ec) && it->path().extension() == ".json") files.push_back(it->path().string());
            if (ec) {
                std::cerr << "ddbguard: cannot read directory " << path << ": " << ec.message() << "\n";
                return false;
            }
            std::sort(files.begin(), files.end());
            if (files.empty()) {
                std::cerr << "ddbguard: no *.json files under " << path << "\n";
                return false;
            }
            for (std::string& f : files) inputs.emplace_back(std::move(f), std::string());
            continue;
        }
        if (!fs::exists(path, ec)) {
            std::cerr << "ddbguard: no such file or directory: " << path << "\n";
            return false;
        }
        inputs.emplace_back(path, std::string());
    }
    return true;
}

int run_lint(const LintArgs& args) {
    LintOptions options;
    std::string fail_on_text = args.fail_on;
    if (!args.config.empty()) {
        std::ifstream in(args.config, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in && !in.eof()) {
            std::cerr << "ddbguard: cannot read configuration " << args.config << "\n";
            return 2;
        }
        std::string config_fail_on;
        if (std::string error = read_config(text, options, config_fail_on); !error.empty()) {
            std::cerr << "ddbguard: " << args.config << ": " << error << "\n";
            return 2;
        }
        // The command line wins over the file.
        if (!config_fail_on.empty() && !args.fail_on_given) fail_on_text = config_fail_on;
    }
    options.select.insert(options.select.end(), args.select.begin(), args.select.end());
    options.ignore.insert(options.ignore.end(), args.ignore.begin(), args.ignore.end());
    options.jobs = args.jobs;
    options.limits.max_bytes = args.max_bytes;
    options.limits.max_depth = args.max_depth;
    if (!args.kind.empty()) options.kind = policy_kind_from_string(args.kind);
    if (auto unknown = unknown_check_ids(options); !unknown.empty()) {
        for (const std::string& id : unknown)
            std::cerr << "ddbguard: unknown check id '" << id
                      << "' in --select/--ignore/--config; `ddbguard checks` lists them\n";
        return 2;
    }
    std::optional<Severity> fail_on;
    if (fail_on_text != "never") {
        fail_on = severity_from_string(fail_on_text);
        if (!fail_on) {
            std::cerr << "ddbguard: fail-on must be error, warning, info or never, not '" << fail_on_text << "'\n";
            return 2;
        }
    }

    std::vector<std::pair<std::string, std::string>> inputs;
    if (!collect_inputs(args.paths, inputs)) return 2;
    for (auto& [path, bytes] : inputs) {
        if (path == "-") continue;
        // Read at most one byte over the limit; the parser reports the oversized file.
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::cerr << "ddbguard: cannot read " << path << "\n";
            return 2;
        }
        std::error_code ec;
        std::size_t size = std::filesystem::file_size(path, ec);
        if (ec) size = options.limits.max_bytes + 1;
        bytes.resize(std::min<std::size_t>(size, options.limits.max_bytes) + 1);
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        bytes.resize(static_cast<std::size_t>(in.gcount()));
    }

    std::vector<FileReport> reports = args.bundle ? lint_bundle(inputs, options) : lint_each(inputs, options);
    if (args.format == "json") std::cout << write_json(reports);
    else if (args.format == "sarif") std::cout << write_sarif(reports);
    else std::cout << write_text(reports);

    if (!fail_on) return 0;
    for (const FileReport& r : reports)
        for (const Finding& f : r.findings)
            if (f.severity >= *fail_on) return 1;
    return 0;
}

}  // namespace

void add_lint(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<LintArgs>();
    auto* cmd = app.add_subcommand("lint", "lint policy files or directories ('-' reads stdin)");
    cmd->add_option("PATH", args->paths, "policy files, directories (*.json, recursive) or '-'")->required();
    cmd->add_option("--format", args->format, "output format")->check(CLI::IsMember({"text", "json", "sarif"}));
    auto* fail_on = cmd->add_option("--fail-on", args->fail_on, "exit 1 when a finding is at or above this severity")
        ->check(CLI::IsMember({"error", "warning", "info", "never"}));
    cmd->add_option("--select", args->select, "only these check ids (comma-separated; repeatable)")
        ->delimiter(',')
        ->allow_extra_args(false);  // one value per --select: the paths after it stay paths
    cmd->add_option("--ignore", args->ignore, "skip these check ids (comma-separated; repeatable)")
        ->delimiter(',')
        ->allow_extra_args(false);
    cmd->add_flag("--bundle", args->bundle, "the paths are one principal's policy set, analyzed together");
    cmd->add_option("--kind", args->kind, "policy kind instead of detecting it from content")
        ->check(CLI::IsMember({"identity", "trust", "resource", "kms-key", "vpc-endpoint"}));
    cmd->add_option("--max-bytes", args->max_bytes, "largest file to read (default 1 MiB)");
    cmd->add_option("--max-depth", args->max_depth, "deepest JSON nesting to accept (default 64)");
    cmd->add_option("--config", args->config,
                    "JSON file with select, ignore, fail-on and suppress [{id, path, pointer, reason}]");
    cmd->add_option("--jobs,-j", args->jobs, "files linted in parallel (output does not depend on it)")
        ->check(CLI::Range(1u, 256u));
    cmd->callback([args, fail_on, &exit_code] {
        args->fail_on_given = fail_on->count() > 0;
        exit_code = run_lint(*args);
    });
}

}  // namespace ddbguard::cli
