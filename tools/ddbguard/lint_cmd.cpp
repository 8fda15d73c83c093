// `ddbguard lint PATH...`
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "ddbguard/analyze.hpp"
#include "ddbguard/report.hpp"
#include "sources/terraform/tfvars.hpp"
#include "util/parallel.hpp"

#include <nlohmann/json.hpp>

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
    std::string input;
    bool show_info = false;
    std::string summary;
    std::string region, account;
    std::vector<std::string> parameters, vars, var_files;
    bool skip_unknown = false;
    bool prove = false;  // issue 18: add `ddbguard prove`'s results
};

// The files a directory walk considers: policies and templates by their name.
bool lintable_name(const std::filesystem::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".json" || ext == ".yaml" || ext == ".yml" || ext == ".template" || ext == ".tf";
}

// Folders that hold other people's code or tool state, never the user's policies.
bool skipped_folder(const std::filesystem::path& p) {
    const std::string name = p.filename().string();
    return name == ".git" || name == "node_modules" || name == ".terraform" || name == ".serverless" ||
           name == ".aws-sam";
}

// Expands directories to the policy and template files under them (sorted, so output is
// stable) and reads every input. Returns false, after saying why, on a path that does not
// exist.
bool collect_inputs(const std::vector<std::string>& paths, bool skip_unknown, std::vector<Input>& inputs) {
    namespace fs = std::filesystem;
    for (const std::string& path : paths) {
        if (path == "-") {
            std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
            inputs.push_back({"-", std::move(bytes), true});
            continue;
        }
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> files;
            auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
            for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (it->is_directory(ec) && skipped_folder(it->path())) {
                    it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file(ec) && lintable_name(it->path())) files.push_back(it->path().string());
            }
            if (ec) {
                std::cerr << "ddbguard: cannot read directory " << path << ": " << ec.message() << "\n";
                return false;
            }
            std::sort(files.begin(), files.end());
            if (files.empty()) {
                std::cerr << "ddbguard: no policy or template files (*.json, *.yaml, *.yml, *.template, *.tf) under "
                          << path << "\n";
                return false;
            }
            for (std::string& f : files) inputs.push_back({std::move(f), std::string(), false});
            continue;
        }
        if (!fs::exists(path, ec)) {
            std::cerr << "ddbguard: no such file or directory: " << path << "\n";
            return false;
        }
        // --skip-unknown: a named file of no known format is skipped like one met in a walk.
        inputs.push_back({path, std::string(), !skip_unknown});
    }
    return true;
}

// Reads every input but stdin (already read), at most one byte over `max_bytes` (the parser
// reports the oversized file), with `jobs` threads: on a VM each open, read and close is dear,
// and AWS's 1,594 managed policies take 30 ms to read on one core. Returns the path of a file
// that could not be read, or "".
std::string read_inputs(std::vector<Input>& inputs, std::size_t max_bytes, unsigned jobs) {
    std::vector<char> unreadable(inputs.size(), 0);  // each written by the thread that read it
    util::for_each_index(inputs.size(), jobs, [&](std::size_t i) {
        Input& input = inputs[i];
        if (input.path == "-") return;
        const int fd = ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
        bool ok = fd >= 0;
        struct stat st {};
        std::size_t want = max_bytes + 1;
        if (ok && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
            want = std::min<std::size_t>(static_cast<std::size_t>(st.st_size), max_bytes) + 1;
        std::string& bytes = input.bytes;
        bytes.resize(want);
        std::size_t got = 0;
        while (ok && got < bytes.size()) {
            const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                ok = n == 0;
                break;
            }
            got += static_cast<std::size_t>(n);
        }
        bytes.resize(got);
        if (fd >= 0) ::close(fd);
        unreadable[i] = !ok;
    });
    const auto failed = std::find(unreadable.begin(), unreadable.end(), 1);
    return failed == unreadable.end() ? std::string() : inputs[static_cast<std::size_t>(failed - unreadable.begin())].path;
}

// "KEY=VALUE" into `out`; false (after saying why) when there is no '='.
bool read_assignments(const std::vector<std::string>& items, std::string_view option,
                      std::map<std::string, std::string>& out) {
    for (const std::string& item : items) {
        const std::size_t eq = item.find('=');
        if (eq == std::string::npos || eq == 0) {
            std::cerr << "ddbguard: " << option << " takes KEY=VALUE, not '" << item << "'\n";
            return false;
        }
        out[item.substr(0, eq)] = item.substr(eq + 1);
    }
    return true;
}

