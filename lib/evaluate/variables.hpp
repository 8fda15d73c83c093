#pragma once
// Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"):
// ${key}, ${key, 'default'}, and the escapes ${*} ${?} ${$}. Substituted only
// under Version 2012-10-17; otherwise the text is literal policy text.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/evaluate.hpp"
#include "evaluate/wildcard.hpp"

namespace ddbguard::eval {

struct TemplatePart {
    Pattern text;                       // literal run (escapes already applied)
    std::string variable;               // non-empty: a variable reference
    std::optional<std::string> fallback;  // ${key, 'default'}
};

class Template {
public:
    // `substitute`: the policy's Version is 2012-10-17. `wildcards`: '*' and '?'
    // outside variables are wildcards (Like operators, Resource, Arn operators).
    static Template compile(std::string_view text, bool substitute, bool wildcards);

    bool has_variables() const { return has_variables_; }
    // Precompiled pattern; valid only when !has_variables().
    const Pattern& fixed() const { return fixed_; }
    // The precompiled pattern has no wildcard: plain string comparison decides.
    bool fixed_is_literal() const { return fixed_literal_; }
    const std::string& source() const { return source_; }

    // Renders into `out`. Substituted values are literal text. Returns false when a
    // variable is absent from the request (or not single-valued) and has no default;
    // `missing` then names it.
    bool render(const Request& request, Pattern& out, std::string_view* missing = nullptr) const;

    // Variable names referenced, for explanations.
    std::vector<std::string_view> variables() const;
    // The literal runs and variable references, in order, when has_variables() (the solver
    // encodes them); otherwise fixed() is the whole text.
    const std::vector<TemplatePart>& parts() const { return parts_; }

private:
    std::string source_;
    bool has_variables_ = false;
    Pattern fixed_;
    bool fixed_literal_ = false;
    std::vector<TemplatePart> parts_;
};

}  // namespace ddbguard::eval
