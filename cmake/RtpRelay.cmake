# Helpers shared by every folder. Each folder adds its own targets with these,
# so a new module never has to edit a CMakeLists.txt outside its folder.

# Adds every immediate subfolder of the current folder that has a CMakeLists.txt.
function(rr_add_subfolders)
  file(GLOB children LIST_DIRECTORIES true RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT children)
  foreach(child IN LISTS children)
    if(IS_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/${child} AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${child}/CMakeLists.txt)
      add_subdirectory(${child})
    endif()
  endforeach()
endfunction()

# rr_test(NAME name LABEL unit|pipeline|network|interop SOURCES ... LIBS ... [TIMEOUT s] [SERIAL])
# A GoogleTest executable whose tests ctest discovers one by one, with the layer as label.
# SERIAL marks tests that need the machine to themselves (namespaces, fixed ports).
function(rr_test)
  cmake_parse_arguments(T "SERIAL" "NAME;LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  if(RR_FUZZ)
    # The fuzz build runs fuzz targets only; the target still exists (unbuilt) so that a
    # folder may add definitions or dependencies to it.
    set_target_properties(${T_NAME} PROPERTIES EXCLUDE_FROM_ALL TRUE)
    return()
  endif()
  set(props LABELS ${T_LABEL} TIMEOUT ${T_TIMEOUT})
  if(T_SERIAL)
    list(APPEND props RUN_SERIAL TRUE)
  endif()
  gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60 PROPERTIES ${props})
endfunction()

# rr_fuzz(NAME name SOURCES ... LIBS ... CORPUS dir)
# A libFuzzer target (LLVMFuzzerTestOneInput). In a fuzz build (clang, RR_FUZZ) ctest runs it
# for RR_FUZZ_SECONDS on a scratch copy of the seed corpus; in every other build it is linked
# with a replay driver and ctest feeds it each seed, so the seeds are regression tests everywhere.
function(rr_fuzz)
  cmake_parse_arguments(F "" "NAME;CORPUS" "SOURCES;LIBS" ${ARGN})
  add_executable(${F_NAME} ${F_SOURCES})
  target_link_libraries(${F_NAME} PRIVATE ${F_LIBS})
  if(NOT TARGET rr_fuzz_all)
    add_custom_target(rr_fuzz_all)  # what the fuzz build builds: every fuzz target, nothing else
  endif()
  add_dependencies(rr_fuzz_all ${F_NAME})
  if(RR_FUZZ)
    target_compile_options(${F_NAME} PRIVATE -fsanitize=fuzzer)
    target_link_options(${F_NAME} PRIVATE -fsanitize=fuzzer)
    set(work ${CMAKE_CURRENT_BINARY_DIR}/${F_NAME}.corpus)
    add_test(NAME ${F_NAME}
      COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=1
              $<TARGET_FILE:${F_NAME}> -max_total_time=${RR_FUZZ_SECONDS} -rss_limit_mb=2048
              -artifact_prefix=${CMAKE_CURRENT_BINARY_DIR}/${F_NAME}- ${work} ${F_CORPUS})
    set_tests_properties(${F_NAME} PROPERTIES LABELS fuzz TIMEOUT 600
      FIXTURES_REQUIRED ${F_NAME}_corpus)
    add_test(NAME ${F_NAME}_corpus COMMAND ${CMAKE_COMMAND} -E make_directory ${work})
    set_tests_properties(${F_NAME}_corpus PROPERTIES FIXTURES_SETUP ${F_NAME}_corpus LABELS fuzz)
  else()
    target_sources(${F_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cpp)
    add_test(NAME ${F_NAME} COMMAND ${F_NAME} ${F_CORPUS})
    set_tests_properties(${F_NAME} PROPERTIES LABELS fuzz TIMEOUT 300)
  endif()
endfunction()

# rr_bench(NAME name SOURCES ... LIBS ...): a Google Benchmark executable. ctest smoke-runs it
# with a minimal time (label bench) so that every benchmark keeps building and running.
function(rr_bench)
  cmake_parse_arguments(B "" "NAME" "SOURCES;LIBS" ${ARGN})
  add_executable(${B_NAME} ${B_SOURCES})
  target_link_libraries(${B_NAME} PRIVATE ${B_LIBS} benchmark::benchmark benchmark::benchmark_main)
  if(RR_FUZZ)
    set_target_properties(${B_NAME} PROPERTIES EXCLUDE_FROM_ALL TRUE)  # fuzz build: fuzz targets only
    return()
  endif()
  add_test(NAME ${B_NAME} COMMAND ${B_NAME} --benchmark_min_time=0.001)
  set_tests_properties(${B_NAME} PROPERTIES LABELS bench TIMEOUT 300)
endfunction()
