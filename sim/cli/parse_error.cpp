#include "sim/cli/parse_error.h"

#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "scenarios/json_reader.h"
#include "sim/cli/commands.h"

namespace consim::cli {
namespace {

std::vector<CLI::App*> subcommands_of(CLI::App& app) {
  return app.get_subcommands([](CLI::App*) { return true; });
}

CLI::App* subcommand_named(CLI::App& app, std::string_view name) {
  for (CLI::App* sub : subcommands_of(app))
    if (sub->get_name() == name) return sub;
  return nullptr;
}

// "--seed", "--bug", ... : every long option of the subcommand, and --help.
std::vector<std::string> option_names(const CLI::App& sub) {
  std::vector<std::string> names{"--help"};
  for (const CLI::Option* opt : sub.get_options())
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
  return names;
}

// The first argument that looks like an option the subcommand lacks, and its nearest known option.
std::string unknown_option(const CLI::App& sub, int argc, char** argv) {
  const auto names = option_names(sub);
  const std::vector<std::string_view> known(names.begin(), names.end());
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (!arg.starts_with("--")) continue;
    const std::string_view flag = arg.substr(0, arg.find('='));
    if (std::find(known.begin(), known.end(), flag) != known.end()) continue;
    const auto nearest = nearest_name(flag, known);
    return fmt::format("unknown option {}{}", flag, nearest ? fmt::format(" (did you mean {}?)", *nearest) : "");
  }
  return {};
}

}  // namespace

int report_parse_error(CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
  if (argc < 2) {  // a bare `consim`: what it can do
    std::cout << app.help();
    return kExitBadInput;
  }
  const std::string_view first = argv[1];
  const bool names_subcommand = !first.starts_with("-");
  CLI::App* sub = names_subcommand ? subcommand_named(app, first) : nullptr;
  if (names_subcommand && !sub) {
    std::vector<std::string> names;
    for (CLI::App* s : subcommands_of(app)) names.push_back(s->get_name());
    const std::vector<std::string_view> known(names.begin(), names.end());
    fmt::print(stderr, "error: unknown subcommand \"{}\"{}; the subcommands: {}\nRun `consim --help` for what each does.\n",
               first, did_you_mean(first, known), fmt::join(names, ", "));
    return kExitBadInput;
  }
  const std::string where = sub ? fmt::format("consim {}", sub->get_name()) : "consim";
  // An option the subcommand lacks is the likeliest cause whatever CLI11 stumbled on first.
  std::string what = sub ? unknown_option(*sub, argc, argv) : "";
  if (what.empty()) what = e.what();
  fmt::print(stderr, "error: {}: {}\nRun `{} --help` for the options.\n", where, what, where);
  return kExitBadInput;
}

namespace {

std::string& running_subcommand() {
  static std::string name;
  return name;
}

}  // namespace

void track_subcommands(CLI::App& app) {
  for (CLI::App* sub : subcommands_of(app))
    sub->preparse_callback([sub](size_t) { running_subcommand() = sub->get_name(); });
}

std::string error_prefix() {
  return running_subcommand().empty() ? "error: " : fmt::format("error: consim {}: ", running_subcommand());
}

}  // namespace consim::cli
