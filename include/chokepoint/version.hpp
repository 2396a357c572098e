#pragma once

#include <string_view>

namespace chokepoint {

// Defined in a source file generated at build time (cmake/WriteVersion.cmake).
std::string_view engine_version();
// Short git hash of the build, with "-dirty" when tracked files had uncommitted changes.
std::string_view git_revision();

}  // namespace chokepoint
