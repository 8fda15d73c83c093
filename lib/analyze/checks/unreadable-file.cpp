// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& unreadable_file() {
    static const ParserDiagnostic check({
        "unreadable-file", Severity::error,
        R"txt(The file could not be read.)txt",
        R"txt(Reports a path that exists in the input list but cannot be opened or read.)txt",
        R"txt(A linter that skips unreadable files passes them silently.)txt",
        R"json((a file without read permission))json",
        R"json((fix the permissions, or leave the file out))json",
        R"txt(Severity: error: the file was not linted, so nothing in it was judged.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
