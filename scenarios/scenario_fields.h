// The catalog of a scenario file's objects: the fields each accepts and the
// names of fault and expectation types. The loader checks files against it;
// tests compare it with scenario.schema.json and docs/scenarios.md, so the
// three cannot drift apart.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/config.h"
#include "scenarios/scenario.h"

namespace consim {

using FieldList = std::span<const std::string_view>;

// The fields accepted in each kind of object, by section name: "scenario"
// (top level), "network", "storage", "workload", "ops", "config.raft",
// "config.basic-paxos", "config.multi-paxos", and "fault.TYPE" and
// "expect.TYPE" for each fault and expectation type. The schema's $defs use
// the same names. An unknown section has no fields.
FieldList accepted_fields(std::string_view section);
// Every section name above, in that order.
std::vector<std::string> accepted_sections();

FieldList config_fields(Protocol p);
FieldList fault_fields(const FaultAction& a);      // `at_ms` and `type` included
FieldList expectation_fields(const Expectation& e);  // `type` included

// The `type` values, in the order of the variants' alternatives.
std::vector<std::string_view> fault_type_names();
std::vector<std::string_view> expectation_type_names();

// A default-constructed fault or expectation of the named type, if any.
std::optional<FaultAction> fault_of_type(std::string_view type);
std::optional<Expectation> expectation_of_type(std::string_view type);

// Every protocol, in enum order.
std::span<const Protocol> all_protocols();

}  // namespace consim
