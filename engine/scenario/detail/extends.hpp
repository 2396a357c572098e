#pragma once

// `extends: base.yaml`: a scenario written as changes to another. The base is read (and its
// own base, up to kMaxExtendsDepth levels) and the scenario merged over it (merge.hpp), before
// the strict reading, which then sees one tree and no `extends` key.

#include <filesystem>
#include <string>

#include "scenario/detail/merge.hpp"
#include "scenario/detail/origins.hpp"

namespace chokepoint::scenario_detail {

// Deeper chains are refused: a real scenario family needs a few levels, and the limit turns a
// runaway chain of generated files into an error rather than a long wait.
constexpr int kMaxExtendsDepth = 16;

// A scenario's tree after its extends chain is merged, and where its root was written.
struct ResolvedTree {
  YAML::Node root;
  const std::string* file = nullptr;
  YAML::Mark mark;
};

// Parses `text`, written in `file`, and resolves its extends chain, paths being relative to
// `folder` (the file's folder; empty for the current directory), which `relative_to` names in
// messages ("relative to this file's folder"). Every file read is added to `origins`, and
// errors name the file where the offending text was written.
ResolvedTree resolve_extends(const std::string& text, const std::string& file,
                             const std::filesystem::path& folder, const std::string& relative_to,
                             Origins& origins);

}  // namespace chokepoint::scenario_detail
