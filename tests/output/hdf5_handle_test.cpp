// The owning HDF5 handles: one owner per identifier, closed exactly once.

#include "output/detail/hdf5_handle.hpp"

#include <type_traits>
#include <utility>

#include <catch2/catch.hpp>

namespace chokepoint::output::detail {
namespace {

static_assert(!std::is_copy_constructible_v<Dataspace>);
static_assert(!std::is_copy_assignable_v<Dataspace>);
static_assert(std::is_nothrow_move_constructible_v<Dataspace>);
static_assert(std::is_nothrow_move_assignable_v<Dataspace>);
// Each kind of object is its own type, so a file cannot be closed as a dataset.
static_assert(!std::is_same_v<File, Dataset>);

hid_t new_space() {
  return H5Screate(H5S_SCALAR);
}

bool is_open(hid_t id) {
  return H5Iis_valid(id) > 0;
}

TEST_CASE("a handle closes its identifier when it goes", "[output][hdf5]") {
  hid_t id = -1;
  {
    Dataspace space(new_space());
    id = space.get();
    REQUIRE(is_open(id));
  }
  CHECK_FALSE(is_open(id));
}

TEST_CASE("moving a handle moves ownership", "[output][hdf5]") {
  Dataspace first(new_space());
  const hid_t id = first.get();
  Dataspace second(std::move(first));
  CHECK_FALSE(first.valid());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  CHECK(second.get() == id);
  CHECK(is_open(id));

  Dataspace third(new_space());
  const hid_t replaced = third.get();
  third = std::move(second);
  CHECK_FALSE(is_open(replaced));  // assignment closed what the target held
  CHECK(third.get() == id);
  CHECK(is_open(id));
}

TEST_CASE("close reports the status and empties the handle", "[output][hdf5]") {
  Dataspace space(new_space());
  const hid_t id = space.get();
  CHECK(space.close() >= 0);
  CHECK_FALSE(space.valid());
  CHECK_FALSE(is_open(id));
  CHECK(space.close() == 0);  // closing an empty handle is a no-op
}

}  // namespace
}  // namespace chokepoint::output::detail
