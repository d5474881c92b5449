#include "sim/cli/merge_reader.h"

#include <fstream>
#include <set>

#include <fmt/format.h>

#include "scenarios/json_reader.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/parse_error.h"
#include "sim/cli/sweep_header.h"

namespace consim::cli {
namespace {

using Json = nlohmann::ordered_json;

// One JSON object per line; a line nested deeper than any summary is not one
// (and printing it back would overflow the stack).
Json parse_line(const std::string& line) {
  if (json_nesting_exceeds(line)) return Json(Json::value_t::discarded);
  return Json::parse(line, nullptr, false);
}

// A shard file's header: what was swept, its declared range and its shard.
struct Header {
  Json swept;
  SeedRange range;
  Shard shard;
};

std::optional<Header> read_header(const std::string& file, std::ifstream& in) {
  std::string line;
  if (!std::getline(in, line)) {
    fmt::print(stderr, "{}{}: empty; expected the --out file of a `consim sweep`\n", error_prefix(), file);
    return std::nullopt;
  }
  const Json j = parse_line(line);
  Header h;
  std::string error;
  if (!j.is_discarded() && j.is_object() && j.contains("sweep") && j["sweep"].is_object()) {
    h.swept = j["sweep"];
    const auto seeds = h.swept.value("seeds", Json()), shard = h.swept.value("shard", Json());
    const auto range = seeds.is_string() ? parse_seed_range(seeds.get<std::string>(), error) : std::nullopt;
    const auto part = shard.is_string() ? parse_shard(shard.get<std::string>(), error) : std::nullopt;
    if (range && part && range->last - range->first < kMaxSeedsPerSweep) {
      h.range = *range;
      h.shard = *part;
      return h;
    }
  }
  fmt::print(stderr,
             "{}{}:1: expected the sweep header ({{\"sweep\": {{... \"seeds\": \"A..B\", \"shard\": \"K/N\"}}}}) "
             "that `consim sweep --out` writes first; a file without it cannot be checked against the other shards\n",
             error_prefix(), file);
  return std::nullopt;
}

// A summary less its wall time, which differs between two runs of one seed.
Json result_of(Json summary) {
  summary.erase("wall_ms");
  return summary;
}

struct Origin {
  std::string file;
  size_t line = 0;
};

class ShardReader {
 public:
  bool read(const std::string& file) {
    std::ifstream in(file);
    if (!in) {
      fmt::print(stderr, "{}cannot read {}\n", error_prefix(), file);
      return false;
    }
    const auto header = read_header(file, in);
    if (!header) return false;
    if (header->swept.value("guided", false)) {
      fmt::print(stderr, "{}{}:1: a guided sweep's --out is one whole sweep, not a shard: it cannot be merged\n",
                 error_prefix(), file);
      return false;
    }
    if (first_file_.empty()) {
      first_file_ = file;
      first_ = *header;
    } else if (const auto diff = swept_difference(first_.swept, header->swept); !diff.empty()) {
      fmt::print(stderr, "{}{} and {} are not shards of one sweep: {}\n", error_prefix(), first_file_, file, diff);
      return false;
    }
    shards_.insert({header->shard.count, header->shard.index});
    return read_summaries(file, in, *header);
  }

  // Every seed of the declared range must be there: a merge of part of a range is no verdict on it.
  std::optional<MergedShards> finish() {
    const uint64_t declared = first_.range.last - first_.range.first + 1;
    if (merged_.by_seed.size() != declared) {
      report_missing(declared);
      return std::nullopt;
    }
    merged_.swept = first_.swept;
    merged_.swept["shard"] = "0/1";
    return std::move(merged_);
  }

 private:
  bool read_summaries(const std::string& file, std::ifstream& in, const Header& h) {
    std::string line;
    for (size_t n = 2; std::getline(in, line); ++n) {
      if (line.empty()) continue;
      Json j = parse_line(line);
      if (j.is_discarded() || !j.is_object() || !j.contains("seed") || !j["seed"].is_number_unsigned() ||
          !j.contains("result")) {
        fmt::print(stderr, "{}{}:{}: expected one run summary (a JSON object with seed and result)\n", error_prefix(), file, n);
        return false;
      }
      const auto seed = j["seed"].get<uint64_t>();
      if (seed < h.range.first || seed > h.range.last || (seed - h.range.first) % h.shard.count != h.shard.index) {
        fmt::print(stderr, "{}{}:{}: seed {} is not in shard {}/{} of seeds {}..{}, as its header says\n", error_prefix(), file,
                   n, seed, h.shard.index, h.shard.count, h.range.first, h.range.last);
        return false;
      }
      if (!add(seed, std::move(j), Origin{file, n})) return false;
    }
    return true;
  }

  // A seed given twice (overlapping shards) counts once, if both runs agree.
  bool add(uint64_t seed, Json summary, const Origin& at) {
    const auto [it, inserted] = merged_.by_seed.try_emplace(seed, std::move(summary));
    if (inserted) {
      origin_[seed] = at;
      return true;
    }
    const Origin& was = origin_[seed];
    if (result_of(it->second) != result_of(summary)) {
      fmt::print(stderr, "{}{}:{}: seed {} has a different result from {}:{}; these are not runs of one sweep\n", error_prefix(),
                 at.file, at.line, seed, was.file, was.line);
      return false;
    }
    return true;
  }

  void report_missing(uint64_t declared) const {
    const uint64_t missing = declared - merged_.by_seed.size();
    std::string first_missing;
    int listed = 0;
    for (uint64_t s = first_.range.first; listed < 5 && s <= first_.range.last; ++s)
      if (merged_.by_seed.count(s) == 0) first_missing += fmt::format("{}{}", listed++ ? ", " : "", s);
    if (missing > 5) first_missing += ", ...";
    fmt::print(stderr, "{}{} of the {} seeds of {}..{} are missing (seeds {})", error_prefix(), missing, declared,
               first_.range.first, first_.range.last, first_missing);
    // Shards no file holds, when every file split the range the same way.
    const uint64_t n = shards_.begin()->first;
    if (shards_.rbegin()->first == n) {
      std::string absent;
      int named = 0;
      for (uint64_t k = 0; k < n && named <= 5; ++k)
        if (shards_.count({n, k}) == 0)
          absent += named++ == 5 ? ", ..." : fmt::format("{}{}/{}", absent.empty() ? "" : ", ", k, n);
      if (!absent.empty()) fmt::print(stderr, "; no file holds shard {}", absent);
      else fmt::print(stderr, "; a shard's file is incomplete (an interrupted sweep?)");
    }
    fmt::print(stderr, "\nA merge of part of a range is no verdict on it: merge every shard's --out file.\n");
  }

  std::string first_file_;
  Header first_;
  std::set<std::pair<uint64_t, uint64_t>> shards_;  // (N, K)
  std::map<uint64_t, Origin> origin_;
  MergedShards merged_;
};

}  // namespace

std::optional<MergedShards> read_shards(const std::vector<std::string>& files) {
  ShardReader reader;
  for (const auto& file : files)
    if (!reader.read(file)) return std::nullopt;
  return reader.finish();
}

}  // namespace consim::cli
