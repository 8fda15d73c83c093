# Install rules and the CMake / pkg-config packages (included from the top-level
# CMakeLists.txt when DDBGUARD_INSTALL is on, that is when ddbguard is the
# top-level project). Installs:
#   include/ddbguard/*.hpp (with the generated version.hpp)
#   lib/libddbguard.a, bin/ddbguard (and bin/ddbguard-prove when the CLI is static and Z3 found)
#   lib/cmake/ddbguard/ddbguard{Config,ConfigVersion,Targets}.cmake  -> ddbguard::ddbguard, ddbguard::cli
#   lib/pkgconfig/ddbguard.pc
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(DDBGUARD_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/ddbguard CACHE STRING
  "Where ddbguardConfig.cmake is installed, relative to the prefix")

# The link interface of the installed library. CMake records every PRIVATE
# dependency of a static library as $<LINK_ONLY:...>, because its users must link
# it too; for each one the package config needs a way to find it and the .pc file
# needs its -l flags. nlohmann_json is header-only and used only inside the .cpp
# files, so it is dropped from the interface: users need not have it. So is fmt, used
# header-only (its code is compiled into the library).
get_target_property(_ddbguard_link_interface ddbguard INTERFACE_LINK_LIBRARIES)
if(NOT _ddbguard_link_interface)
  set(_ddbguard_link_interface "")
endif()
list(FILTER _ddbguard_link_interface EXCLUDE REGEX "nlohmann_json|fmt::fmt-header-only")
set_property(TARGET ddbguard PROPERTY INTERFACE_LINK_LIBRARIES "${_ddbguard_link_interface}")
set(DDBGUARD_FIND_DEPENDENCIES "")   # CMake code for ddbguardConfig.cmake
set(DDBGUARD_PC_MODULES "")          # pkg-config modules behind Requires.private
set(DDBGUARD_PC_LIBS "")             # what Libs adds after -lddbguard
foreach(_dep IN LISTS _ddbguard_link_interface)
  string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" _dep "${_dep}")
  if(_dep STREQUAL "PkgConfig::RE2")
    # Debian ships only re2.pc. GLOBAL: the target must be visible wherever
    # ddbguard::ddbguard is linked, not only in the directory that found it.
    string(APPEND DDBGUARD_FIND_DEPENDENCIES [=[
if(NOT TARGET PkgConfig::RE2)
  find_dependency(PkgConfig)
  pkg_check_modules(RE2 QUIET IMPORTED_TARGET GLOBAL re2)
  if(NOT TARGET PkgConfig::RE2)
    set(ddbguard_FOUND FALSE)
    set(ddbguard_NOT_FOUND_MESSAGE "ddbguard needs RE2, found through pkg-config (re2.pc; Debian: libre2-dev)")
    return()
  endif()
endif()
]=])
    list(APPEND DDBGUARD_PC_MODULES re2)
    list(APPEND DDBGUARD_PC_LIBS -lre2 -pthread)
  elseif(_dep STREQUAL "PkgConfig::Z3")
    string(APPEND DDBGUARD_FIND_DEPENDENCIES [=[
if(NOT TARGET PkgConfig::Z3)
  find_dependency(PkgConfig)
  pkg_check_modules(Z3 QUIET IMPORTED_TARGET GLOBAL z3)
  if(NOT TARGET PkgConfig::Z3)
    set(ddbguard_FOUND FALSE)
    set(ddbguard_NOT_FOUND_MESSAGE "ddbguard was built with Z3, found through pkg-config (z3.pc; Debian: libz3-dev)")
    return()
  endif()
endif()
]=])
    list(APPEND DDBGUARD_PC_MODULES z3)
    list(APPEND DDBGUARD_PC_LIBS -lz3)
  elseif(_dep STREQUAL "yaml-cpp")
    string(APPEND DDBGUARD_FIND_DEPENDENCIES "find_dependency(yaml-cpp)\n")
    list(APPEND DDBGUARD_PC_MODULES yaml-cpp)
    list(APPEND DDBGUARD_PC_LIBS -lyaml-cpp)
  elseif(_dep MATCHES "^\\$<BUILD_INTERFACE:" OR _dep STREQUAL "")
  else()
    message(FATAL_ERROR "cmake/install.cmake: the installed ddbguard library links '${_dep}', "
      "which its package config does not know how to find: add it to the list in cmake/install.cmake")
  endif()
