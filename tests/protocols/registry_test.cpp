#include <catch2/catch.hpp>

#include "protocols/registry.h"

namespace consim {
namespace {

TEST_CASE("registry: every protocol has a node factory") {
  REQUIRE(node_factory(Protocol::kRaft) != nullptr);
  CHECK(node_factory(Protocol::kBasicPaxos) != nullptr);
  CHECK(node_factory(Protocol::kMultiPaxos) != nullptr);
  const ProtocolConfig config = default_config(Protocol::kRaft);
  NodeSetup setup;
  setup.id = 2;
  setup.nodes = 3;
  setup.config = &config;
  const auto node = node_factory(Protocol::kRaft)(setup);
  REQUIRE(node != nullptr);
}

}  // namespace
}  // namespace consim
