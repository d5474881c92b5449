// scenarios/scenario.schema.json and docs/scenarios.md say what the loader
// accepts: the same fields in every object, the same names of types, bugs and
// invariants. These tests keep the three from drifting apart.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "protocols/core/bugs.h"
#include "scenarios/scenario_fields.h"
#include "protocols/core/invariants.h"

namespace consim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kScenarios = fs::path(CONSIM_SOURCE_DIR) / "scenarios";

json read_schema() {
  std::ifstream in(kScenarios / "scenario.schema.json");
  REQUIRE(in);
  return json::parse(in);  // throws, failing the test, if the file is not JSON
}

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (const auto& [key, _] : object.items()) keys.insert(key);
  return keys;
}

std::set<std::string> to_set(std::span<const std::string_view> names) { return {names.begin(), names.end()}; }

// The schema object that describes `section` (accepted_fields' names).
const json& schema_section(const json& schema, const std::string& section) {
  if (section == "scenario") return schema;
  return schema.at("$defs").at(section);
}

}  // namespace

TEST_CASE("the schema is draft 2020-12 and closed at the top level", "[schema]") {
  const json schema = read_schema();
  CHECK(schema.at("$schema") == "https://json-schema.org/draft/2020-12/schema");
  CHECK(schema.at("type") == "object");
  CHECK(schema.at("additionalProperties") == false);
  CHECK(schema.at("required") == json({"name", "protocol", "nodes", "duration_ms"}));
}

TEST_CASE("the schema lists the same top-level properties as the validator accepts", "[schema]") {
  const json schema = read_schema();
  CHECK(keys_of(schema.at("properties")) == to_set(accepted_fields("scenario")));
}

TEST_CASE("every object in the schema has the validator's fields and rejects others", "[schema]") {
  const json schema = read_schema();
  for (const std::string& section : accepted_sections()) {
    INFO(section);
    const json& s = schema_section(schema, section);
    CHECK(s.at("additionalProperties") == false);
    CHECK(keys_of(s.at("properties")) == to_set(accepted_fields(section)));
  }
}

TEST_CASE("the schema's type - bug and invariant names are the model's", "[schema]") {
  const json schema = read_schema();
  const json& defs = schema.at("$defs");

  std::set<std::string> fault_types(defs.at("fault").at("properties").at("type").at("enum").begin(),
                                    defs.at("fault").at("properties").at("type").at("enum").end());
  std::set<std::string> expected_faults;
  for (auto name : fault_type_names()) expected_faults.emplace(name);
  CHECK(fault_types == expected_faults);

  std::set<std::string> expect_types(defs.at("expectation").at("properties").at("type").at("enum").begin(),
                                     defs.at("expectation").at("properties").at("type").at("enum").end());
  std::set<std::string> expected_expects;
  for (auto name : expectation_type_names()) expected_expects.emplace(name);
  CHECK(expect_types == expected_expects);

  std::set<std::string> bugs(defs.at("bug").at("enum").begin(), defs.at("bug").at("enum").end());
  std::set<std::string> expected_bugs;
  for (const BugInfo& info : all_bugs()) expected_bugs.emplace(info.name);
  CHECK(bugs == expected_bugs);

  std::set<std::string> invariants(defs.at("invariant").at("enum").begin(), defs.at("invariant").at("enum").end());
  std::set<std::string> expected_invariants;
  for (Invariant inv : all_invariants()) expected_invariants.emplace(invariant_name(inv));
  CHECK(invariants == expected_invariants);

  // Each protocol branch points its `config` at that protocol's definition.
  std::set<std::string> branches;
  for (const json& branch : schema.at("allOf")) {
    const std::string protocol = branch.at("if").at("properties").at("protocol").at("const");
    CHECK(branch.at("then").at("properties").at("config").at("$ref") == "#/$defs/config." + protocol);
    branches.insert(protocol);
  }
  CHECK(branches == std::set<std::string>{"raft", "basic-paxos", "multi-paxos"});
}

TEST_CASE("docs/scenarios.md documents every accepted field and type", "[schema]") {
  std::ifstream in(fs::path(CONSIM_SOURCE_DIR) / "docs" / "scenarios.md");
  REQUIRE(in);
  const std::string readme{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  for (const std::string& section : accepted_sections()) {
    for (std::string_view field : accepted_fields(section)) {
      INFO(section << ": " << field);
      CHECK(readme.find("`" + std::string(field) + "`") != std::string::npos);
    }
  }
  for (auto name : fault_type_names()) CHECK(readme.find("`" + std::string(name) + "`") != std::string::npos);
  for (auto name : expectation_type_names()) CHECK(readme.find("`" + std::string(name) + "`") != std::string::npos);
}

}  // namespace consim
