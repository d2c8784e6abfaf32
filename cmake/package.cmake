# The Debian package, `cpack --config build/CPackConfig.cmake`: aurora-gen_<version>_amd64.deb
# with what cmake/install.cmake lays out under /usr. Its Depends come from dpkg-shlibdeps on
# the binary, so they follow however the binary is linked; tests/package_test.sh checks
# that, runs lintian on it, installs it into a scratch root and runs the examples.
set(AG_PACKAGE_MAINTAINER "aurora-gen maintainers <maintainers@users.noreply.b-seed-7f1b228e.example>"
    CACHE STRING "Maintainer field of the Debian package")
set(AG_PACKAGE_HOMEPAGE "" CACHE STRING "Homepage field of the Debian package (none when empty)")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME aurora-gen)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
    GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "compiler from AWS Aurora/RDS manifests to CloudFormation, Terraform, Pulumi")
# The extended description: lintian wants lines of at most 80 characters.
set(CPACK_PACKAGE_DESCRIPTION
    "aurora-gen compiles a short YAML manifest describing an AWS database (an
Aurora PostgreSQL or MySQL cluster, provisioned or Serverless v2, or a
Multi-AZ RDS instance) into infrastructure as code: a CloudFormation
template, a Terraform root module or a Pulumi YAML program. It never calls
AWS. Secure defaults (encryption, deletion protection, an RDS-managed
master password, private networking, least-privilege IAM) are applied by
the compiler. It also validates manifests with located diagnostics (text,
JSON or SARIF), plans what an edit does to each deployed resource, draws
the resource graph and writes starter manifests.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${AG_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(AG_PACKAGE_HOMEPAGE)
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${AG_PACKAGE_HOMEPAGE}")
endif()
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
include(CPack)
