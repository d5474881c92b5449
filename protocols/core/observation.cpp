#include "protocols/core/observation.h"

#include <type_traits>

namespace consim {

std::string_view role_name(Role r) {
  switch (r) {
    case Role::kFollower: return "follower";
    case Role::kPreCandidate: return "pre-candidate";
    case Role::kCandidate: return "candidate";
    case Role::kLeader: return "leader";
  }
  return "?";
}

std::string_view observation_kind(const Observation& o) {
  return std::visit(
      [](const auto& v) -> std::string_view {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, RoleChanged>) return "role";
        else if constexpr (std::is_same_v<T, EntryAppended>) return "append";
        else if constexpr (std::is_same_v<T, LogTruncated>) return "truncate";
        else if constexpr (std::is_same_v<T, CommitAdvanced>) return "commit";
        else if constexpr (std::is_same_v<T, EntryApplied>) return "apply";
        else if constexpr (std::is_same_v<T, SnapshotTaken>) return "snapshot";
        else if constexpr (std::is_same_v<T, Promised>) return "promise";
        else if constexpr (std::is_same_v<T, ValueAccepted>) return "accept";
        else return "choose";
      },
      o);
}

void encode_observation(const Observation& o, FieldSink& out) {
  std::visit(
      [&out](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, RoleChanged>) {
          out.field("role", role_name(v.role));
          out.field("term", v.term);
        } else if constexpr (std::is_same_v<T, EntryAppended>) {
          out.field("index", v.index);
          out.field("term", v.term);
          out.field("digest", v.digest);
        } else if constexpr (std::is_same_v<T, LogTruncated>) {
          out.field("from_index", v.from_index);
        } else if constexpr (std::is_same_v<T, CommitAdvanced>) {
          out.field("index", v.index);
        } else if constexpr (std::is_same_v<T, EntryApplied>) {
          out.field("index", v.index);
          v.command->encode_by_digest(out, v.digest);
        } else if constexpr (std::is_same_v<T, SnapshotTaken>) {
          out.field("last_index", v.last_index);
          out.field("last_term", v.last_term);
          out.field("installed", v.installed);
        } else if constexpr (std::is_same_v<T, Promised>) {
          out.field("instance", v.instance);
          out.field("ballot", v.ballot);
        } else if constexpr (std::is_same_v<T, ValueAccepted>) {
          out.field("instance", v.instance);
          out.field("ballot", v.ballot);
          out.field("digest", v.digest);
        } else {
          out.field("instance", v.instance);
          out.field("digest", v.digest);
        }
      },
      o);
}

}  // namespace consim
