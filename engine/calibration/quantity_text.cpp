#include "calibration/detail/quantity_text.hpp"

#include <algorithm>
#include <vector>

namespace chokepoint::calibration_detail {

namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

[[noreturn]] void fail(const std::string& message) {
  throw QuantitySyntaxError(message);
}

std::string name_in(const std::string& text, const std::string& what) {
  const std::string name = trimmed(text);
  if (name.empty()) fail("empty " + what);
  if (!std::all_of(name.begin(), name.end(), is_name_char))
    fail("expected a " + what + " (letters, digits, _ and -), found \"" + name + "\"");
  return name;
}

TargetSelector parse_selector(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos)
    fail("expected dim=label or dim=a|b inside [ ], found \"" + trimmed(text) + "\"");
  TargetSelector selector;
  selector.dim = name_in(text.substr(0, equals), "dim name");
  const std::string labels = text.substr(equals + 1);
  std::size_t start = 0;
  while (true) {
    const auto bar = labels.find('|', start);
    const std::string label = name_in(labels.substr(start, bar - start), "label");
    if (std::find(selector.labels.begin(), selector.labels.end(), label) != selector.labels.end())
      fail("label \"" + label + "\" given twice for " + selector.dim);
    selector.labels.push_back(label);
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return selector;
}

TargetTerm parse_term(const std::string& raw) {
  const std::string text = trimmed(raw);
  if (text.empty()) fail("empty term; expected SERIES or SERIES[dim=label, ...]");
  const auto open = text.find('[');
  TargetTerm term;
  term.series = name_in(text.substr(0, open), "series name");
  if (open == std::string::npos) {
    if (text.find(']') != std::string::npos) fail("] without [ in \"" + text + "\"");
    return term;
  }
  if (text.back() != ']') fail("expected ] at the end of \"" + text + "\"");
  const std::string inside = text.substr(open + 1, text.size() - open - 2);
  if (inside.find_first_of("[]") != std::string::npos) fail("nested brackets in \"" + text + "\"");
  if (trimmed(inside).empty()) fail("empty [ ] after " + term.series + "; omit them to sum all");
  std::size_t start = 0;
  while (true) {
    const auto comma = inside.find(',', start);
    TargetSelector selector = parse_selector(inside.substr(start, comma - start));
    for (const TargetSelector& earlier : term.selectors)
      if (earlier.dim == selector.dim)
        fail("dim " + selector.dim + " selected twice; list its labels as a|b");
    term.selectors.push_back(std::move(selector));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return term;
}

}  // namespace

TargetQuantity parse_quantity(const std::string& text) {
  TargetQuantity quantity;
  quantity.text = text;
  const auto slash = text.find('/');
  if (slash == std::string::npos) {
    quantity.numerator = parse_term(text);
    return quantity;
  }
  if (text.find('/', slash + 1) != std::string::npos)
    fail("at most one / in a quantity (TERM or TERM / TERM)");
  quantity.numerator = parse_term(text.substr(0, slash));
  quantity.denominator = parse_term(text.substr(slash + 1));
  return quantity;
}

}  // namespace chokepoint::calibration_detail
