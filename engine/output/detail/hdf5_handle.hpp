#pragma once

// Owning wrappers for HDF5 identifiers. Each kind of object has its own close function, so each
// gets its own type: a File cannot be closed with H5Dclose by mistake, and nothing leaks when an
// exception unwinds past a half-written file.

#include <hdf5.h>

#include <cstddef>
#include <utility>

namespace chokepoint::output::detail {

template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  Handle() = default;
  // Takes ownership of `id`; a negative id means "nothing" (HDF5's failure value).
  explicit Handle(hid_t id) : id_(id) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, -1)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, -1);
    }
    return *this;
  }
  // A destructor cannot report a failed close; code that must know (the file, whose close
  // flushes everything to disk) calls close() itself first.
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

  // Closes now and returns HDF5's status (negative on failure); the handle is empty afterwards.
  herr_t close() { return id_ >= 0 ? Close(std::exchange(id_, -1)) : 0; }

 private:
  void reset() {
    if (id_ >= 0) Close(std::exchange(id_, -1));
  }

  hid_t id_ = -1;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using Attribute = Handle<H5Aclose>;
using PropertyList = Handle<H5Pclose>;
using ErrorStack = Handle<H5Eclose_stack>;

// HDF5 spells these two constants with C casts, which -Wold-style-cast rejects wherever the
// macro is expanded; hdf5_constants.cpp expands them once, with that warning off.
hid_t select_all();           // H5S_ALL
std::size_t variable_size();  // H5T_VARIABLE

}  // namespace chokepoint::output::detail
