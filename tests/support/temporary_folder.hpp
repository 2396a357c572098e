#pragma once

// A folder for files a test writes, with a name no other test (or test process) uses, removed
// with everything in it when the test ends.

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <system_error>

class TemporaryFolder {
 public:
  explicit TemporaryFolder(const std::string& prefix = "chokepoint_test_")
      : path_(std::filesystem::temp_directory_path() /
              (prefix + std::to_string(std::random_device{}()) +
               std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(path_);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  ~TemporaryFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  // Writes `text` to `name` inside the folder and returns the file's path.
  std::string write(const std::string& name, const std::string& text) const {
    const std::filesystem::path file = path_ / name;
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};
