#include "scenario/detail/text_checks.hpp"

#include <cstdio>

#include "chokepoint/error.hpp"

namespace chokepoint::scenario_detail {

namespace {

// Line and column of a position, 1-based, counting columns in characters like yaml-cpp.
class Cursor {
 public:
  explicit Cursor(const std::string& text) : text_(text) {}
  bool done() const { return pos_ >= text_.size(); }
  unsigned char byte() const { return static_cast<unsigned char>(text_[pos_]); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  void advance(std::size_t bytes = 1) {
    for (std::size_t i = 0; i < bytes && pos_ < text_.size(); ++i) {
      const unsigned char c = byte();
      if (c == '\n') {
        ++line_;
        column_ = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++column_;  // continuation bytes do not start a character
      }
      ++pos_;
    }
  }
  std::size_t pos() const { return pos_; }
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  const std::string& text_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

[[noreturn]] void fail(const std::string& file, const Cursor& at, const std::string& message) {
  throw ScenarioError({file, at.line(), at.column()}, "", message);
}

std::string hex(unsigned char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "0x%02X", static_cast<unsigned>(byte));
  return buffer;
}

bool is_continuation(const std::string& text, std::size_t pos, unsigned char lo = 0x80,
                     unsigned char hi = 0xBF) {
  if (pos >= text.size()) return false;
  const auto c = static_cast<unsigned char>(text[pos]);
  return c >= lo && c <= hi;
}

// Length of the well-formed UTF-8 sequence at pos (RFC 3629 table), 0 if malformed.
std::size_t utf8_length(const std::string& text, std::size_t pos) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return is_continuation(text, pos + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    return is_continuation(text, pos + 1, lo, hi) && is_continuation(text, pos + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    return is_continuation(text, pos + 1, lo, hi) && is_continuation(text, pos + 2) &&
                   is_continuation(text, pos + 3)
               ? 4
               : 0;
  }
  return 0;
}

void check_encoding(const std::string& text, const std::string& file) {
  Cursor at(text);
  while (!at.done()) {
    const unsigned char c = at.byte();
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      fail(file, at,
           "not a text file: found control byte " + hex(c) + "; a scenario must be UTF-8 text");
    }
    const std::size_t length = utf8_length(text, at.pos());
    if (length == 0) {
      fail(file, at,
           "not a text file: found byte " + hex(c) +
               ", which is not valid UTF-8; a scenario must be UTF-8 text");
    }
    at.advance(length);
  }
}

bool starts_token(char previous) {
  return previous == '\0' || previous == ' ' || previous == '\t' || previous == '\n' ||
         previous == '\r' || previous == '[' || previous == '{' || previous == ',' ||
         previous == ':';
}

// Skips a quoted scalar starting at the opening quote.
void skip_quoted(Cursor& at) {
  const char quote = at.peek();
  at.advance();
  while (!at.done()) {
    const char c = at.peek();
    if (quote == '"' && c == '\\') {
      at.advance(2);
    } else if (quote == '\'' && c == '\'' && at.peek(1) == '\'') {
      at.advance(2);  // '' is an escaped quote
    } else if (c == quote) {
      at.advance();
      return;
    } else {
      at.advance();
    }
  }
}

// Counts [ and { outside comments and quoted scalars. Brackets inside plain scalars are
// counted too; that errs towards refusing, and only matters past kMaxFlowNesting.
void check_nesting(const std::string& text, const std::string& file) {
  Cursor at(text);
  int depth = 0;
  char previous = '\0';
  while (!at.done()) {
    const char c = at.peek();
    if (c == '#' && starts_token(previous)) {
      while (!at.done() && at.peek() != '\n')
        at.advance();
      continue;
    }
    if ((c == '"' || c == '\'') && starts_token(previous)) {
      skip_quoted(at);
      previous = c;
      continue;
    }
    if (c == '[' || c == '{') {
      if (++depth > kMaxFlowNesting) {
        fail(file, at,
             "nesting is too deep: more than " + std::to_string(kMaxFlowNesting) +
                 " levels of [ ] or { }");
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    previous = c;
    at.advance();
  }
}

}  // namespace

void check_text(const std::string& text, const std::string& file) {
  check_encoding(text, file);
  check_nesting(text, file);
}

}  // namespace chokepoint::scenario_detail
