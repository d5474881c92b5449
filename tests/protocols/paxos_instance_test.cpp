// instance_of: the key-to-instance mapping shared by the nodes and the engine.
#include <catch2/catch.hpp>

#include "protocols/paxos/instance.h"

namespace consim::paxos_test {
namespace {

using paxos::instance_of;

constexpr uint64_t kTopBit = uint64_t{1} << 63;

TEST_CASE("paxos: instance_of maps the workload's keys k1..kN to their numbers", "[paxos]") {
  CHECK(instance_of("k1") == 1);
  CHECK(instance_of("k8") == 8);
  CHECK(instance_of("k0") == 0);
  CHECK(instance_of("k1234567") == 1234567);
  CHECK(instance_of("k9223372036854775807") == kTopBit - 1);
}

TEST_CASE("paxos: instance_of hashes every other key to an instance with the top bit set", "[paxos]") {
  for (const char* key : {"", "k", "x1", "K1", "k1x", "k-1", "k07", "k00", "k9223372036854775808",
                          "k99999999999999999999", "apple"}) {
    INFO(key);
    CHECK((instance_of(key) & kTopBit) != 0);
  }
  CHECK(instance_of("apple") == instance_of("apple"));
  CHECK(instance_of("apple") != instance_of("apples"));
  CHECK(instance_of("k07") != instance_of("k7"));
}

}  // namespace
}  // namespace consim::paxos_test