int run_lint(const LintArgs& args) {
    // Before anything is read (stdin can be read only once).
    if (args.prove && args.format != "sarif") run_in_prover_build();
    LintOptions options;
    options.show_info = false;  // hardening suggestions only when asked for (--show-info, config, --select)
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
    if (!args.input.empty()) options.format = source_format_from_string(args.input);
    if (args.show_info) options.show_info = true;
    options.practices = args.summary == "practices";
    if (!args.region.empty()) options.values.region = args.region;
    if (!args.account.empty()) options.values.account = args.account;
    if (!read_assignments(args.parameters, "--parameter", options.values.parameters)) return 2;
    for (const std::string& file : args.var_files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            std::cerr << "ddbguard: cannot read " << file << "\n";
            return 2;
        }
        std::ostringstream text;
        text << in.rdbuf();
        if (std::string error = sources::read_tfvars(text.str(), options.values.variables); !error.empty()) {
            std::cerr << "ddbguard: " << file << ":" << error << "\n";
            return 2;
        }
    }
    if (!read_assignments(args.vars, "--var", options.values.variables)) return 2;
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

    std::vector<Input> inputs;
    if (!collect_inputs(args.paths, args.skip_unknown, inputs)) return 2;
    // Large inputs: before anything is read, re-run with huge pages for malloc (stdin was read
    // already and cannot be read twice, so never with '-').
    rerun_with_huge_pages([&]() -> std::uint64_t {
        std::uint64_t total = 0;
        for (const Input& input : inputs) {
            if (input.path == "-") return 0;
            std::error_code ec;
            const std::uintmax_t size = std::filesystem::file_size(input.path, ec);
            if (!ec) total += size;
        }
        return total;
    });
    if (std::string unreadable = read_inputs(inputs, options.limits.max_bytes, args.jobs); !unreadable.empty()) {
        std::cerr << "ddbguard: cannot read " << unreadable << "\n";
        return 2;
    }

    std::optional<std::vector<ProveReport>> proofs;
    if (args.prove) {
        if (args.format == "sarif") {
            std::cerr << "ddbguard: --prove works with --format text or json\n";
            return 2;
        }
        if (!prover_available()) {
            std::cerr << "ddbguard: this build has no SMT solver (Z3): --prove is unavailable; install libz3-dev and "
                         "rebuild\n";
            return 2;
        }
    }
    std::vector<FileReport> reports = args.bundle ? lint_inputs_bundle(inputs, options) : lint_inputs(inputs, options);
    if (args.prove && !(proofs = prove_paths(args.paths, args.bundle, 2000))) return 2;
    if (args.format == "json" && proofs) {
        auto j = nlohmann::ordered_json::parse(write_json(reports));
        j["proofs"] = nlohmann::ordered_json::parse(write_prove_json(*proofs));
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else if (args.format == "json") std::cout << write_json(reports);
    else if (args.format == "sarif") std::cout << write_sarif(reports);
    else std::cout << write_text(reports) << (proofs ? write_prove_text(*proofs) : std::string());

    if (proofs && prove_exit_code(*proofs, false) != 0) return 1;
    if (!fail_on) return 0;
    for (const FileReport& r : reports)
        for (const Finding& f : r.findings)
            if (f.severity >= *fail_on) return 1;
    return 0;
}

}  // namespace

void add_lint(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<LintArgs>();
    auto* cmd = app.add_subcommand("lint", "lint policy files, templates or directories ('-' reads stdin)");
    cmd->add_option("PATH", args->paths, "policy files, templates, .tf files, directories (searched recursively) or '-'")->required();
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
    cmd->add_option("--input", args->input, "the inputs' format instead of detecting it from content")
        ->check(CLI::IsMember({"policy", "cloudformation", "serverless", "terraform", "terraform-plan"}));
    cmd->add_flag("--show-info", args->show_info, "also show info findings (hardening suggestions)");
    cmd->add_option("--summary", args->summary,
                    "add a summary: 'practices' judges the twelve DynamoDB security practices per stack")
        ->check(CLI::IsMember({"practices"}));
    cmd->add_flag("--skip-unknown", args->skip_unknown,
                  "skip named files that are neither policies nor templates (CI or Kubernetes YAML), as a "
                  "directory walk does, instead of reporting them (for hooks that pass every *.yaml)");
    cmd->add_option("--region", args->region, "the AWS Region templates deploy to (AWS::Region)");
    cmd->add_option("--account", args->account, "the AWS account templates deploy to (AWS::AccountId)");
    cmd->add_option("--parameter", args->parameters, "a template parameter's value, KEY=VALUE (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--var", args->vars, "a Terraform variable's value, NAME=VALUE (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--var-file", args->var_files, "a Terraform .tfvars file of NAME = VALUE lines (repeatable)")
        ->allow_extra_args(false);
    cmd->add_flag("--prove", args->prove,
                  "also prove the isolation properties of the policy files (`ddbguard prove`; needs Z3)");
    cmd->callback([args, fail_on, &exit_code] {
        args->fail_on_given = fail_on->count() > 0;
        exit_code = run_lint(*args);
    });
}

}  // namespace ddbguard::cli
