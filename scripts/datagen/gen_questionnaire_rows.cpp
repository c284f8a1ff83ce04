// waymark-gen-questionnaire: writes synthetic questionnaire rows as CSV for the CES triage, STarT Back and
// first-contact pathways (see questionnaire_rows.h). The same --form and --seed always write the same file.
//
// The sample data under pathways/data was written with (from the repository root, after a build):
//   build/bin/waymark-gen-questionnaire --form ces --rows 200 --seed 7 -o pathways/data/ces_triage.csv
//   build/bin/waymark-gen-questionnaire --form startback --rows 200 --seed 23 -o pathways/data/startback.csv
//   build/bin/waymark-gen-questionnaire --form first_contact --rows 200 --seed 7 -o pathways/data/first_contact.csv
// Each file has a few rows that `waymark run` rejects on purpose, to show rejected rows being listed: a bool
// that is not one of yes/no, true/false, agree/disagree, 1/0 (such as "perhaps", " yes" with a leading space,
// "y"), a STarT Back item 9 answer outside its five values ("Very much" with a capital V, "quite a lot"), or an
// age that is not a whole number ("forty", "42.5").
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "questionnaire_rows.h"

namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes synthetic questionnaire rows (CSV) for the CES triage, STarT Back and first-contact pathways"};
  std::string form_name;
  uint64_t rows = 0;
  uint64_t seed = 1;
  std::string output = "-";
  app.add_option("--form", form_name,
                 "ces: the 7 CES triage questions; startback: the 9 STarT Back items; first_contact: age, both of "
                 "those and the serious-pathology red flags")
      ->required()
      ->check(CLI::IsMember({"ces", "startback", "first_contact"}));
  app.add_option("--rows", rows, "Number of rows to write")->required();
  app.add_option("--seed", seed, "Seed of the random sequence (the same seed writes the same rows)");
  app.add_option("--output,-o", output, "File to write, or - for standard output");
  CLI11_PARSE(app, argc, argv);
  const auto form = waymark::datagen::questionnaire_form(form_name);
  if (!form) return 2; // CLI::IsMember has already refused it

  std::unique_ptr<std::FILE, FileCloser> file;
  std::FILE* out = stdout;
  if (output != "-") {
    file.reset(std::fopen(output.c_str(), "wb"));
    if (!file) {
      std::fprintf(stderr, "waymark-gen-questionnaire: cannot open %s: %s\n", output.c_str(), std::strerror(errno));
      return 1;
    }
    out = file.get();
  }
  if (!waymark::datagen::write_questionnaire_csv(out, *form, rows, seed) ||
      (file && std::fclose(file.release()) != 0)) {
    std::fprintf(stderr, "waymark-gen-questionnaire: cannot write %s: %s\n", output.c_str(), std::strerror(errno));
    return 1;
  }
  return 0;
}
