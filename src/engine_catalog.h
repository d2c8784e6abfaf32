// What AWS offers per engine: the engine versions it knows, those it has deprecated for new
// databases, and the DB instance classes per engine and major version. The data is
// data/engine-catalog.json, generated from cfn-lint's RDS data by
// scripts/refresh-engine-catalog.py and compiled into the binary; it is parsed once, the
// first time a check asks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine_version.h"

namespace ag::catalog {

// The cfn-lint release the catalog was generated from ("1.51.0"), for hints.
std::string source_version();

// The major line as the catalog and the facts key it: "16" (PostgreSQL 10 and later),
// "9.6", "8.0" (MySQL, and Aurora MySQL by its MySQL line: 3 is "8.0", 2 is "5.7"), "10.11".
std::string major_line(const EngineVersion& v);

// Whether the catalog lists the engine at all (the five engines aurora-gen supports).
bool has_engine(std::string_view engine);

bool is_known_version(std::string_view engine, std::string_view version);
bool is_deprecated_version(std::string_view engine, std::string_view version);

// Up to `count` offered versions (known, not deprecated, in a form aurora-gen accepts) of
// v's major line, closest to v first; the newest offered version of the engine when the
// line has none.
std::vector<std::string> nearest_versions(const EngineVersion& v, std::size_t count);

// The newest offered version of v's major line, or "" when the line has none left.
std::string newest_in_line(const EngineVersion& v);

// The newest offered version of the engine, or "".
std::string newest_version(std::string_view engine);

enum class ClassOffer { kOffered, kNotInMajor, kNotForEngine };

// Whether the engine offers the instance class, and for a parsed version, whether its major
// line does (cfn-lint's orderable-class data, a union over all regions).
ClassOffer offers_class(std::string_view engine, const EngineVersion* v, std::string_view cls);

// The classes the engine (and, for a version, its major line) offers, sorted.
std::vector<std::string> offered_classes(std::string_view engine, const EngineVersion* v);

// The offered class closest to a misspelt one ("db.r6g.largee" → "db.r6g.large"), or "".
std::string nearest_class(std::string_view engine, const EngineVersion* v, std::string_view cls);

}  // namespace ag::catalog
