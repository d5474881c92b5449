#include "reports/trace_reader.h"

#include <array>
#include <string>

namespace consim {

uint64_t TraceEvent::u64(const char* name, uint64_t fallback) const {
  const auto it = fields.find(name);
  return it != fields.end() && it->is_number_unsigned() ? it->get<uint64_t>() : fallback;
}

std::string_view TraceEvent::str(const char* name) const {
  const auto it = fields.find(name);
  return it != fields.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>()) : "";
}

uint64_t for_each_json_line(std::FILE* jsonl, const std::function<void(const nlohmann::json&)>& visit) {
  std::rewind(jsonl);
  uint64_t objects = 0;
  std::string line;
  std::array<char, 1 << 16> chunk{};
  // fgets reads a long line in pieces; a line is complete at its '\n'.
  while (std::fgets(chunk.data(), static_cast<int>(chunk.size()), jsonl) != nullptr) {
    line += chunk.data();
    if (!line.empty() && line.back() != '\n' && !std::feof(jsonl)) continue;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    line.clear();
    if (!j.is_object()) continue;
    visit(j);
    ++objects;
  }
  return objects;
}

uint64_t for_each_trace_event(std::FILE* trace, const std::function<void(const TraceEvent&)>& visit) {
  uint64_t events = 0;
  for_each_json_line(trace, [&](const nlohmann::json& j) {
    const auto t = j.find("t_ms");
    const auto kind = j.find("kind");
    if (t == j.end() || !t->is_number() || kind == j.end() || !kind->is_string()) return;
    const auto node = j.find("node");
    visit(TraceEvent{Time::from_ms(t->get<double>()),
                     node != j.end() && node->is_number_integer() ? node->get<int>() : 0,
                     kind->get_ref<const std::string&>(), j});
    ++events;
  });
  return events;
}

void copy_file_contents(std::FILE* from, std::FILE* to) {
  std::rewind(from);
  std::array<char, 1 << 16> buffer{};
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), from)) > 0) std::fwrite(buffer.data(), 1, n, to);
  std::fflush(to);
}

}  // namespace consim
