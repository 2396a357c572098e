#include "scenario/detail/node_reader.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>
#include <system_error>
#include <utility>

#include "scenario/detail/scalar_text.hpp"
#include "scenario/detail/suggest.hpp"

namespace chokepoint::scenario_detail {

namespace {

// yaml-cpp's tag for plain scalars; quoted ones get "!".
const std::string kPlainTag = "?";
const std::string kQuotedTag = "!";

bool is_standard_tag(const std::string& tag) {
  static const std::string kCore = "tag:yaml.org,2002:";
  if (tag.empty() || tag == kPlainTag || tag == kQuotedTag) return true;
  if (tag.rfind(kCore, 0) != 0) return false;
  const std::string type = tag.substr(kCore.size());
  return type == "str" || type == "int" || type == "float" || type == "bool" || type == "null";
}

bool is_string_tag(const std::string& tag) {
  return tag == kQuotedTag || tag == "tag:yaml.org,2002:str";
}

bool is_identifier(const std::string& text) {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool is_plain_integer_text(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  if (text.empty()) return false;
  for (const char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

// Integers beyond 2^53 are not all representable as doubles, so "1e300" is not an integer here.
constexpr double kMaxExactInteger = 9007199254740992.0;

// A null value's mark in yaml-cpp points past the key (often at the next line), so errors
// about an empty value point at the key instead.
YAML::Mark value_mark(const YAML::Node& value, const YAML::Mark& fallback) {
  if (value.IsNull() || value.Mark().is_null()) return fallback;
  return value.Mark();
}

}  // namespace

// ---- Value ----------------------------------------------------------------------------------

Value::Value(YAML::Node node, std::string path, YAML::Mark mark, const std::string* file,
             YAML::Node out, const Origins* origins)
    : node_(std::move(node)),
      path_(std::move(path)),
      mark_(mark),
      file_(file),
      out_(std::move(out)),
      origins_(origins) {}

const std::string* Value::file_of(const YAML::Node& child) const {
  return origins_ != nullptr ? origins_->source_of(child, file_) : file_;
}

SourceLocation Value::location() const {
  SourceLocation where;
  where.file = file_ != nullptr ? *file_ : std::string();
  // A --set value is not in any file, so its marks (within the value's text) would mislead.
  const bool has_lines = origins_ == nullptr || !origins_->is_override(file_);
  if (has_lines && !mark_.is_null()) {
    where.line = mark_.line + 1;
    where.column = mark_.column + 1;
  }
  return where;
}

void Value::fail(const std::string& message) const {
  throw ScenarioError(location(), path_, message);
}

void Value::fail_expected(const std::string& what, const std::string& note) const {
  fail("expected " + what + ", found " + found() + note);
}

std::string Value::found() const {
  if (!node_.IsDefined() || node_.IsNull()) return "an empty value";
  if (node_.IsSequence()) return node_.size() == 0 ? "an empty list" : "a list";
  if (node_.IsMap()) return node_.size() == 0 ? "an empty map" : "a map";
  const std::string& text = node_.Scalar();
  if (node_.Tag() == kPlainTag) {
    if (parse_number(text).status != ParsedNumber::Status::NotANumber) return text;
    if (parse_bool(text)) return text;
  }
  return quoted(text);
}

const std::string& Value::scalar(const std::string& expected) const {
  if (!node_.IsScalar()) fail_expected(expected);
  if (!is_standard_tag(node_.Tag()))
    fail("unsupported YAML tag \"" + node_.Tag() + "\"; write " + expected + " without a tag");
  return node_.Scalar();
}

double Value::number(const NumberRange& range) {
  const std::string expected = range.describe();
  const std::string& text = scalar(expected);
  const ParsedNumber parsed = parse_number(text);
  if (is_string_tag(node_.Tag())) {
    if (parsed.status == ParsedNumber::Status::Ok)
      fail_expected(expected, " (a quoted string: remove the quotes)");
    fail_expected(expected);
  }
  switch (parsed.status) {
    case ParsedNumber::Status::NotFinite:
      fail_expected(expected, " (NaN and infinity are not allowed)");
    case ParsedNumber::Status::OutOfRange:
      fail_expected(expected, " (too large or too small to be represented)");
    case ParsedNumber::Status::NotANumber:
      fail_expected(expected);
    case ParsedNumber::Status::Ok:
      break;
  }
  if (!range.contains(parsed.value)) fail_expected(expected);
  const double magnitude = std::fabs(parsed.value);
  if (magnitude > kLargestMagnitude)
    fail_expected(expected, " (numbers may be at most 1e15 in magnitude)");
  if (magnitude != 0.0 && magnitude < kSmallestMagnitude)
    fail_expected(expected, " (numbers other than 0 must be at least 1e-12 in magnitude)");
  write(format_number(parsed.value));
  return parsed.value;
}

std::int64_t Value::integer(const IntegerRange& range) {
  const std::string expected = range.describe();
  const std::string& text = scalar(expected);
  if (is_string_tag(node_.Tag())) fail_expected(expected);
  std::int64_t value = 0;
  if (is_plain_integer_text(text)) {
    std::string_view digits = text;
    if (digits.front() == '+') digits.remove_prefix(1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size())
      fail_expected(expected, " (too large to be represented)");
  } else {
    // "1e6" is a convenient way to write a count; "2.5" is not a count.
    const ParsedNumber parsed = parse_number(text);
    if (parsed.status == ParsedNumber::Status::NotFinite)
      fail_expected(expected, " (NaN and infinity are not allowed)");
    if (parsed.status != ParsedNumber::Status::Ok || std::floor(parsed.value) != parsed.value ||
        std::fabs(parsed.value) > kMaxExactInteger)
      fail_expected(expected);
    value = static_cast<std::int64_t>(parsed.value);
  }
  if (!range.contains(value)) fail_expected(expected);
  write(std::to_string(value));
  return value;
}

std::uint64_t Value::unsigned_integer() {
  const std::string expected = "a non-negative integer";
  const std::string& text = scalar(expected);
  if (is_string_tag(node_.Tag()) || !is_plain_integer_text(text) || text.front() == '-')
    fail_expected(expected);
  std::string_view digits = text;
  if (digits.front() == '+') digits.remove_prefix(1);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size())
    fail_expected(expected, " (the largest is " +
                                std::to_string(std::numeric_limits<std::uint64_t>::max()) + ")");
  write(std::to_string(value));
  return value;
}

std::string Value::string(bool allow_empty) {
  const std::string& text = scalar("a string");
  if (text.empty() && !allow_empty) fail("expected a non-empty string, found \"\"");
  write(text);
  return text;
}

std::string Value::identifier() {
  const std::string& text = scalar("a code made of letters, digits and underscores");
  if (!is_identifier(text)) fail_expected("a code made of letters, digits and underscores");
  write(text);
  return text;
}

bool Value::boolean() {
  const std::string& text = scalar("true or false");
  const auto value = is_string_tag(node_.Tag()) ? std::nullopt : parse_bool(text);
  if (!value) fail_expected("true or false");
  write(*value ? "true" : "false");
  return *value;
}

MapReader Value::map() {
  return MapReader(*this);
}

std::vector<Value> Value::list(bool allow_empty, bool flow) {
  if (!node_.IsSequence()) fail_expected(allow_empty ? "a list" : "a non-empty list");
  if (node_.size() == 0 && !allow_empty) fail_expected("a non-empty list");
  out_ = YAML::Node(YAML::NodeType::Sequence);
  // Block style would put an empty list's [] on a line of its own.
  if (flow || node_.size() == 0) out_.SetStyle(YAML::EmitterStyle::Flow);
  std::vector<Value> items;
  items.reserve(node_.size());
  std::size_t index = 0;
  for (const YAML::Node& item : node_) {
    YAML::Node slot;
    out_.push_back(slot);
    items.emplace_back(item, path_ + "[" + std::to_string(index++) + "]", value_mark(item, mark_),
                       file_of(item), slot, origins_);
  }
  return items;
}

// ---- MapReader ------------------------------------------------------------------------------

MapReader::MapReader(Value map_value) : self_(std::move(map_value)) {
  if (!self_.is_map()) self_.fail_expected("a map of keys and values");
  self_.out() = YAML::Node(YAML::NodeType::Map);
  // yaml-cpp keeps every copy of a repeated key, so duplicates are caught here, while the
  // map's entries are collected.
  for (const auto& pair : self_.node()) {
    const YAML::Node& key = pair.first;
    const std::string* file = self_.file_of(pair.second);
    const Value key_value(key, self_.path(), value_mark(key, self_.mark()), file, YAML::Node(),
                          self_.origins());
    if (!key.IsScalar() || key.Scalar().empty())
      key_value.fail("expected a key name, found " + key_value.found());
    for (const Entry& earlier : entries_) {
      if (earlier.key == key.Scalar()) {
        key_value.fail("duplicate key \"" + key.Scalar() + "\" (first given at line " +
                       std::to_string(earlier.key_node.Mark().line + 1) + ")");
      }
    }
    entries_.push_back({key.Scalar(), key, pair.second, file, false});
  }
}

std::string MapReader::child_path(std::string_view key) const {
  if (self_.path().empty()) return std::string(key);
  return self_.path() + "." + std::string(key);
}

bool MapReader::is_known(const std::string& key) const {
  for (const std::string& known : known_)
    if (known == key) return true;
  return false;
}

bool MapReader::has(std::string_view key) const {
  for (const Entry& entry : entries_)
    if (entry.key == key) return true;
  return false;
}

std::optional<Value> MapReader::find(std::string_view key) {
  if (!is_known(std::string(key))) known_.emplace_back(key);
  for (Entry& entry : entries_) {
    if (entry.key != key) continue;
    entry.used = true;
    return Value(entry.value, child_path(key), value_mark(entry.value, entry.key_node.Mark()),
                 entry.file, self_.out()[entry.key], self_.origins());
  }
  return std::nullopt;
}

Value MapReader::required(std::string_view key) {
  if (auto value = find(key)) return *value;
  // A misspelt required key is reported as the misspelling, which is the thing to fix.
  const std::vector<std::string> wanted{std::string(key)};
  for (const Entry& entry : entries_) {
    if (!entry.used && !is_known(entry.key) && nearest_name(entry.key, wanted)) fail_unknown(entry);
  }
  fail("missing required key \"" + std::string(key) + "\"");
}

double MapReader::required_number(std::string_view key, const NumberRange& range) {
  return required(key).number(range);
}

double MapReader::optional_number(std::string_view key, double fallback, const NumberRange& range) {
  if (auto value = find(key)) return value->number(range);
  write(key, format_number(fallback));
  return fallback;
}

std::int64_t MapReader::required_integer(std::string_view key, const IntegerRange& range) {
  return required(key).integer(range);
}

std::int64_t MapReader::optional_integer(std::string_view key, std::int64_t fallback,
                                         const IntegerRange& range) {
  if (auto value = find(key)) return value->integer(range);
  write(key, std::to_string(fallback));
  return fallback;
}

std::string MapReader::required_string(std::string_view key) {
  return required(key).string();
}

std::string MapReader::optional_string(std::string_view key, const std::string& fallback,
                                       bool allow_empty) {
  if (auto value = find(key)) return value->string(allow_empty);
  write(key, fallback);
  return fallback;
}

bool MapReader::optional_bool(std::string_view key, bool fallback) {
  if (auto value = find(key)) return value->boolean();
  write(key, fallback ? "true" : "false");
  return fallback;
}

std::vector<Value> MapReader::optional_list(std::string_view key, bool flow) {
  if (auto value = find(key)) return value->list(true, flow);
  YAML::Node empty(YAML::NodeType::Sequence);
  empty.SetStyle(YAML::EmitterStyle::Flow);
  self_.out()[std::string(key)] = empty;
  return {};
}

std::vector<Value> MapReader::required_list(std::string_view key, bool flow) {
  return required(key).list(false, flow);
}

MapReader MapReader::optional_map(std::string_view key) {
  if (auto value = find(key)) return value->map();
  return MapReader(Value(YAML::Node(YAML::NodeType::Map), child_path(key), self_.mark(),
                         self_.file(), self_.out()[std::string(key)], self_.origins()));
}

std::vector<MapReader::Item> MapReader::items() {
  std::vector<Item> result;
  for (Entry& entry : entries_) {
    entry.used = true;
    const YAML::Mark key_mark = value_mark(entry.key_node, self_.mark());
    result.push_back({Value(entry.key_node, child_path(entry.key), key_mark, entry.file,
                            YAML::Node(), self_.origins()),
                      Value(entry.value, child_path(entry.key), value_mark(entry.value, key_mark),
                            entry.file, self_.out()[entry.key], self_.origins())});
  }
  return result;
}

void MapReader::write(std::string_view key, const std::string& text) {
  self_.out()[std::string(key)] = text;
}

void MapReader::write(std::string_view key, const YAML::Node& node) {
  self_.out()[std::string(key)] = node;
}

void MapReader::fail_unknown(const Entry& entry) const {
  const Value key_value(entry.key_node, self_.path(), value_mark(entry.key_node, self_.mark()),
                        entry.file, YAML::Node(), self_.origins());
  key_value.fail("unknown key \"" + entry.key + "\"" +
                 suggestion_suffix(entry.key, known_, "valid keys are"));
}

void MapReader::finish() const {
  for (const Entry& entry : entries_)
    if (!entry.used) fail_unknown(entry);
}

}  // namespace chokepoint::scenario_detail
