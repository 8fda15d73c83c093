// `ddbguard prove PATH...` (issue 18), and the proofs `lint --prove` adds.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>

#include "commands.hpp"
#include "ddbguard/policy.hpp"
#include "ddbguard/prove.hpp"

namespace ddbguard::cli {

namespace {

struct ProveArgs {
    std::vector<std::string> paths;
    bool bundle = false;
    std::string format = "text";
    bool strict = false;
    unsigned timeout_ms = 2000;
};

// Policy files (*.json under directories, sorted), parsed; false after saying why when a
// path does not exist.
bool load(const std::vector<std::string>& paths, std::vector<ParseResult>& out) {
    namespace fs = std::filesystem;
    for (const std::string& path : paths) {
        if (path == "-") {
            std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
            out.push_back(parse_policy(bytes, "-"));
            continue;
        }
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> files;
            for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file(ec) && it->path().extension() == ".json") files.push_back(it->path().string());
            std::sort(files.begin(), files.end());
            for (const std::string& f : files) out.push_back(parse_policy_file(f));
            continue;
        }
        if (!fs::exists(path, ec)) {
            std::cerr << "ddbguard: no such file or directory: " << path << "\n";
            return false;
        }
        out.push_back(parse_policy_file(path));
    }
    return true;
}

}  // namespace

std::optional<std::vector<ProveReport>> prove_paths(const std::vector<std::string>& paths, bool bundle,
                                                    unsigned timeout_ms) {
    std::vector<ParseResult> parsed;
    if (!load(paths, parsed)) return std::nullopt;
    ProveOptions options;
    options.timeout_ms = timeout_ms;
    std::vector<ProveReport> reports;
    const std::string no_intent = "no row or column isolation intent (no dynamodb:LeadingKeys, *PartitionKeyValues "
                                  "or dynamodb:Attributes condition): nothing to prove";
    if (bundle) {
        std::vector<const Policy*> set;
        ProveReport report;
        for (const ParseResult& p : parsed) {
            if (p.usable) set.push_back(&p.policy);
            if (report.path.empty()) report.path = p.policy.path;
        }
        report.results = prove(set, options);
        if (report.results.empty()) report.note = no_intent;
        reports.push_back(std::move(report));
        return reports;
    }
    for (const ParseResult& p : parsed) {
        ProveReport report;
        report.path = p.policy.path;
        if (!p.usable) {
            report.note = "not read as a policy (JSON policy documents only; `ddbguard lint` says why)";
        } else {
            report.results = prove({&p.policy}, options);
            if (report.results.empty()) report.note = no_intent;
        }
        reports.push_back(std::move(report));
    }
    return reports;
}

int prove_exit_code(const std::vector<ProveReport>& reports, bool strict) {
    for (const ProveReport& r : reports)
        for (const ProofResult& p : r.results)
            if (p.status == ProofStatus::refuted || (strict && p.status == ProofStatus::unknown)) return 1;
    return 0;
}

void add_prove(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ProveArgs>();
    auto* cmd = app.add_subcommand(
        "prove", "prove row and column isolation for every request, or refute it with a request the policies allow");
    cmd->add_option("PATH", args->paths, "policy files, directories (*.json, searched recursively) or '-'")->required();
    cmd->add_flag("--bundle", args->bundle, "the paths are one principal's policy set, proven together");
    cmd->add_option("--format", args->format, "output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_flag("--strict", args->strict, "exit 1 when a property is unknown too");
    cmd->add_option("--timeout", args->timeout_ms, "solver time per property, in milliseconds (default 2000)")
        ->check(CLI::Range(1u, 3600000u));
    cmd->callback([args, &exit_code] {
        if (!prover_available()) {
            std::cerr << "ddbguard: this build has no SMT solver (Z3): `ddbguard prove` is unavailable; install "
                         "libz3-dev and rebuild\n";
            exit_code = 2;
            return;
        }
        auto reports = prove_paths(args->paths, args->bundle, args->timeout_ms);
        if (!reports) {
            exit_code = 2;
            return;
        }
        std::cout << (args->format == "json" ? write_prove_json(*reports) : write_prove_text(*reports));
        exit_code = prove_exit_code(*reports, args->strict);
    });
}

}  // namespace ddbguard::cli
