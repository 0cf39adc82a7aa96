// Result<T>: a value or an Error, with std::expected's member names (C++23's std::expected is
// not available in C++20). Thread-compatible, like any value type.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "common/error.hpp"

namespace kefu {

// Wraps an Error so that Result's constructor cannot confuse it with a value.
struct Unexpected {
  Error error;
};

inline Unexpected Fail(ErrorCode code, std::string message) {
  return Unexpected{Error{code, std::move(message)}};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : storage_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  Result(Unexpected failure)                                               // NOLINT: implicit
      : storage_(std::in_place_index<1>, std::move(failure.error)) {}

  bool has_value() const { return storage_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // Precondition for value(), operator* and operator->: has_value().
  T& value() & { return Checked(); }
  const T& value() const& { return const_cast<Result*>(this)->Checked(); }
  T&& value() && { return std::move(Checked()); }
  T& operator*() & { return Checked(); }
  const T& operator*() const& { return const_cast<Result*>(this)->Checked(); }
  T* operator->() { return &Checked(); }
  const T* operator->() const { return &const_cast<Result*>(this)->Checked(); }

  // Precondition: !has_value().
  const Error& error() const {
    assert(!has_value() && "error() on a Result holding a value");
    return std::get<1>(storage_);
  }

 private:
  T& Checked() {
    assert(has_value() && "value() on a Result holding an error");
    return std::get<0>(storage_);
  }

  std::variant<T, Error> storage_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Unexpected failure) : error_(std::move(failure.error)), failed_(true) {}  // NOLINT

  bool has_value() const { return !failed_; }
  explicit operator bool() const { return has_value(); }
  const Error& error() const {
    assert(failed_ && "error() on a successful Result");
    return error_;
  }

 private:
  Error error_{ErrorCode::kUnavailable, {}};
  bool failed_ = false;
};

}  // namespace kefu
