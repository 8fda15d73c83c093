// `ddbguard generate SPEC [-o DIR | --stdout | --check DIR]`: row-level policies from a spec.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "ddbguard/generate.hpp"

namespace ddbguard::cli {
namespace {

struct GenerateArgs {
    std::string spec;
    std::string out_dir;
    std::string check_dir;
    bool to_stdout = false;
    bool tests = false;
};

struct OutputFile {
    const char* name;
    const std::string* text;  // empty: the spec generates no such file
};

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::string line;
    std::istringstream in(text);
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

// A unified diff (3 lines of context) from an LCS table; policies are small files.
std::string unified_diff(const std::string& a_text, const std::string& b_text, const std::string& a_name,
                         const std::string& b_name) {
    const auto a = lines_of(a_text), b = lines_of(b_text);
    const std::size_t n = a.size(), m = b.size();
    if (n * m > 4'000'000) return "--- " + a_name + "\n+++ " + b_name + "\n(files too large to diff)\n";
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    struct Op {
        char kind;  // ' ', '-', '+'
        std::size_t ai, bi;
    };
    std::vector<Op> ops;
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) ops.push_back({' ', i++, j++});
        else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push_back({'-', i++, j});
        else ops.push_back({'+', i, j++});
    }
    std::string out = "--- " + a_name + "\n+++ " + b_name + "\n";
    const std::size_t ctx = 3;
    for (std::size_t k = 0; k < ops.size();) {
        if (ops[k].kind == ' ') {
            ++k;
            continue;
        }
        std::size_t start = k >= ctx ? k - ctx : 0, end = k;
        // Extend the hunk while changes are within 2*ctx lines of each other.
        for (std::size_t last = k; end < ops.size(); ++end) {
            if (ops[end].kind != ' ') last = end;
            else if (end - last > 2 * ctx) break;
        }
        std::size_t stop = end;
        while (stop > k && ops[stop - 1].kind == ' ' && stop - 1 > k) --stop;
        stop = std::min(ops.size(), stop + ctx);
        std::size_t a_count = 0, b_count = 0;
        for (std::size_t x = start; x < stop; ++x) {
            if (ops[x].kind != '+') ++a_count;
            if (ops[x].kind != '-') ++b_count;
        }
        out += "@@ -" + std::to_string(ops[start].ai + (a_count ? 1 : 0)) + "," + std::to_string(a_count) + " +" +
               std::to_string(ops[start].bi + (b_count ? 1 : 0)) + "," + std::to_string(b_count) + " @@\n";
        for (std::size_t x = start; x < stop; ++x)
            out += std::string(1, ops[x].kind) + (ops[x].kind == '+' ? b[ops[x].bi] : a[ops[x].ai]) + "\n";
        k = stop;
    }
    return out;
}

int run_generate(const GenerateArgs& args) {
    const int modes = (!args.out_dir.empty()) + (!args.check_dir.empty()) + (args.to_stdout ? 1 : 0);
    if (modes > 1) {
        std::cerr << "ddbguard generate: give one of -o DIR, --stdout, --check DIR\n";
        return 2;
    }
    std::string text;
    if (!read_file(args.spec, text)) {
        std::cerr << "ddbguard: cannot read " << args.spec << "\n";
        return 2;
    }
    const GenerateResult result = generate_from_spec(text, args.spec);
    if (!result.ok) {
        for (const Finding& f : result.problems) {
            std::cerr << f.path << ":" << f.location.line << ":" << f.location.column << ": error: " << f.message << " ["
                      << f.check_id << "]\n";
            if (!f.fix.empty()) std::cerr << "    fix: " << f.fix << "\n";
        }
        std::cerr << "ddbguard generate: nothing written\n";
        return 1;
    }
    static const std::string none;
    const OutputFile files[] = {{"role-policy.json", &result.role_policy_json},
                                {"trust-policy.json", &result.trust_policy_json},
                                {"kms-key-policy.json", &result.kms_key_policy_json},
                                {"policy-tests.yaml", args.tests ? &result.policy_tests_yaml : &none}};
    namespace fs = std::filesystem;

    if (!args.check_dir.empty()) {
        int status = 0;
        for (const OutputFile& f : files) {
            const std::string path = (fs::path(args.check_dir) / f.name).string();
            std::string on_disk;
            const bool exists = read_file(path, on_disk);
            if (f.text->empty()) {
                if (exists && f.text != &none) {
                    std::cout << path << ": the spec no longer generates this file: remove it\n";
                    status = 1;
                }
                continue;
            }
            if (!exists) {
                std::cout << path << ": missing; the spec generates it\n";
                status = 1;
            } else if (on_disk != *f.text) {
                std::cout << path << ": differs from what " << args.spec << " generates\n"
                          << unified_diff(on_disk, *f.text, path, path + " (generated)");
                status = 1;
            }
        }
        if (status == 0) std::cout << args.check_dir << ": up to date with " << args.spec << "\n";
        else std::cout << "run: ddbguard generate " << args.spec << (args.tests ? " --tests" : "") << " -o " << args.check_dir << "\n";
        return status;
    }

    if (!args.out_dir.empty()) {
        std::error_code ec;
        fs::create_directories(args.out_dir, ec);
        if (ec) {
            std::cerr << "ddbguard: cannot create " << args.out_dir << ": " << ec.message() << "\n";
            return 2;
        }
        for (const OutputFile& f : files) {
            if (f.text->empty()) continue;
            const std::string path = (fs::path(args.out_dir) / f.name).string();
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            out << *f.text;
            if (!out) {
                std::cerr << "ddbguard: cannot write " << path << "\n";
                return 2;
            }
            std::cout << "wrote " << path << "\n";
        }
    } else {
        bool first = true;
        for (const OutputFile& f : files) {
            if (f.text->empty()) continue;
            std::cout << (first ? "" : "\n") << "==> " << f.name << " <==\n" << *f.text;
            first = false;
        }
    }
    for (const std::string& note : result.notes) std::cout << "note: " << note << "\n";
    return 0;
}

}  // namespace

void add_generate(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<GenerateArgs>();
    CLI::App* cmd = app.add_subcommand(
        "generate", "write the smallest row-level policies for a spec (YAML or JSON), checked by the analyzer first");
    cmd->add_option("SPEC", args->spec, "the spec file (see examples/specs/)")->required();
    cmd->add_option("-o,--output", args->out_dir, "write role-policy.json, trust-policy.json (and kms-key-policy.json) here");
    cmd->add_flag("--stdout", args->to_stdout, "print the policies with a header line each (the default)");
    cmd->add_flag("--tests", args->tests,
                  "also write policy-tests.yaml, tests of the row-level guarantees for `ddbguard test`");
    cmd->add_option("--check", args->check_dir,
                    "exit 1 when the files in DIR differ from what the spec generates (a CI drift check)");
    cmd->callback([args, &exit_code]() { exit_code = run_generate(*args); });
}

}  // namespace ddbguard::cli
