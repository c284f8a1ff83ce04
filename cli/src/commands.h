#pragma once
// Each subcommand registers its options on the CLI11 app and runs when chosen.
#include <CLI/CLI.hpp>
#include <functional>

namespace waymark::cli {

// Returns the action to run if the subcommand is chosen; it yields the process exit status.
std::function<int()> add_check_command(CLI::App& app);

} // namespace waymark::cli
