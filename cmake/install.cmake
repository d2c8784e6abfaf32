# What `cmake --install` lays out under the prefix (GNUInstallDirs), and so what the Debian
# package holds (cmake/package.cmake):
#   bin/aurora-gen
#   share/man/man1/aurora-gen.1.gz                       docs/aurora-gen.1, gzip -9n
#   share/bash-completion/completions/aurora-gen         completions/aurora-gen.bash
#   share/zsh/vendor-completions/_aurora-gen             completions/_aurora-gen
#   share/aurora-gen/manifest.schema.json                what `aurora-gen schema` prints
#   share/doc/aurora-gen/                                README, docs/, examples/, copyright,
#                                                        changelog.gz
# tests/install_test.sh checks the layout, tests/package_test.sh the package.
include(GNUInstallDirs)

set(AG_ZSH_COMPLETION_DIR "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions" CACHE STRING
    "Where the zsh completion goes, relative to the prefix (Debian's vendor-completions)")
set(AG_DOC_DIR "${CMAKE_INSTALL_DATADIR}/doc/aurora-gen")

# Manual page and changelog compressed as Debian wants them: gzip -9, no name or timestamp
# in the header, so the package is reproducible.
set(AG_GZIPPED)
foreach(pair IN ITEMS "docs/aurora-gen.1|aurora-gen.1.gz" "packaging/debian/changelog|changelog.gz")
  string(REPLACE "|" ";" pair "${pair}")
  list(GET pair 0 source)
  list(GET pair 1 gz)
  add_custom_command(
    OUTPUT ${CMAKE_BINARY_DIR}/${gz}
    COMMAND sh -c "gzip -9n -c \"$1\" > \"$2\"" gzip ${CMAKE_SOURCE_DIR}/${source}
            ${CMAKE_BINARY_DIR}/${gz}
    DEPENDS ${CMAKE_SOURCE_DIR}/${source}
    VERBATIM)
  list(APPEND AG_GZIPPED ${CMAKE_BINARY_DIR}/${gz})
endforeach()
add_custom_target(aurora-gen-install-files ALL DEPENDS ${AG_GZIPPED})

install(TARGETS aurora-gen RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_BINARY_DIR}/aurora-gen.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES completions/aurora-gen.bash RENAME aurora-gen
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES completions/_aurora-gen DESTINATION ${AG_ZSH_COMPLETION_DIR})
install(FILES schemas/manifest.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/aurora-gen)

install(FILES README.md packaging/debian/copyright ${CMAKE_BINARY_DIR}/changelog.gz
        DESTINATION ${AG_DOC_DIR})
install(FILES docs/manifest-reference.md docs/rules.md docs/architecture.md docs/day-two.md
              docs/parity.md docs/graph.md docs/graph.svg docs/ci.md
              docs/field-names.md docs/design-documents.md
        DESTINATION ${AG_DOC_DIR}/docs)
install(DIRECTORY docs/ci/ DESTINATION ${AG_DOC_DIR}/docs/ci)
install(DIRECTORY docs/getting-started/ DESTINATION ${AG_DOC_DIR}/docs/getting-started)
install(DIRECTORY examples/ DESTINATION ${AG_DOC_DIR}/examples FILES_MATCHING PATTERN "*.yaml")
