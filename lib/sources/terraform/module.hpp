#pragma once
// A Terraform module (the .tf files of one directory) inside the reader: its parsed files,
// its resources, data sources, locals and variables, and the scope that resolves
// references between them (docs/iac.md sections 1 and 3).
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "ddbguard/analyze.hpp"
#include "ddbguard/stack.hpp"
#include "sources/terraform/hcl/eval.hpp"
#include "sources/terraform/hcl/parser.hpp"

namespace ddbguard::sources::tf {

struct ModuleFile {
    std::string path;
    std::string source;  // for module files: the text parsed (unescaped policy variables patched)
    hcl::File file;
    bool parsed = false;
    // Offsets of "${" that were written where an IAM policy variable was meant and read as
    // "&{" to parse the rest of the file (terraform-unescaped-variable); policy text gives
    // them back as "${".
    std::set<std::size_t> patched;
};

// A resource or data source block: `address` is "aws_iam_role.app" or "data.aws_iam_policy_document.x".
struct Resource {
    std::string type, name, address;
    bool data = false;
    const hcl::Block* block = nullptr;
    std::uint32_t file = 0;
};

class Module final : public hcl::Scope {
public:
    Module(const LintOptions& options, std::vector<Finding>& diagnostics);

    // Parses one file of the module (findings for what does not parse).
    void add_file(const std::string& path, std::string_view bytes);
    void index();  // after every file: resources, variables, locals

    hcl::Value resolve(const hcl::Reference& ref, std::size_t& used) const override;
    // Evaluates an expression of file `file`, with `scope` (default: the module) for names.
    hcl::Value eval(const hcl::Expr& expr, std::uint32_t file, const hcl::Scope* scope = nullptr) const;
    // The text of an attribute of a resource body when it is a known string ("" otherwise).
    std::string text(const hcl::Body& body, std::string_view attribute, std::uint32_t file) const;
    std::optional<bool> flag(const hcl::Body& body, std::string_view attribute, std::uint32_t file) const;

    // A located position of a value's origin (line 0 when it is in no module file).
    Location location(const hcl::Origin& origin) const;
    Location location(const hcl::Range& range, std::uint32_t file) const;
    const std::string& path_of(std::uint32_t file) const;
    const ModuleFile* file(std::uint32_t id) const;

    const std::vector<Resource>& resources() const { return resources_; }
    const Resource* find(std::string_view address) const;
    // The resource an expression names: aws_iam_role.app.name, "${aws_iam_role.app.id}" ... ("" when none).
    std::string referenced(const hcl::Expr& expr) const;

    std::string partition() const { return partition_; }
    std::string region() const { return region_; }
    std::string account() const { return account_; }

    void report(std::string id, const std::string& path, Location where, std::string message, std::string fix = {},
                Severity severity = Severity::error) const;

    // Positions in file 0 through `remap` (a plan's module, written from the plan's JSON,
    // points back at the plan: line -> the resource's position there).
    void set_remap(std::function<Location(std::uint32_t line)> remap) { remap_ = std::move(remap); }

    // The document an aws_iam_policy_document data source builds (an object with origins).
    hcl::Value policy_document(const Resource& data) const;

private:
    hcl::Value resolve_reference(const hcl::Reference& ref, std::size_t& used) const;
    hcl::Value resource_attribute(const Resource& r, const std::string& attribute, const hcl::Reference& ref) const;
    hcl::Value arn_value(std::string arn, const std::string& reference) const;
    hcl::Value statement(const hcl::Body& body, std::uint32_t file, const hcl::Scope& scope) const;
    std::uint32_t file_id(const std::string& path) const;

    const LintOptions& options_;
    std::vector<Finding>& diagnostics_;
    mutable std::deque<ModuleFile> files_;  // module files first, then files read by file()
    std::size_t module_files_ = 0;
    std::vector<Resource> resources_;
    std::map<std::string, std::size_t> by_address_;
    std::map<std::string, std::pair<const hcl::Attribute*, std::uint32_t>> locals_;
    std::map<std::string, std::pair<const hcl::Block*, std::uint32_t>> variables_;
    mutable std::set<std::string> in_progress_;
    mutable std::map<std::string, hcl::Value> memo_;
    mutable std::set<std::string> reported_;
    std::string partition_, region_, account_;
    std::function<Location(std::uint32_t line)> remap_;
    mutable hcl::EvalOptions eval_options_;
    mutable std::vector<std::unique_ptr<hcl::EvalOptions>> file_options_;  // eval_options_ for each file
    mutable unsigned depth_ = 0;  // the module's directory and file numbering, made once
};

// Fills `stack` from the module's resources (reader.cpp): documents, principals, tables and
// the resources the practices look at.
void build_stack(Module& module, const LintOptions& options, Stack& stack);

// Replaces "&{" by "${" in every string, as aws_iam_policy_document does.
hcl::Value ampersand_to_dollar(const hcl::Value& v);

}  // namespace ddbguard::sources::tf
