#pragma once
// Runs a program to completion and reports what /usr/bin/time -v would: wall time and peak resident memory.
//
// Peak memory comes from wait4()'s rusage. Linux carries the parent's peak into a child at exec, so the figure
// is only the child's own when the parent is small at the time: the benchmark runs its end-to-end children
// before it loads any records.
#include <string>
#include <vector>

namespace waymark::bench {

struct ChildResult {
  double seconds = 0;    // wall clock, spawn to exit
  long peak_rss_kib = 0; // ru_maxrss
  int exit_status = -1;  // the exit code, or 128 + signal
};

// `argv[0]` is the program's path. The child's standard output goes to `stdout_path` (its own messages
// must not mix with the report); standard error is shared. Throws std::runtime_error when it cannot start.
ChildResult run_child(const std::vector<std::string>& argv, const std::string& stdout_path);

// Peak resident memory of this process so far, in KiB.
long own_peak_rss_kib();

} // namespace waymark::bench
