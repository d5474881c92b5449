// The in-memory log with its snapshot base.
#include <catch2/catch.hpp>

#include "protocols/raft/log.h"
#include "tests/protocols/fake_context.h"

namespace consim::raft {
namespace {

RaftLog log_with_terms(std::initializer_list<uint64_t> terms) {
  RaftLog log;
  for (uint64_t t : terms) log.append(test::entry(t));
  return log;
}

TEST_CASE("raft log: indexes start at 1 and index 0 has term 0") {
  RaftLog log;
  CHECK(log.last_index() == 0);
  CHECK(log.last_term() == 0);
  CHECK(log.matches(0, 0));
  log = log_with_terms({1, 1, 2});
  CHECK(log.first_index() == 1);
  CHECK(log.last_index() == 3);
  CHECK(log.term_at(3) == 2);
  CHECK(log.matches(2, 1));
  CHECK_FALSE(log.matches(4, 2));
}

TEST_CASE("raft log: truncate - compact - reset - slice") {
  RaftLog log = log_with_terms({1, 1, 2, 3, 3});
  log.truncate_from(4);
  CHECK(log.last_index() == 3);
  log.compact_to(2, 1);
  CHECK(log.base_index() == 2);
  CHECK(log.first_index() == 3);
  CHECK(log.size() == 1);
  CHECK(log.term_at(2) == 1);
  CHECK(log.term_at(3) == 2);
  CHECK_FALSE(log.has_term(1));
  log.append(test::entry(4));
  const auto s = log.slice(3, 10);
  REQUIRE(s.size() == 2);
  CHECK(s[1].term == 4);
  CHECK(log.slice(3, 1).size() == 1);
  CHECK(log.slice(5, 10).empty());
  log.reset(9, 5);
  CHECK(log.last_index() == 9);
  CHECK(log.last_term() == 5);
  CHECK(log.size() == 0);
}

TEST_CASE("raft log: term searches for fast backtracking") {
  const RaftLog log = log_with_terms({1, 1, 2, 2, 2, 5});
  CHECK(log.last_index_of_term(2) == 5);
  CHECK(log.last_index_of_term(1) == 2);
  CHECK(log.last_index_of_term(3) == 0);
  CHECK(log.last_index_of_term(5) == 6);
  CHECK(log.first_index_of_term_at(5) == 3);
  CHECK(log.first_index_of_term_at(2) == 1);
  CHECK(log.first_index_of_term_at(6) == 6);
}

}  // namespace
}  // namespace consim::raft
