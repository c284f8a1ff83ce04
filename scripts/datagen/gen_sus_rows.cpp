// waymark-gen-sus: writes synthetic SUS rows as CSV, for the EBI coding rules' tests, samples and benchmarks. The same
// --kind and --seed always write the same file.
//
//   waymark-gen-sus --rows 5000000 --seed 7 --output rows.csv      outpatient records (low back pain imaging)
//   waymark-gen-sus --rows 400 --seed 20240901 --output pathways/data/ebi_outpatients.csv   the bundled sample
//   waymark-gen-sus --kind admitted --rows 300 --seed 20240901 --output pathways/data/ebi_admissions.csv
//                                                                  admitted patient care spells (appendicectomy,
//                                                                  arthroscopic surgery for meniscal tears)
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "apc_spells.h"
#include "sus_rows.h"

namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes synthetic SUS rows (CSV) for the EBI coding rules"};
  uint64_t rows = 0;
  uint64_t seed = 1;
  std::string kind = "outpatient";
  std::string output = "-";
  app.add_option("--kind", kind,
                 "outpatient: outpatient records for the low back pain imaging rule (the default); admitted: admitted "
                 "patient care spells for the appendicectomy and meniscal arthroscopy rules")
      ->check(CLI::IsMember({"outpatient", "admitted"}));
  app.add_option("--rows", rows, "Number of rows to write")->required();
  app.add_option("--seed", seed, "Seed of the random sequence (the same seed writes the same rows)");
  app.add_option("--output,-o", output, "File to write, or - for standard output");
  CLI11_PARSE(app, argc, argv);

  std::unique_ptr<std::FILE, FileCloser> file;
  std::FILE* out = stdout;
  if (output != "-") {
    file.reset(std::fopen(output.c_str(), "wb"));
    if (!file) {
      std::fprintf(stderr, "waymark-gen-sus: cannot open %s: %s\n", output.c_str(), std::strerror(errno));
      return 1;
    }
    out = file.get();
  }
  bool written = kind == "admitted" ? waymark::datagen::write_apc_csv(out, rows, seed)
                                    : waymark::datagen::write_sus_csv(out, rows, seed);
  if (!written) {
    std::fprintf(stderr, "waymark-gen-sus: cannot write %s: %s\n", output.c_str(), std::strerror(errno));
    return 1;
  }
  if (file && std::fclose(file.release()) != 0) {
    std::fprintf(stderr, "waymark-gen-sus: cannot write %s: %s\n", output.c_str(), std::strerror(errno));
    return 1;
  }
  return 0;
}
