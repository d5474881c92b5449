#include "protocols/kv_store.h"

#include "protocols/core/assert.h"
#include "protocols/core/hash.h"

namespace consim {
namespace {

const std::string kEmpty;

}  // namespace

const std::string& KvStore::apply(uint64_t index, const Command& command, uint64_t digest) {
  CONSIM_ASSERT(index == last_applied_ + 1, "state machine applies log entries in order, without gaps");
  last_applied_ = index;
  StableHasher chain(applied_digest_);
  chain.add(digest);
  applied_digest_ = chain.value();

  if (command.op == OpType::kNoop) return kEmpty;
  ClientSession& session = sessions_[command.client];
  // At most once: a retry of an applied request returns what the first
  // application returned. An older retry (the client has moved on since)
  // changes nothing and nobody waits for its answer.
  if (sessions_on_ && command.seq < session.last_seq) return kEmpty;
  if (sessions_on_ && command.seq == session.last_seq) return session.last_result;

  session.last_seq = command.seq;
  switch (command.op) {
    case OpType::kPut: {
      auto it = data_.find(command.key);
      if (it == data_.end()) it = data_.emplace(command.key, std::string()).first;
      it->second = command.value;
      session.last_result = it->second;
      break;
    }
    case OpType::kAppend: {
      auto it = data_.find(command.key);
      if (it == data_.end()) it = data_.emplace(command.key, std::string()).first;
      it->second += command.value;
      session.last_result = it->second;
      break;
    }
    case OpType::kGet: session.last_result = read(command.key); break;
    case OpType::kNoop: break;
  }
  return session.last_result;
}

bool KvStore::applied(ClientId client, uint64_t seq) const {
  const auto it = sessions_.find(client);
  return it != sessions_.end() && seq <= it->second.last_seq;
}

const std::string* KvStore::saved_result(ClientId client, uint64_t seq) const {
  const auto it = sessions_.find(client);
  if (it == sessions_.end() || it->second.last_seq != seq) return nullptr;
  return &it->second.last_result;
}

std::string_view KvStore::read(std::string_view key) const {
  const auto it = data_.find(key);
  return it == data_.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace consim
