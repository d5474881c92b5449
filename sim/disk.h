// The virtual disk of one node: a journal of durable records with write and
// sync. Records written but not yet covered by a completed sync are lost on a
// crash when the scenario's storage has `lose_unsynced` (the default); with
// `lose_unsynced: false` a crash keeps every write (an OS that always
// flushes). Synced records always survive.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "protocols/core/message.h"

namespace consim {

class Disk {
 public:
  struct PendingSync {
    uint64_t id;      // what the node gets in on_synced
    uint64_t epoch;   // journal epoch the sync belongs to
    size_t covers;    // number of journal records it makes durable
  };

  void write(RecordPtr record) { journal_.push_back(std::move(record)); }
  // Starts a sync of everything written so far.
  PendingSync begin_sync() { return PendingSync{next_sync_id_++, epoch_, journal_.size()}; }
  // The sync finished: its records are durable. A sync started before a
  // rewrite covers nothing new (the rewrite was already durable).
  void complete_sync(const PendingSync& s) {
    if (s.epoch == epoch_ && s.covers > durable_) durable_ = s.covers;
  }
  // Atomically replaces the journal; the new journal is durable at once.
  void rewrite(std::vector<RecordPtr> records) {
    journal_ = std::move(records);
    durable_ = journal_.size();
    ++epoch_;
  }
  // The node crashed. Returns how many records were lost.
  size_t crash(bool lose_unsynced) {
    size_t lost = 0;
    if (lose_unsynced) {
      lost = journal_.size() - durable_;
      journal_.resize(durable_);
    } else {
      durable_ = journal_.size();
    }
    ++epoch_;
    return lost;
  }

  std::span<const RecordPtr> durable() const { return {journal_.data(), durable_}; }
  size_t records() const { return journal_.size(); }
  size_t durable_records() const { return durable_; }

 private:
  std::vector<RecordPtr> journal_;
  size_t durable_ = 0;
  uint64_t epoch_ = 0;
  uint64_t next_sync_id_ = 1;
};

}  // namespace consim
