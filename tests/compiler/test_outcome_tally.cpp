// Outcome counts of a batch run: records per value of each classification or urgency output, missing apart, merged
// across workers, and an output that takes too many values to be a category says so instead of growing.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "test_support.h"
#include "waymark/compiler/lowering.h"
#include "waymark/compiler/workspace.h"
#include "waymark/runtime/batch.h"

using namespace waymark;

namespace {

using testing::compile_text;

// The classification copies a text input, so the input decides how many distinct values it takes; the urgency is
// one of two; `note` has no role and is not counted.
const char* const kPathway = R"(pathway t.tally
input
  id: text key
  band: text optional
  score: int optional
end
output
  category: text for classification
  urgency: text one of ["urgent", "routine"] for urgency
  note: text
end
rule classified
  when band is present
  then
    classify band
    set note = band
  cite "test"
end
rule urgent
  when score >= 5
  then refer "urgent"
  cite "test"
end
rule routine
  when score < 5
  then refer "routine"
  cite "test"
end
)";

rt::RunStats run(const rt::Program& program, const std::string& input, unsigned threads) {
  std::istringstream in(input);
  rt::CsvSource source(in);
  std::string error;
  REQUIRE(source.open(error));
  std::vector<std::string> problems;
  rt::ColumnPlan plan = rt::plan_columns(program, source.header(), "", problems);
  REQUIRE(problems.empty());
  rt::CsvFormat format(program, plan.key_column);
  std::ostringstream out, errors;
  rt::RunOptions options;
  options.threads = threads;
  options.batch_rows = 7; // many batches, so two workers both count some
  return rt::run_batch(program, source, plan, format, out, errors, options);
}

} // namespace

TEST_CASE("outcome tally: records per value of the classification and urgency outputs, whatever the threads") {
  const rt::Program program = compile_text(kPathway);
  std::string input = "id,band,score\n";
  for (int i = 0; i < 100; ++i)
    input += "R" + std::to_string(i) + "," + (i % 10 == 0 ? "" : i % 3 == 0 ? "alpha" : "beta") + "," +
             (i % 4 == 0 ? "" : std::to_string(i % 9)) + "\n";
  for (unsigned threads : {1u, 2u}) {
    INFO("threads " << threads);
    const rt::RunStats stats = run(program, input, threads);
    REQUIRE(stats.outcomes.size() == 2);
    const rt::OutcomeCounts& category = stats.outcomes[0];
    CHECK(program.str(program.outputs[category.output].name) == "category");
    CHECK(category.missing == 10);
    REQUIRE(category.values.size() == 2);
    uint64_t alpha = 0, beta = 0, urgent = 0, routine = 0, no_score = 0;
    for (int i = 0; i < 100; ++i) {
      if (i % 10 != 0) ++(i % 3 == 0 ? alpha : beta);
      if (i % 4 == 0) ++no_score;
      else ++(i % 9 >= 5 ? urgent : routine);
    }
    for (const auto& v : category.values) CHECK(v.records == (v.value == "alpha" ? alpha : beta));
    const rt::OutcomeCounts& urgency = stats.outcomes[1];
    CHECK(program.str(program.outputs[urgency.output].name) == "urgency");
    CHECK(urgency.missing == no_score);
    for (const auto& v : urgency.values) CHECK(v.records == (v.value == "urgent" ? urgent : routine));
    CHECK_FALSE(category.overflowed);
  }
}

TEST_CASE("outcome tally: an output with more distinct values than a category can hold is marked, not grown") {
  const rt::Program program = compile_text(kPathway);
  std::string input = "id,band,score\n";
  const size_t distinct = rt::OutcomeTally::kMaxValues + 10;
  for (size_t i = 0; i < distinct; ++i) input += "R" + std::to_string(i) + ",band" + std::to_string(i) + ",1\n";
  for (unsigned threads : {1u, 2u}) {
    const rt::RunStats stats = run(program, input, threads);
    REQUIRE(stats.outcomes.size() == 2);
    CHECK(stats.outcomes[0].overflowed);
    CHECK(stats.outcomes[0].values.size() == rt::OutcomeTally::kMaxValues);
    CHECK_FALSE(stats.outcomes[1].overflowed);
  }
}
