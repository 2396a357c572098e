#include <cstdio>

#include "arguments.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "commands.hpp"

namespace chokepoint::cli {

const char* const kResolveHelp =
    R"HELP(chokepoint resolve - print a scenario as the engine reads it

Usage: chokepoint resolve SCENARIO.yaml [--set PATH=VALUE]...

Loads the scenario with every check a run applies, then prints it resolved, as YAML on
standard output: its `extends:` chain merged (policy lists by name, docs/SCENARIO_FORMAT.md,
"Extending a scenario"), each --set applied, and every default written out. It is the text a
run records as `scenario_yaml` in its output file, so what it prints is what a run of the
file would simulate. Scripts that need a value of an extends file read it here rather than
merging the chain themselves. Writes no file.
Exit status: 0 for a valid scenario, 1 for an invalid one (the error on standard error).

Example: chokepoint resolve scenarios/whatifs/doubled_subsidies.yaml
         chokepoint resolve scenarios/russia_tech.yaml --set seed=7
)HELP";

int resolve_command(const std::vector<std::string>& args) {
  const Arguments arguments(args, {}, {}, {"--set"});
  if (arguments.positional().size() != 1)
    throw UsageError("expects one scenario file (see chokepoint resolve --help)");
  const ScenarioDescription scenario =
      load_scenario_file(arguments.positional()[0], arguments.values("--set"));
  std::fputs(scenario.resolved_yaml.c_str(), stdout);
  if (!scenario.resolved_yaml.empty() && scenario.resolved_yaml.back() != '\n')
    std::fputc('\n', stdout);
  return 0;
}

}  // namespace chokepoint::cli
