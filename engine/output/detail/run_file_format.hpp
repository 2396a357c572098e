#pragma once

// The names and version that define a Chokepoint run file; docs/OUTPUT_FORMAT.md describes the
// layout they build. Change the major version when an old reader would misread a new file; the
// minor version when a file only gains things old readers can ignore.

#include <string_view>

namespace chokepoint::output::detail {

inline constexpr std::string_view kFiletype = "chokepoint-run";
inline constexpr int kFormatMajor = 1;
inline constexpr int kFormatMinor = 0;
// CF conventions make units, time coordinates and long names readable by xarray and friends.
inline constexpr std::string_view kConventions = "CF-1.8";

// Root attributes.
inline constexpr const char* kFiletypeAttr = "filetype";
inline constexpr const char* kFormatVersionAttr = "format_version";
inline constexpr const char* kConventionsAttr = "Conventions";
// Root attributes of a sweep's run: "sweep_" + key (RunMetadata::sweep).
inline constexpr const char* kSweepAttrPrefix = "sweep_";

// The resolved scenario, as a scalar string dataset at the root.
inline constexpr const char* kScenarioDataset = "scenario_yaml";
// An axis with both numbers and labels stores the labels in "<axis>" + kLabelSuffix.
inline constexpr std::string_view kLabelSuffix = "_label";

// Per-dataset attributes.
inline constexpr const char* kUnitsAttr = "units";
inline constexpr const char* kLongNameAttr = "long_name";
inline constexpr const char* kCalendarAttr = "calendar";
inline constexpr const char* kDimsAttr = "dims";
inline constexpr const char* kCoordinatesAttr = "coordinates";

// CF time units ("days since 1970-01-01") need a calendar to be decoded.
inline constexpr std::string_view kTimeUnitsPrefix = "days since";
inline constexpr std::string_view kCalendar = "standard";

}  // namespace chokepoint::output::detail
