// The proposer (Paxos Made Simple 2.2, phases 1(a) and 2(a), and
// abandoning a round; 2.4 for backing off; 2.5 for ballots).
#include <algorithm>
#include <bit>
#include <vector>

#include "protocols/core/assert.h"
#include "protocols/paxos/node.h"

namespace consim::paxos {

PaxosNode::Proposal* PaxosNode::proposal(uint64_t instance) {
  const auto it = proposals_.find(instance);
  return it == proposals_.end() ? nullptr : &it->second;
}

// 2.5: "Each proposer remembers (in stable storage) the highest-numbered
// proposal it has tried to issue, and begins phase 1 with a higher-numbered
// proposal than any it has already used." Its own acceptor's promise is that
// record: it is at least every ballot this node tried for the instance. The
// next round is also above every ballot a Nack reported.
uint64_t PaxosNode::next_ballot(uint64_t instance, const Proposal& p) const {
  uint64_t highest = std::max(p.ballot, p.highest_seen);
  if (const AcceptorState* a = acceptor_state(instance))
    highest = std::max({highest, a->promised_ballot, a->accepted_ballot});
  return make_ballot(ballot_round(highest) + 1, id_);
}

Duration PaxosNode::round_timeout(const Proposal& p) const {
  return (kRoundTimeout + sync_latency_ * 2) * (int64_t{1} << std::min(p.timeouts, kMaxRoundTimeoutDoublings));
}

// Called by the acceptor when it promises or accepts another node's ballot.
void PaxosNode::rival_at_work(Context& ctx, NodeId from, uint64_t instance) {
  if (from != id_) rival_seen_at_[instance] = ctx.now();
}

// 2.4: while another proposer is at work on the instance, a new round would
// only pre-empt it. Wait until it has been silent for a round timeout; each
// wait lengthens the next one, so a rival whose rounds are slower than the
// timeout is not pre-empted again and again.
bool PaxosNode::yield_to_rival(Context& ctx, uint64_t instance, Proposal& p) {
  const auto it = rival_seen_at_.find(instance);
  if (it == rival_seen_at_.end()) return false;
  const Duration window =
      (kRoundTimeout + sync_latency_ * 2) * (int64_t{1} << std::min(p.timeouts, kMaxYieldDoublings));
  if (ctx.now() - it->second >= window) return false;
  ctx.probe(Probe::kPaxosYieldedToRival);
  ++p.timeouts;
  p.phase = Phase::kBackingOff;
  p.deadline = it->second + window + ctx.rng().uniform_duration(config_.retry_backoff);
  rearm_round_timer(ctx);
  return true;
}

// Phase 1(a): "A proposer selects a proposal number n and sends a prepare
// request with number n to a majority of acceptors" (here: to every
// acceptor, so that any majority of them will do). The proposer's own
// acceptor promises first; the other Prepares leave once that promise is
// durable.
void PaxosNode::start_round(Context& ctx, uint64_t instance, Proposal& p) {
  if (yield_to_rival(ctx, instance, p)) return;
  p.ballot = next_ballot(instance, p);
  p.phase = Phase::kPreparing;
  ++p.rounds;
  p.promised = 0;
  p.highest_accepted_ballot = 0;
  p.highest_accepted_value = Value{};
  p.first_promise_value = Value{};
  p.proposed = Value{};
  p.accepted = 0;
  p.deadline = ctx.now() + round_timeout(p);

  const Prepare prepare{instance, p.ballot};
  receive(ctx, id_, prepare);
  const MessagePtr message = make_message(prepare);
  for (NodeId peer = 1; peer <= nodes_; ++peer)
    if (peer != id_) send_durable(ctx, peer, message);
  rearm_round_timer(ctx);
}

void PaxosNode::receive(Context& ctx, NodeId from, const Promise& m) {
  Proposal* p = proposal(m.instance);
  if (p == nullptr || p->phase != Phase::kPreparing || m.ballot != p->ballot || (p->promised & bit(from))) return;
  if (p->promised == 0) p->first_promise_value = m.accepted_value;
  p->promised |= bit(from);
  if (m.accepted_value) {
    if (m.accepted_ballot > p->highest_accepted_ballot) {
      p->highest_accepted_ballot = m.accepted_ballot;
      p->highest_accepted_value = m.accepted_value;
    }
  }
  if (std::popcount(p->promised) >= quorum()) finish_phase1(ctx, m.instance, *p);
}

// Phase 2(a): "If the proposer receives a response to its prepare requests
// (numbered n) from a majority of acceptors, then it sends an accept request
// to each of those acceptors for a proposal numbered n with a value v, where
// v is the value of the highest-numbered proposal among the responses, or is
// any value if the responses reported no proposals" (P2c). The free value is
// the client's command; a read proposes nothing, and instead learns that
// nothing was chosen.
//
// paxos.first-promise-value: v is the value of the first response (as the
// design document's code does: it reads the first promise, which reported
// no proposal as often as not, and then proposes its own value).
void PaxosNode::finish_phase1(Context& ctx, uint64_t instance, Proposal& p) {
  p.timeouts = 0;
  p.losses = 0;
  const Value adopted = bugs_.has(Bug::kPaxosFirstPromiseValue) ? p.first_promise_value : p.highest_accepted_value;
  if (adopted) {
    if (!p.own_value || !adopted.same_as(p.own_value)) ctx.probe(Probe::kPaxosValueAdopted);
    begin_accept(ctx, instance, p, adopted);
    return;
  }
  if (p.own_value) {
    begin_accept(ctx, instance, p, p.own_value);
    return;
  }
  answer_empty_reads(ctx, p);
  if (p.waiters.empty()) {
    proposals_.erase(instance);
    rearm_round_timer(ctx);
    return;
  }
  // Reads that arrived during this round need a round that began after them.
  start_round(ctx, instance, p);
}

void PaxosNode::begin_accept(Context& ctx, uint64_t instance, Proposal& p, Value value) {
  p.phase = Phase::kAccepting;
  p.proposed = value;
  p.accepted = 0;
  p.deadline = ctx.now() + round_timeout(p);
  const Accept accept{instance, p.ballot, std::move(value)};
  const MessagePtr message = make_message(accept);
  for (NodeId peer = 1; peer <= nodes_; ++peer)
    if (peer != id_) send(ctx, peer, message);
  receive(ctx, id_, accept);
  rearm_round_timer(ctx);
}

// 2.2: a value is chosen when a single proposal with that value has been
// accepted by a majority of the acceptors. The proposer, as distinguished
// learner, counts the acceptances of its own ballot.
void PaxosNode::receive(Context& ctx, NodeId from, const Accepted& m) {
  Proposal* p = proposal(m.instance);
  if (p == nullptr || p->phase != Phase::kAccepting || m.ballot != p->ballot || (p->accepted & bit(from))) return;
  p->accepted |= bit(from);
  if (std::popcount(p->accepted) < accept_quorum()) return;
  const Value chosen = p->proposed;  // learn() ends the proposal
  learn(ctx, m.instance, chosen, 0);
}

// 2.2: the proposer "should then abandon its proposal". It remembers the
// ballot that beat it, and tries again above it after a random backoff.
void PaxosNode::receive(Context& ctx, NodeId, const Nack& m) {
  Proposal* p = proposal(m.instance);
  if (p == nullptr) return;
  p->highest_seen = std::max(p->highest_seen, m.promised_ballot);
  if (m.ballot != p->ballot || p->phase == Phase::kBackingOff) return;
  CONSIM_ASSERT(m.promised_ballot > m.ballot, "a refusal names a higher promise");
  ctx.probe(Probe::kPaxosRoundPreempted);
  back_off(ctx, *p);
  rearm_round_timer(ctx);
}

// 2.4: progress needs one proposer to stay unchallenged long enough; a random
// wait before the next ballot makes duelling proposers unlikely to collide
// again. The first loss waits within retry_backoff; each further one in a row
// doubles the top of the range.
void PaxosNode::back_off(Context& ctx, Proposal& p) {
  const DurationRange base = config_.retry_backoff;
  const int doublings = std::min(p.losses, kMaxBackoffDoublings);
  ++p.losses;
  p.phase = Phase::kBackingOff;
  p.deadline = ctx.now() + ctx.rng().uniform_duration(DurationRange{base.min, base.max * (int64_t{1} << doublings)});
}

// A round that got no majority in time (messages lost, acceptors down or cut
// off) is abandoned like a refused one.
void PaxosNode::on_round_timeout(Context& ctx, uint64_t instance, Proposal& p) {
  if (p.phase == Phase::kBackingOff) {
    start_round(ctx, instance, p);
    return;
  }
  ctx.probe(Probe::kPaxosRoundTimedOut);
  ++p.timeouts;
  back_off(ctx, p);
}

}  // namespace consim::paxos
