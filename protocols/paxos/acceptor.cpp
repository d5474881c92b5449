// The acceptor (Paxos Made Simple 2.2, phase 1(b) and 2(b)).
//
// P1a: an acceptor can accept a proposal numbered n iff it has not responded
// to a prepare request having a number greater than n. It promises by
// raising promised_ballot, and both the promise and an acceptance are synced
// before the reply that reports them leaves (2.5: "an acceptor must remember
// this information even if it fails and then restarts"). The observations
// Promised and ValueAccepted are reported at the same moment, when the state
// is durable, so that a checker never counts an acceptance a crash erased.
#include <algorithm>

#include "protocols/core/assert.h"
#include "protocols/paxos/node.h"

namespace consim::paxos {

AcceptorState& PaxosNode::acceptor(uint64_t instance) {
  AcceptorState& a = acceptors_[instance];
  a.instance = instance;
  return a;
}

void PaxosNode::persist(Context& ctx, const AcceptorState& state, const Observation& observation) {
  write(ctx, state);
  after_durable(ctx, observation);
}

// Phase 1(b): "If an acceptor receives a prepare request with number n
// greater than that of any prepare request to which it has already
// responded, then it responds to the request with a promise not to accept
// any more proposals numbered less than n and with the highest-numbered
// proposal (if any) that it has accepted." A repeated Prepare of the ballot
// already promised is answered again (it changes nothing); a lower one is
// refused with the ballot promised.
void PaxosNode::receive(Context& ctx, NodeId from, const Prepare& m) {
  CONSIM_ASSERT(ballot_round(m.ballot) >= 1, "real ballots have a round");
  if (from != id_) tell_if_learned(ctx, from, m.instance);
  AcceptorState& a = acceptor(m.instance);
  if (m.ballot < a.promised_ballot) {
    ctx.probe(Probe::kPaxosPrepareRefused);
    send(ctx, from, make_message(Nack{m.instance, m.ballot, a.promised_ballot}));
    return;
  }
  if (m.ballot > a.promised_ballot) {
    a.promised_ballot = m.ballot;
    persist(ctx, a, Promised{m.instance, m.ballot});
  }
  rival_at_work(ctx, from, m.instance);
  send_durable(ctx, from, make_message(Promise{m.instance, m.ballot, a.accepted_ballot, a.accepted_value}));
}

// Phase 2(b): "If an acceptor receives an accept request for a proposal
// numbered n, it accepts the proposal unless it has already responded to a
// prepare request having a number greater than n." Accepting n is also a
// promise of n. A repeated Accept of the proposal already accepted is
// acknowledged again.
//
// paxos.accept-below-promise: the promise is not checked.
void PaxosNode::receive(Context& ctx, NodeId from, const Accept& m) {
  CONSIM_ASSERT(ballot_round(m.ballot) >= 1 && m.value, "an accept request carries a ballot and a value");
  if (from != id_) tell_if_learned(ctx, from, m.instance);
  AcceptorState& a = acceptor(m.instance);
  if (m.ballot < a.promised_ballot && !bugs_.has(Bug::kPaxosAcceptBelowPromise)) {
    ctx.probe(Probe::kPaxosAcceptRefused);
    send(ctx, from, make_message(Nack{m.instance, m.ballot, a.promised_ballot}));
    return;
  }
  // A proposer sends one value per ballot, and never reuses a ballot.
  CONSIM_ASSERT(a.accepted_ballot != m.ballot || a.accepted_value.same_as(m.value), "a ballot carries one value");
  if (a.accepted_ballot != m.ballot) {
    a.promised_ballot = std::max(a.promised_ballot, m.ballot);
    a.accepted_ballot = m.ballot;
    a.accepted_value = m.value;
    persist(ctx, a, ValueAccepted{m.instance, m.ballot, m.value.digest});
  }
  rival_at_work(ctx, from, m.instance);
  send_durable(ctx, from, make_message(Accepted{m.instance, m.ballot}));
}

}  // namespace consim::paxos
