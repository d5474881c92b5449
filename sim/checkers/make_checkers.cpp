// Which checkers run for which protocol (the README's "Checkers and injected bugs", "protocols").
#include <memory>
#include <utility>
#include <vector>

#include "sim/checkers/agreement.h"
#include "sim/checkers/checker.h"
#include "sim/checkers/election_safety.h"
#include "sim/checkers/leader_completeness.h"
#include "sim/checkers/log_history.h"
#include "sim/checkers/log_matching.h"
#include "sim/checkers/state_machine_safety.h"
#include "sim/checkers/validity.h"

namespace consim {

std::vector<std::unique_ptr<Checker>> make_checkers(Protocol protocol, int nodes) {
  std::vector<std::unique_ptr<Checker>> checkers;
  switch (protocol) {
    case Protocol::kRaft: {
      // The two log checkers share one mirror of every node's log.
      auto logs = std::make_shared<LogHistory>(nodes);
      checkers.push_back(make_election_safety_checker());
      checkers.push_back(make_log_matching_checker(logs));
      checkers.push_back(make_leader_completeness_checker(std::move(logs)));
      checkers.push_back(make_state_machine_safety_checker(nodes));
      break;
    }
    case Protocol::kMultiPaxos:
      checkers.push_back(make_election_safety_checker());
      checkers.push_back(make_state_machine_safety_checker(nodes));
      checkers.push_back(make_agreement_checker(nodes));
      checkers.push_back(make_validity_checker(nodes));
      break;
    case Protocol::kBasicPaxos:
      checkers.push_back(make_agreement_checker(nodes));
      checkers.push_back(make_validity_checker(nodes));
      break;
  }
  return checkers;
}

}  // namespace consim
