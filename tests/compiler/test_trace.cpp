// The VM's trace: attaching one changes no result, and it records what the evaluation did, step by step.
#include <catch2/catch.hpp>

#include <filesystem>

#include "test_support.h"
#include "vm_outcome.h"
#include "waymark/compiler/lowering.h"
#include "waymark/runtime/machine.h"
#include "waymark/runtime/trace.h"

namespace fs = std::filesystem;
using waymark::rt::TraceEventKind;

namespace {

using waymark::testing::compile_text;

const char* const kPathway = R"(pathway t.trace
input
  age: int optional
  smoker: bool optional
end
output
  risk: text
end
rule high "High risk"
  when age > 60 and smoker
  then set risk = "high"
  cite "c"
end
rule unknown_age
  when age is missing
  then set risk = "unknown"
  cite "c"
end
)";

} // namespace

TEST_CASE("trace: rules entered, values written, outputs offered and final states, in order", "[trace]") {
  const auto program = compile_text(kPathway);
  waymark::rt::Machine vm(program);
  waymark::rt::Trace trace;
  vm.set_trace(&trace);
  const std::vector<std::string_view> raw = {"72", "yes"};
  std::string error;
  REQUIRE(vm.read(raw, error));
  vm.evaluate();

  REQUIRE_FALSE(trace.events.empty());
  CHECK(trace.events.front().kind == TraceEventKind::RuleEntered);
  CHECK(trace.events.front().rule == 0);
  // The age was read as 72, and the comparison with 60 came out true.
  bool read_age = false, compared = false, offered = false;
  for (const auto& e : trace.events) {
    if (e.kind == TraceEventKind::Value && program.code[e.pc].op == waymark::rt::OpCode::FIELD && e.value.present &&
        e.value.i == 72)
      read_age = true;
    if (e.kind == TraceEventKind::Value && program.code[e.pc].op == waymark::rt::OpCode::CMPI) compared = e.value.i == 1;
    if (e.kind == TraceEventKind::Output) offered = e.rule == 0 && std::string(e.value.s.view()) == "high";
  }
  CHECK(read_age);
  CHECK(compared);
  CHECK(offered);
  // Each rule's final state ends the trace of its group, as the machine reports it.
  std::vector<waymark::rt::RuleState> done;
  for (const auto& e : trace.events)
    if (e.kind == TraceEventKind::RuleDone) done.push_back(e.state);
  REQUIRE(done.size() == 2);
  CHECK(done[0] == waymark::rt::RuleState::Fired);
  CHECK(done[1] == waymark::rt::RuleState::NotFired);

  vm.set_trace(nullptr);
  trace.events.clear();
  REQUIRE(vm.read(raw, error));
  vm.evaluate();
  CHECK(trace.events.empty());
}

TEST_CASE("trace: tracing changes no outcome of any test case in pathways/", "[trace]") {
  std::string error;
  size_t compared = 0;
  for (const auto& path : waymark::expand_source_paths((fs::path(WAYMARK_SOURCE_DIR) / "pathways").string(), error)) {
    waymark::Diagnostics diagnostics;
    waymark::Workspace workspace(diagnostics);
    auto index = workspace.load(path);
    REQUIRE(index);
    if (workspace.file(*index).ast->tests.empty()) continue;
    auto program = waymark::lower_pathway(workspace, *index);
    REQUIRE(program);
    for (const auto& test : workspace.file(*index).ast->tests) {
      const auto record = waymark::reference::record_of_test(workspace, *index, test);
      const auto plain = waymark::reference::evaluate_on_vm(*program, record);
      const auto traced = waymark::reference::evaluate_on_vm(*program, record, true);
      INFO(path << ": " << test.name);
      CHECK(waymark::reference::differences(plain, traced) == "");
      ++compared;
    }
  }
  CHECK(compared >= 50);
}
