#include "scenarios/loader.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include "scenarios/json_reader.h"
#include "scenarios/scenario_reader.h"

namespace consim {
namespace {

// Reads at most kMaxScenarioFileBytes of a file. Problems go to `errors`.
constexpr size_t kMaxFileBytes = kMaxScenarioFileBytes;

std::optional<std::string> read_file(const std::string& path, JsonErrors& errors) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) {
    errors.add_file("cannot read: no such file");
    return std::nullopt;
  }
  if (status.type() == fs::file_type::directory) {
    errors.add_file("is a directory, not a scenario file");
    return std::nullopt;
  }
  const auto too_large = [&] {
    errors.add_file("larger than " + std::to_string(kMaxFileBytes / (1024 * 1024)) + " MiB: not a scenario file");
  };
  // A regular file's size is known before reading it; a pipe's is counted
  // while reading.
  if (status.type() == fs::file_type::regular && fs::file_size(path, ec) > kMaxFileBytes && !ec) {
    too_large();
    return std::nullopt;
  }
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    errors.add_file("cannot read: " + std::string(std::strerror(errno)));
    return std::nullopt;
  }
  std::string text;
  std::array<char, 64 * 1024> buffer{};
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
    text.append(buffer.data(), n);
    if (text.size() > kMaxFileBytes) {
      too_large();
      return std::nullopt;
    }
  }
  if (std::ferror(file.get())) {
    errors.add_file("cannot read: " + std::string(std::strerror(errno)));
    return std::nullopt;
  }
  if (text.empty()) {
    errors.add_file("the file is empty (expected a JSON object)");
    return std::nullopt;
  }
  return text;
}

}  // namespace

std::string_view selector_name(NodeRef::Kind kind) {
  switch (kind) {
    case NodeRef::Kind::kId: return "";
    case NodeRef::Kind::kLeader: return "leader";
    case NodeRef::Kind::kRandom: return "random";
    case NodeRef::Kind::kRandomFollower: return "random-follower";
    case NodeRef::Kind::kAll: return "all";
    case NodeRef::Kind::kTrigger: return "trigger";
  }
  return "";
}

LoadResult parse_scenario(std::string_view json_text, const std::string& file_for_messages) {
  JsonErrors errors(file_for_messages);
  LoadResult result;
  if (const auto doc = parse_json_strict(json_text, errors)) {
    result.scenario = scenario_reader::ScenarioReader(errors).read(*doc);
  }
  result.errors = errors.take();
  if (!result.errors.empty()) result.scenario.reset();
  return result;
}

LoadResult load_scenario_file(const std::string& path) {
  JsonErrors errors(path);
  const auto text = read_file(path, errors);
  if (!text) return LoadResult{std::nullopt, errors.take()};
  LoadResult result = parse_scenario(*text, path);
  if (result.scenario) result.scenario->source_path = path;
  return result;
}

}  // namespace consim