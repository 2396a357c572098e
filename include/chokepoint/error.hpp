#pragma once

// The engine's exception types. Library code throws; only the command line's main() turns an
// exception into a message and an exit status.

#include <stdexcept>
#include <string>

namespace chokepoint {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where in an input file something was found. line and column are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

// A scenario that cannot be run as written. what() is one line:
//   "scenarios/x.yaml:12:5: sectors[2].base_price: expected a positive number, found \"abc\""
class ScenarioError : public Error {
 public:
  ScenarioError(SourceLocation where, std::string key_path, std::string message);
  const SourceLocation& where() const { return where_; }
  const std::string& key_path() const { return key_path_; }
  const std::string& message() const { return message_; }

 private:
  SourceLocation where_;
  std::string key_path_;
  std::string message_;
};

// Reading or writing a result file failed (disk full, permissions, not a Chokepoint file...).
class OutputError : public Error {
 public:
  using Error::Error;
};

// A command-line argument that cannot be honoured.
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace chokepoint
