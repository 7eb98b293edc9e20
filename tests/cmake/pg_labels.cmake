# Run by ctest after the discovered Google Test cases are loaded: every case
# that starts a PostgreSQL server (the Postgres instance of a typed suite,
# "Suite/Postgres.Case", or a suite named Postgres...Test) gets the `pg`
# label next to its binary's label. gtest_discover_tests cannot give a case
# two labels itself: CMake 3.25 flattens a list in its PROPERTIES.
foreach(_binary_and_label IN ITEMS "aiv7_db_tests:db" "aiv7_integration_tests:integration")
  string(REPLACE ":" ";" _parts "${_binary_and_label}")
  list(GET _parts 0 _binary)
  list(GET _parts 1 _label)
  set(_file "${CMAKE_CURRENT_LIST_DIR}/${_binary}[1]_tests.cmake")
  if(NOT EXISTS "${_file}")
    continue()
  endif()
  file(STRINGS "${_file}" _lines REGEX "^add_test\\(\\[=\\[[^]]*Postgres")
  foreach(_line IN LISTS _lines)
    string(REGEX REPLACE "^add_test\\(\\[=\\[([^]]*)\\]=\\].*" "\\1" _name "${_line}")
    if(_name MATCHES "(/Postgres\\.|^Postgres[A-Za-z]*Test\\.)")
      set_tests_properties("${_name}" PROPERTIES LABELS "${_label};pg")
    endif()
  endforeach()
endforeach()
