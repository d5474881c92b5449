// IndexWindow: values for a contiguous range of log indexes [begin, end),
// growing at the back (appends), shrinking at the back (truncation) and
// dropping at the front (forgetting below a snapshot). Values live in chunks
// of kChunk, so growing never copies and memory is the values held plus at
// most two partly used chunks: no doubling headroom, and a dropped front is
// freed chunk by chunk. Every operation is O(1) per value added or removed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>

#include "protocols/core/assert.h"

namespace consim {

template <typename T>
class IndexWindow {
 public:
  static constexpr uint64_t kChunk = 512;

  explicit IndexWindow(uint64_t begin = 1) : origin_(begin), begin_(begin), end_(begin) {}
  IndexWindow(const IndexWindow&) = delete;
  IndexWindow& operator=(const IndexWindow&) = delete;
  IndexWindow(IndexWindow&&) noexcept = default;
  IndexWindow& operator=(IndexWindow&&) noexcept = default;

  uint64_t begin_index() const { return begin_; }
  uint64_t end_index() const { return end_; }
  size_t size() const { return static_cast<size_t>(end_ - begin_); }
  bool empty() const { return end_ == begin_; }
  bool contains(uint64_t index) const { return index >= begin_ && index < end_; }

  T& operator[](uint64_t index) {
    CONSIM_ASSERT(contains(index), "an index outside the window");
    const uint64_t at = index - origin_;
    return chunks_[static_cast<size_t>(at / kChunk)][static_cast<size_t>(at % kChunk)];
  }
  const T& operator[](uint64_t index) const {
    CONSIM_ASSERT(contains(index), "an index outside the window");
    const uint64_t at = index - origin_;
    return chunks_[static_cast<size_t>(at / kChunk)][static_cast<size_t>(at % kChunk)];
  }

  // Appends at end_index().
  void push_back(const T& value) {
    const uint64_t at = end_ - origin_;
    if (at / kChunk == chunks_.size()) chunks_.push_back(std::make_unique<T[]>(kChunk));
    chunks_[static_cast<size_t>(at / kChunk)][static_cast<size_t>(at % kChunk)] = value;
    ++end_;
  }

  // Grows the window with default values so that it contains `index`.
  void extend_to(uint64_t index) {
    while (end_ <= index) push_back(T{});
  }

  // Removes every index >= `index`.
  void truncate_from(uint64_t index) {
    index = std::max(index, begin_);
    if (index >= end_) return;
    end_ = index;
    const uint64_t chunks_needed = (end_ - origin_ + kChunk - 1) / kChunk;
    while (chunks_.size() > chunks_needed) chunks_.pop_back();
  }

  // Removes every index < `index`. Past the end, the window becomes empty and
  // starts at `index`.
  void drop_below(uint64_t index) {
    if (index <= begin_) return;
    if (index >= end_) {
      reset(index);
      return;
    }
    begin_ = index;
    while (begin_ - origin_ >= kChunk) {
      chunks_.pop_front();
      origin_ += kChunk;
    }
  }

  // Empties the window, which then starts at `begin`.
  void reset(uint64_t begin) {
    chunks_.clear();
    origin_ = begin_ = end_ = begin;
  }

  // Heap bytes held by the values, for memory accounting.
  size_t capacity_bytes() const { return chunks_.size() * kChunk * sizeof(T); }

 private:
  uint64_t origin_;  // the index of chunks_[0][0]
  uint64_t begin_;
  uint64_t end_;
  std::deque<std::unique_ptr<T[]>> chunks_;
};

}  // namespace consim
