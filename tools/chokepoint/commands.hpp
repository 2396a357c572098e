#pragma once

#include <string>
#include <vector>

namespace chokepoint::cli {

// Each command returns the process exit status; errors are thrown and reported by main().
int run_command(const std::vector<std::string>& args);
int validate_command(const std::vector<std::string>& args);
int resolve_command(const std::vector<std::string>& args);
int bench_command(const std::vector<std::string>& args);
int sweep_command(const std::vector<std::string>& args);
int sensitivity_command(const std::vector<std::string>& args);
int inspect_command(const std::vector<std::string>& args);
int compare_command(const std::vector<std::string>& args);
int fit_command(const std::vector<std::string>& args);
int calibrate_command(const std::vector<std::string>& args);

extern const char* const kRunHelp;
extern const char* const kValidateHelp;
extern const char* const kResolveHelp;
extern const char* const kBenchHelp;
extern const char* const kSweepHelp;
extern const char* const kSensitivityHelp;
extern const char* const kInspectHelp;
extern const char* const kCompareHelp;
extern const char* const kFitHelp;
extern const char* const kCalibrateHelp;

}  // namespace chokepoint::cli
