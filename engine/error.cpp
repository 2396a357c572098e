#include "chokepoint/error.hpp"

#include <utility>

namespace chokepoint {

namespace {
std::string format_scenario_error(const SourceLocation& where, const std::string& key_path,
                                  const std::string& message) {
  std::string text = where.file.empty() ? std::string("<scenario>") : where.file;
  if (where.line > 0) {
    text.append(":").append(std::to_string(where.line));
    if (where.column > 0) text.append(":").append(std::to_string(where.column));
  }
  text.append(": ");
  if (!key_path.empty()) text.append(key_path).append(": ");
  return text.append(message);
}
}  // namespace

ScenarioError::ScenarioError(SourceLocation where, std::string key_path, std::string message)
    : Error(format_scenario_error(where, key_path, message)),
      where_(std::move(where)),
      key_path_(std::move(key_path)),
      message_(std::move(message)) {}

}  // namespace chokepoint
