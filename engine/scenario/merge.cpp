#include "scenario/detail/merge.hpp"

#include <list>
#include <optional>
#include <utility>
#include <vector>

#include "scenario/detail/node_reader.hpp"
#include "scenario/detail/suggest.hpp"

namespace chokepoint::scenario_detail {

namespace {

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

// The value of a map's key, without operator[], which would add the key to the map.
std::optional<std::pair<YAML::Node, YAML::Node>> find_key(const YAML::Node& map,
                                                          const std::string& key) {
  if (!map.IsMap()) return std::nullopt;
  for (const auto& pair : map)
    if (pair.first.IsScalar() && pair.first.Scalar() == key)
      return std::make_pair(pair.first, pair.second);
  return std::nullopt;
}

std::optional<std::string> entry_name(const YAML::Node& entry) {
  const auto name = find_key(entry, "name");
  if (!name || !name->second.IsScalar()) return std::nullopt;
  return name->second.Scalar();
}

// Lists directly under `policies` hold named instruments; the instruments a future version
// adds are merged the same way without being listed here.
bool is_policy_list(const std::string& path) {
  const std::string prefix = "policies.";
  return path.rfind(prefix, 0) == 0 && path.find_first_of(".[", prefix.size()) == std::string::npos;
}

class Merger {
 public:
  explicit Merger(Origins& origins) : origins_(origins) {}

  YAML::Node merge(const SourceTree& base, const SourceTree& child, const std::string& path) {
    // A base without the section merges like an empty one, so that the child's removals are
    // still checked rather than left for the reader to call unknown keys.
    const bool base_empty = !base.root.IsDefined() || base.root.IsNull();
    if (child.root.IsMap() && (base.root.IsMap() || (base_empty && path == "policies")))
      return merge_maps(base, child, path);
    if (is_policy_list(path) && child.root.IsSequence() && (base.root.IsSequence() || base_empty))
      return merge_policy_list(base, child, path);
    return keep(child);
  }

 private:
  YAML::Node keep(const SourceTree& tree) {
    origins_.set(tree.root, tree.file);
    return tree.root;
  }

  SourceTree below(const YAML::Node& node, const SourceTree& parent) const {
    return {node, origins_.source_of(node, parent.file)};
  }

  // Merging by key needs distinct plain keys; the strict reader's own check says what is wrong.
  void check_keys(const SourceTree& tree, const std::string& path) const {
    if (tree.root.IsMap())
      MapReader(Value(tree.root, path, tree.root.Mark(), tree.file, YAML::Node(), &origins_));
  }

  YAML::Node merge_maps(const SourceTree& base, const SourceTree& child, const std::string& path) {
    check_keys(base, path);
    check_keys(child, path);
    YAML::Node out(YAML::NodeType::Map);
    origins_.set(out, child.file);
    if (base.root.IsMap()) {
      for (const auto& pair : base.root) {
        const std::string key = pair.first.Scalar();
        if (const auto over = find_key(child.root, key)) {
          out.force_insert(over->first, merge(below(pair.second, base), below(over->second, child),
                                              join(path, key)));
        } else {
          out.force_insert(pair.first, keep(below(pair.second, base)));
        }
      }
    }
    for (const auto& pair : child.root) {
      const std::string key = pair.first.Scalar();
      if (find_key(base.root, key)) continue;
      const SourceTree nothing{YAML::Node(YAML::NodeType::Null), base.file};
      out.force_insert(pair.first, merge(nothing, below(pair.second, child), join(path, key)));
    }
    return out;
  }

  struct Entry {
    SourceTree tree;
    bool from_base;  // only base entries are matched by name, so a repeated name stays visible
  };

  YAML::Node merge_policy_list(const SourceTree& base, const SourceTree& child,
                               const std::string& path) {
    // A list, not a vector: assigning a YAML::Node overwrites the node it refers to rather
    // than rebinding it, so entries must never be moved by assignment.
    std::list<Entry> entries;
    if (base.root.IsSequence())
      for (const YAML::Node& item : base.root)
        entries.push_back({below(item, base), true});
    std::size_t index = 0;
    for (const YAML::Node& item : child.root) {
      const SourceTree entry = below(item, child);
      const Value value(item, path + "[" + std::to_string(index++) + "]", item.Mark(), entry.file,
                        YAML::Node(), &origins_);
      const std::optional<std::string> name = entry_name(item);
      auto match = entries.end();
      for (auto it = entries.begin(); it != entries.end(); ++it)
        if (it->from_base && name && entry_name(it->tree.root) == name) match = it;
      if (is_removal(value)) {
        if (match == entries.end()) fail_no_base_entry(value, *name, entries, path);
        entries.erase(match);
      } else if (match != entries.end()) {
        entries.insert(match, {entry, false});
        entries.erase(match);
      } else {
        entries.push_back({entry, false});
      }
    }
    YAML::Node out(YAML::NodeType::Sequence);
    origins_.set(out, child.file);
    for (const Entry& entry : entries)
      out.push_back(keep(entry.tree));
    return out;
  }

  // {name: x, remove: true}; anything else with a `remove` key is a mistake, not an entry.
  bool is_removal(const Value& entry) const {
    const auto remove = find_key(entry.node(), "remove");
    if (!remove) return false;
    const Value flag(remove->second, entry.path() + ".remove", remove->second.Mark(), entry.file(),
                     YAML::Node(), &origins_);
    if (!remove->second.IsScalar() || remove->second.Scalar() != "true" ||
        remove->second.Tag() != "?")
      flag.fail_expected("true (remove: true deletes the base entry of the same name)");
    if (!entry_name(entry.node()))
      entry.fail("remove: true needs the name of the base entry to delete");
    if (entry.node().size() != 2)
      entry.fail("an entry with remove: true takes only a name; the other keys would be ignored");
    return true;
  }

  [[noreturn]] void fail_no_base_entry(const Value& entry, const std::string& name,
                                       const std::list<Entry>& entries,
                                       const std::string& path) const {
    std::vector<std::string> names;
    for (const Entry& candidate : entries)
      if (candidate.from_base)
        if (auto base_name = entry_name(candidate.tree.root)) names.push_back(*base_name);
    const std::string message =
        "cannot remove \"" + name + "\": the base scenario has no " + path + " entry of that name";
    if (names.empty()) entry.fail(message);
    entry.fail(message + suggestion_suffix(name, names, "its entries are"));
  }

  Origins& origins_;
};

}  // namespace

YAML::Node merge_trees(const SourceTree& base, const SourceTree& child, Origins& origins) {
  return Merger(origins).merge(base, child, "");
}

}  // namespace chokepoint::scenario_detail
