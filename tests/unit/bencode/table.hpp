// Table-driven decoder tests: a row type for "this input fails with this error" and the
// functor that names each parameterised row after its `name` field.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace rr::testing_support {

struct ErrorRow {
  const char* name;
  std::string input;
  std::string error;
  friend void PrintTo(const ErrorRow& row, std::ostream* os) { *os << row.name; }
};

struct RowName {
  template <class Row>
  std::string operator()(const testing::TestParamInfo<Row>& row) const {
    return row.param.name;
  }
};

}  // namespace rr::testing_support
