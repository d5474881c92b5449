// A real Raft node that fails a CONSIM_ASSERT on purpose: node 2, on the
// 20th message delivered to it. It is how the tests see what a failed
// assertion does to a run and to a sweep (protocols/core/assert.h).
#pragma once

#include <memory>
#include <span>

#include "protocols/core/assert.h"
#include "protocols/core/node.h"
#include "protocols/registry.h"

namespace consim::test {

inline constexpr NodeId kProvokedNode = 2;
inline constexpr int kProvokedAtMessage = 20;

class ProvokedAssertionNode final : public Node {
 public:
  explicit ProvokedAssertionNode(const NodeSetup& setup)
      : id_(setup.id), inner_(node_factory(Protocol::kRaft)(setup)) {}
  void boot(Context& ctx, std::span<const RecordPtr> durable) override { inner_->boot(ctx, durable); }
  void on_message(Context& ctx, NodeId from, const Message& message) override {
    if (id_ == kProvokedNode) CONSIM_ASSERT(++delivered_ < kProvokedAtMessage, "provoked on purpose by a test");
    inner_->on_message(ctx, from, message);
  }
  void on_timer(Context& ctx, int kind) override { inner_->on_timer(ctx, kind); }
  void on_client_request(Context& ctx, const ClientRequest& request) override {
    inner_->on_client_request(ctx, request);
  }
  void on_synced(Context& ctx, uint64_t sync_id) override { inner_->on_synced(ctx, sync_id); }
  NodeStatus status() const override { return inner_->status(); }

 private:
  NodeId id_;
  std::unique_ptr<Node> inner_;
  int delivered_ = 0;
};

inline std::unique_ptr<Node> make_provoked_assertion_node(const NodeSetup& setup) {
  return std::make_unique<ProvokedAssertionNode>(setup);
}

}  // namespace consim::test
