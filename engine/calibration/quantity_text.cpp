#include "calibration/detail/quantity_text.hpp"

#include <algorithm>
#include <tuple>
#include <utility>
#include <vector>

namespace chokepoint::calibration_detail {

namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// A piece of the quantity's text: [begin, end).
struct Piece {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  TargetQuantity parse() const {
    TargetQuantity quantity;
    quantity.text = text_;
    const auto slash = text_.find('/');
    if (slash == std::string::npos) {
      quantity.numerator = term({0, text_.size()});
      return quantity;
    }
    if (const auto second = text_.find('/', slash + 1); second != std::string::npos)
      fail("at most one / in a quantity (TERM or TERM / TERM)", second);
    quantity.numerator = term({0, slash});
    quantity.denominator = term({slash + 1, text_.size()});
    return quantity;
  }

 private:
  [[noreturn]] void fail(const std::string& message, std::size_t at) const {
    throw QuantitySyntaxError(message, at);
  }

  Piece trimmed(Piece piece) const {
    while (piece.begin < piece.end && (text_[piece.begin] == ' ' || text_[piece.begin] == '\t'))
      ++piece.begin;
    while (piece.end > piece.begin && (text_[piece.end - 1] == ' ' || text_[piece.end - 1] == '\t'))
      --piece.end;
    return piece;
  }

  std::string text_of(Piece piece) const {
    return text_.substr(piece.begin, piece.end - piece.begin);
  }

  // A name and where it starts.
  std::pair<std::string, std::size_t> name(Piece raw, const std::string& what) const {
    const Piece piece = trimmed(raw);
    if (piece.begin == piece.end) fail("empty " + what, raw.begin);
    const std::string name = text_of(piece);
    if (!std::all_of(name.begin(), name.end(), is_name_char))
      fail("expected a " + what + " (letters, digits, _ and -), found \"" + name + "\"",
           piece.begin);
    return {name, piece.begin};
  }

  TargetSelector selector(Piece raw) const {
    const Piece piece = trimmed(raw);
    const auto equals = text_.find('=', piece.begin);
    if (equals == std::string::npos || equals >= piece.end)
      fail("expected dim=label or dim=a|b inside [ ], found \"" + text_of(piece) + "\"",
           piece.begin);
    TargetSelector selector;
    std::tie(selector.dim, selector.dim_at) = name({piece.begin, equals}, "dim name");
    std::size_t start = equals + 1;
    while (true) {
      auto bar = text_.find('|', start);
      if (bar == std::string::npos || bar > piece.end) bar = piece.end;
      const auto [label, at] = name({start, bar}, "label");
      if (std::find(selector.labels.begin(), selector.labels.end(), label) != selector.labels.end())
        fail("label \"" + label + "\" given twice for " + selector.dim, at);
      selector.labels.push_back(label);
      selector.labels_at.push_back(at);
      if (bar == piece.end) break;
      start = bar + 1;
    }
    return selector;
  }

  TargetTerm term(Piece raw) const {
    const Piece piece = trimmed(raw);
    if (piece.begin == piece.end)
      fail("empty term; expected SERIES or SERIES[dim=label, ...]", raw.begin);
    const std::string text = text_of(piece);
    auto open = text_.find('[', piece.begin);
    if (open >= piece.end) open = std::string::npos;
    TargetTerm term;
    std::tie(term.series, term.series_at) =
        name({piece.begin, open == std::string::npos ? piece.end : open}, "series name");
    if (open == std::string::npos) {
      if (const auto close = text_.find(']', piece.begin); close < piece.end)
        fail("] without [ in \"" + text + "\"", close);
      return term;
    }
    if (text_[piece.end - 1] != ']') fail("expected ] at the end of \"" + text + "\"", piece.end);
    const Piece inside{open + 1, piece.end - 1};
    for (std::size_t i = inside.begin; i < inside.end; ++i)
      if (text_[i] == '[' || text_[i] == ']') fail("nested brackets in \"" + text + "\"", i);
    if (trimmed(inside).begin == trimmed(inside).end)
      fail("empty [ ] after " + term.series + "; omit them to sum all", open);
    std::size_t start = inside.begin;
    while (true) {
      auto comma = text_.find(',', start);
      if (comma == std::string::npos || comma > inside.end) comma = inside.end;
      TargetSelector next = selector({start, comma});
      for (const TargetSelector& earlier : term.selectors)
        if (earlier.dim == next.dim)
          fail("dim " + next.dim + " selected twice; list its labels as a|b", next.dim_at);
      term.selectors.push_back(std::move(next));
      if (comma == inside.end) break;
      start = comma + 1;
    }
    return term;
  }

  const std::string& text_;
};

}  // namespace

TargetQuantity parse_quantity(const std::string& text) {
  return Parser(text).parse();
}

}  // namespace chokepoint::calibration_detail
