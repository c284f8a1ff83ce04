// waymark: the command-line front end.
#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Waymark: rules workbench for clinical pathways and activity coding"};
  app.name("waymark");
  app.set_version_flag("--version", std::string("waymark ") + WAYMARK_VERSION);
  app.require_subcommand(1);
  auto check = waymark::cli::add_check_command(app);
  auto run = waymark::cli::add_run_command(app);
  auto build = waymark::cli::add_build_command(app);
  auto inspect = waymark::cli::add_inspect_command(app);
  auto explain = waymark::cli::add_explain_command(app);
  auto diff = waymark::cli::add_diff_command(app);
  auto test = waymark::cli::add_test_command(app, waymark::cli::explain_test_failure);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2; // usage error: one status for every kind of bad command line
  }
  try {
    if (app.got_subcommand("check")) return check();
    if (app.got_subcommand("run")) return run();
    if (app.got_subcommand("build")) return build();
    if (app.got_subcommand("inspect")) return inspect();
    if (app.got_subcommand("explain")) return explain();
    if (app.got_subcommand("diff")) return diff();
    if (app.got_subcommand("test")) return test();
  } catch (const std::exception& e) {
    std::cerr << "waymark: internal error: " << e.what() << "\n";
    return 3;
  }
  return 2;
}
