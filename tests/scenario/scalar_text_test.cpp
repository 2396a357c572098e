// The loader's own number, boolean and suggestion rules (engine/scenario/detail).

#include <catch2/catch.hpp>

#include "scenario/detail/range.hpp"
#include "scenario/detail/scalar_text.hpp"
#include "scenario/detail/suggest.hpp"

using chokepoint::scenario_detail::format_number;
using chokepoint::scenario_detail::nearest_name;
using chokepoint::scenario_detail::NumberRange;
using chokepoint::scenario_detail::parse_bool;
using chokepoint::scenario_detail::parse_number;
using chokepoint::scenario_detail::ParsedNumber;
using Status = ParsedNumber::Status;

TEST_CASE("parse_number accepts plain decimals only", "[scenario][scalar]") {
  CHECK(parse_number("5").value == 5.0);
  CHECK(parse_number("-0.25").value == -0.25);
  CHECK(parse_number("+2.0e6").value == 2e6);
  CHECK(parse_number(".5").value == 0.5);
  CHECK(parse_number("5.").value == 5.0);
  CHECK(parse_number("1E-3").status == Status::Ok);
  for (const char* text :
       {"", "-", ".", "abc", "0x10", "1e", "1e+", "1,5", "1 000", "5%", "1_000"}) {
    INFO(text);
    CHECK(parse_number(text).status == Status::NotANumber);
  }
  for (const char* text : {".nan", ".NaN", "nan", ".inf", "-.inf", "+.Inf", "inf", "Infinity"}) {
    INFO(text);
    CHECK(parse_number(text).status == Status::NotFinite);
  }
  CHECK(parse_number("1e999").status == Status::OutOfRange);
  CHECK(parse_number("-1e999").status == Status::OutOfRange);
  CHECK(parse_number("1e-999").status == Status::OutOfRange);
}

TEST_CASE("parse_bool takes the YAML 1.2 core spellings", "[scenario][scalar]") {
  CHECK(parse_bool("true") == true);
  CHECK(parse_bool("False") == false);
  CHECK_FALSE(parse_bool("yes").has_value());
  CHECK_FALSE(parse_bool("1").has_value());
}

TEST_CASE("format_number is short and exact", "[scenario][scalar]") {
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(100000) == "100000");
  CHECK(format_number(-2.5) == "-2.5");
  CHECK(format_number(0.0) == "0");
  CHECK(format_number(1e300) == "1e+300");
  for (const double value : {0.1, 1.0 / 3.0, 3.141592653589793, 1e-7, 123456789.123, 1e300}) {
    INFO(value);
    CHECK(parse_number(format_number(value)).value == value);
  }
}

TEST_CASE("ranges describe themselves", "[scenario][scalar]") {
  CHECK(NumberRange::above(0.0).describe() == "a number > 0");
  CHECK(NumberRange::at_least(0.0).describe() == "a number >= 0");
  CHECK(NumberRange::unit().describe() == "a number in [0, 1]");
  CHECK(NumberRange::open_closed(0.0, 1.0).describe() == "a number in (0, 1]");
  CHECK(NumberRange::any().describe() == "a number");
  CHECK_FALSE(NumberRange::above(0.0).contains(0.0));
  CHECK(NumberRange::closed_open(0.0, 1.0).contains(0.0));
  CHECK_FALSE(NumberRange::closed_open(0.0, 1.0).contains(1.0));
}

TEST_CASE("nearest_name suggests plausible typos only", "[scenario][suggest]") {
  const std::vector<std::string> keys{"capacity", "unit_cost", "quality", "count"};
  CHECK(nearest_name("capacty", keys) == "capacity");
  CHECK(nearest_name("capcaity", keys) == "capacity");  // a swap is one edit
  CHECK(nearest_name("Quality", keys) == "quality");
  CHECK_FALSE(nearest_name("colour", keys).has_value());
  CHECK(nearest_name("CNN", {"RU", "CN", "HK"}) == "CN");
  CHECK_FALSE(nearest_name("XYZ", {"RU", "CN", "HK"}).has_value());
  CHECK_FALSE(nearest_name("", keys).has_value());
}
