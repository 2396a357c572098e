#pragma once

// The strict reader every section of the loader is written with. A Value is one node of the
// scenario together with its key path ("sectors[2].base_price") and its location, so any
// check can fail with a message that says where. A MapReader hands out a map's values by key,
// remembers which keys were asked for, rejects duplicate keys up front and unknown keys in
// finish(), with a "did you mean" for typos.
//
// Every value read (and every default used) is also written into a parallel YAML tree, the
// resolved scenario: complete, canonical, and loadable again to the same description.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/error.hpp"
#include "scenario/detail/origins.hpp"
#include "scenario/detail/range.hpp"

namespace chokepoint::scenario_detail {

class MapReader;

class Value {
 public:
  // `file` must outlive the value (the loader keeps it for the whole load). `out` is the slot
  // of the resolved tree this value is written to. `origins`, when given, says which file
  // each node below came from (a scenario merged from several files); without it, all of
  // them come from `file`.
  Value(YAML::Node node, std::string path, YAML::Mark mark, const std::string* file, YAML::Node out,
        const Origins* origins = nullptr);

  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  const YAML::Mark& mark() const { return mark_; }
  const std::string* file() const { return file_; }
  const Origins* origins() const { return origins_; }
  // The file a node below this one came from.
  const std::string* file_of(const YAML::Node& child) const;
  SourceLocation location() const;
  bool is_map() const { return node_.IsMap(); }
  bool is_list() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }

  [[noreturn]] void fail(const std::string& message) const;
  // "expected <what>, found <this value><note>"
  [[noreturn]] void fail_expected(const std::string& what, const std::string& note = "") const;
  // How this value reads in a message: 1.5, "abc", an empty value, a list, a map.
  std::string found() const;

  double number(const NumberRange& range);
  std::int64_t integer(const IntegerRange& range);
  std::uint64_t unsigned_integer();  // the whole 64-bit range, for seeds
  std::string string(bool allow_empty = false);
  // A code: letters, digits and underscores, as used for states and sectors.
  std::string identifier();
  bool boolean();
  MapReader map();
  // Lists of scalars are written back in flow style: [a, b].
  std::vector<Value> list(bool allow_empty, bool flow = false);

  // The slot in the resolved tree; writing replaces what was written before.
  YAML::Node& out() { return out_; }
  void write(const std::string& text) { out_ = text; }

 private:
  // The scalar text, after checking this is a scalar with no tag other than the standard ones.
  const std::string& scalar(const std::string& expected) const;

  YAML::Node node_;
  std::string path_;
  YAML::Mark mark_;
  const std::string* file_;
  YAML::Node out_;
  const Origins* origins_;
};

class MapReader {
 public:
  // Fails unless the value is a map whose keys are distinct plain names.
  explicit MapReader(Value map_value);

  const std::string& path() const { return self_.path(); }
  const Value& self() const { return self_; }
  [[noreturn]] void fail(const std::string& message) const { self_.fail(message); }

  bool has(std::string_view key) const;
  std::optional<Value> find(std::string_view key);
  Value required(std::string_view key);

  double required_number(std::string_view key, const NumberRange& range);
  double optional_number(std::string_view key, double fallback, const NumberRange& range);
  std::int64_t required_integer(std::string_view key, const IntegerRange& range);
  std::int64_t optional_integer(std::string_view key, std::int64_t fallback,
                                const IntegerRange& range);
  std::string required_string(std::string_view key);
  std::string optional_string(std::string_view key, const std::string& fallback,
                              bool allow_empty = false);
  bool optional_bool(std::string_view key, bool fallback);
  // A missing list reads as empty (and is written back as []).
  std::vector<Value> optional_list(std::string_view key, bool flow = false);
  std::vector<Value> required_list(std::string_view key, bool flow = false);
  // A missing map reads as an empty one, so its defaults are still written back.
  MapReader optional_map(std::string_view key);

  // Every entry in file order, for maps whose keys are data (state codes) rather than names.
  struct Item {
    Value key;  // a scalar whose path is the entry's
    Value value;
  };
  std::vector<Item> items();

  // Writes a value the caller worked out (a default that depends on other values).
  void write(std::string_view key, const std::string& text);
  void write(std::string_view key, const YAML::Node& node);
  // Writes this map back in flow style: {a: 1, b: 2}.
  void use_flow_style() { self_.out().SetStyle(YAML::EmitterStyle::Flow); }
  // Rejects every key that was never asked for, naming the closest one that was.
  void finish() const;

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
    const std::string* file;  // where the key and its value were written
    bool used = false;
  };

  std::string child_path(std::string_view key) const;
  bool is_known(const std::string& key) const;
  [[noreturn]] void fail_unknown(const Entry& entry) const;

  Value self_;
  std::vector<Entry> entries_;
  std::vector<std::string> known_;  // every key asked for, in the order asked
};

}  // namespace chokepoint::scenario_detail