endforeach()
unset(_ddbguard_link_interface)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ddbguard
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT ddbguard_development
  FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/include/ddbguard/version.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ddbguard COMPONENT ddbguard_development)

set_target_properties(ddbguard_cli PROPERTIES EXPORT_NAME cli)
install(TARGETS ddbguard EXPORT ddbguardTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT ddbguard_development
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS ddbguard_cli EXPORT ddbguardTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ddbguard_runtime)
if(TARGET ddbguard_prove_cli)
  # Beside ddbguard, which runs it for `prove` and `lint --prove` (tools/ddbguard/exec.cpp).
  install(TARGETS ddbguard_prove_cli
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ddbguard_runtime)
endif()

install(EXPORT ddbguardTargets NAMESPACE ddbguard::
  DESTINATION ${DDBGUARD_INSTALL_CMAKEDIR} COMPONENT ddbguard_development)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/ddbguardConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/ddbguardConfig.cmake
  INSTALL_DESTINATION ${DDBGUARD_INSTALL_CMAKEDIR})
# 0.x releases may still change the API; SameMajorVersion treats 0.1 and 0.2 alike,
# which is what find_package(ddbguard 0.1) users expect before 1.0.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cmake/ddbguardConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/ddbguardConfig.cmake
              ${PROJECT_BINARY_DIR}/cmake/ddbguardConfigVersion.cmake
  DESTINATION ${DDBGUARD_INSTALL_CMAKEDIR} COMPONENT ddbguard_development)

# pkg-config. libddbguard.a is static, so Libs names what it needs as well (plain
# `pkg-config --libs` does not follow Requires.private); the Requires.private
# modules whose .pc is present let `pkg-config --static` add their own dependencies.
set(DDBGUARD_PC_REQUIRES_PRIVATE "")
foreach(_module IN LISTS DDBGUARD_PC_MODULES)
  pkg_check_modules(_ddbguard_pc_${_module} QUIET ${_module})
  if(_ddbguard_pc_${_module}_FOUND)
    list(APPEND DDBGUARD_PC_REQUIRES_PRIVATE ${_module})
  endif()
endforeach()
list(JOIN DDBGUARD_PC_REQUIRES_PRIVATE " " DDBGUARD_PC_REQUIRES_PRIVATE)
list(JOIN DDBGUARD_PC_LIBS " " DDBGUARD_PC_LIBS)
foreach(_dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
    set(DDBGUARD_PC_${_dir} "${CMAKE_INSTALL_${_dir}}")
  else()
    set(DDBGUARD_PC_${_dir} "\${prefix}/${CMAKE_INSTALL_${_dir}}")
  endif()
endforeach()
set(_prefix "@_prefix@")  # left for the install-time pass below
configure_file(${CMAKE_CURRENT_LIST_DIR}/ddbguard.pc.in ${PROJECT_BINARY_DIR}/cmake/ddbguard.pc.in @ONLY)
unset(_prefix)
# The prefix is only known at install time (cmake --install --prefix DIR).
install(CODE "
  set(_prefix \"\${CMAKE_INSTALL_PREFIX}\")
  configure_file(\"${PROJECT_BINARY_DIR}/cmake/ddbguard.pc.in\" \"${PROJECT_BINARY_DIR}/cmake/ddbguard.pc\" @ONLY)
" COMPONENT ddbguard_development)
install(FILES ${PROJECT_BINARY_DIR}/cmake/ddbguard.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT ddbguard_development)
