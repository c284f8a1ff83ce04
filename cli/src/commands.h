#pragma once
// Each subcommand registers its options on the CLI11 app and runs when chosen.
#include <CLI/CLI.hpp>
#include <functional>

namespace waymark::cli {

// Returns the action to run if the subcommand is chosen; it yields the process exit status.
std::function<int()> add_check_command(CLI::App& app);
// `waymark run PACK|SRC --input IN --output OUT`: a batch run over CSV or JSON Lines.
std::function<int()> add_run_command(CLI::App& app);
// `waymark build SRC... -o PACK`: compile sources into rule packs.
std::function<int()> add_build_command(CLI::App& app);
// `waymark inspect PACK [--code]`: header, schema, rules, sizes and (optionally) the disassembled bytecode.
std::function<int()> add_inspect_command(CLI::App& app);

} // namespace waymark::cli
