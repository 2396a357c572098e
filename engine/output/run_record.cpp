#include "chokepoint/output/run_record.hpp"

#include <algorithm>

#include "chokepoint/error.hpp"

namespace chokepoint {

namespace {

template <typename T>
const T* find_by_name(const std::vector<T>& items, const std::string& name) {
  const auto it =
      std::find_if(items.begin(), items.end(), [&](const T& item) { return item.name == name; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const Axis* RunRecord::find_axis(const std::string& name) const {
  return find_by_name(axes, name);
}

const Series* RunRecord::find_series(const std::string& name) const {
  return find_by_name(series, name);
}

std::vector<std::size_t> RunRecord::shape_of(const Series& s) const {
  std::vector<std::size_t> shape;
  shape.reserve(s.dims.size());
  for (const std::string& dim : s.dims) {
    const Axis* axis = find_axis(dim);
    if (axis == nullptr) {
      std::string known;
      for (const Axis& a : axes)
        known += (known.empty() ? "" : ", ") + a.name;
      throw OutputError("series '" + s.name + "' is over axis '" + dim +
                        "', which the record does not have (axes: " +
                        (known.empty() ? std::string("none") : known) + ")");
    }
    shape.push_back(axis->size());
  }
  return shape;
}

}  // namespace chokepoint
