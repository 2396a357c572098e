#pragma once

// Folders made for an output file, undone when the file is not written.

#include <filesystem>
#include <system_error>
#include <vector>

namespace chokepoint::output::detail {

// The folders created for a file, removed again (if still empty) on every way out except a
// successful write: a failed run leaves nothing behind.
class CreatedFolders {
 public:
  explicit CreatedFolders(const std::filesystem::path& folder) {
    if (folder.empty()) return;
    // The missing ancestors, deepest first.
    for (std::filesystem::path missing = folder;
         !missing.empty() && !std::filesystem::exists(missing); missing = missing.parent_path()) {
      created_.push_back(missing);
      if (missing == missing.parent_path()) break;
    }
    std::filesystem::create_directories(folder);
  }
  CreatedFolders(const CreatedFolders&) = delete;
  CreatedFolders& operator=(const CreatedFolders&) = delete;
  ~CreatedFolders() {
    for (const std::filesystem::path& folder : created_) {
      std::error_code ignored;
      std::filesystem::remove(folder, ignored);  // only removes an empty folder
    }
  }
  void keep() { created_.clear(); }

 private:
  std::vector<std::filesystem::path> created_;
};

}  // namespace chokepoint::output::detail
