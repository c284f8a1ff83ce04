#pragma once
// The Studio's data panel over a large CSV (issue: "open a CSV and browse it with a list clipper, so that a million
// rows scroll smoothly"): opening, evaluating every row, filtering by outcome, and the rows one frame of scrolling
// parses, over outpatient rows made by the generator (waymark_datagen, as waymark-gen-sus writes them).
#include <cstdint>
#include <string>

namespace waymark::bench {

// Generates `rows` outpatient rows into a temporary folder under `workdir`, runs `pathway` over them as the data
// panel does, and prints the markdown section. Returns 0; 1 when something did not work (said on stderr); 2 when
// the median frame's rows do not fit a 60 Hz frame.
int measure_data_panel(const std::string& pathway, uint64_t rows, const std::string& workdir);

} // namespace waymark::bench
