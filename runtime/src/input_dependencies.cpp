#include "input_dependencies.h"

#include <algorithm>
#include <iterator>

namespace waymark::rt {
namespace {

// `into` and `more` ascending and distinct; `into` stays so.
void merge_into(std::vector<uint32_t>& into, const std::vector<uint32_t>& more) {
  std::vector<uint32_t> merged;
  merged.reserve(into.size() + more.size());
  std::set_union(into.begin(), into.end(), more.begin(), more.end(), std::back_inserter(merged));
  into = std::move(merged);
}

void sort_distinct(std::vector<uint32_t>& fields) {
  std::sort(fields.begin(), fields.end());
  fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
}

} // namespace

InputDependencies::InputDependencies(const Program& p)
    : p_(p), state_(p.defines.size(), State::Unvisited), fields_(p.defines.size()) {}

bool InputDependencies::reads_field(const Instr& in, uint32_t& field) const {
  if (in.op == OpCode::FIELD) field = in.bc();
  else if (in.op == OpCode::LIKEG && in.b < p_.like_groups.size()) field = p_.like_groups[in.b].field;
  else return false;
  return field < p_.fields.size();
}

std::vector<uint32_t> InputDependencies::of_code(std::span<const uint32_t> pcs) {
  std::vector<uint32_t> out;
  for (uint32_t pc : pcs) {
    if (pc >= p_.code.size()) continue;
    const Instr& in = p_.code[pc];
    uint32_t field = 0;
    if (reads_field(in, field)) out.push_back(field);
  }
  sort_distinct(out);
  for (uint32_t pc : pcs)
    if (pc < p_.code.size() && p_.code[pc].op == OpCode::DEFINE && p_.code[pc].bc() < p_.defines.size())
      merge_into(out, of_define(p_.code[pc].bc()));
  return out;
}

// Depth first with an explicit stack, as the verifier walks definitions: a long chain of definitions must not
// overflow the real one. A definition is finished once every definition it uses is (a cycle, which the verifier
// refuses, is cut where it closes).
const std::vector<uint32_t>& InputDependencies::of_define(uint32_t root) {
  std::vector<uint32_t> stack{root};
  while (!stack.empty()) {
    const uint32_t d = stack.back();
    const Fragment& f = p_.fragments[p_.defines[d].fragment];
    if (state_[d] == State::Done) {
      stack.pop_back();
    } else if (state_[d] == State::Unvisited) { // first the definitions it uses
      state_[d] = State::OnPath;
      for (uint32_t pc = f.begin; pc < f.end; ++pc) {
        const Instr& in = p_.code[pc];
        if (in.op == OpCode::DEFINE && in.bc() < p_.defines.size() && state_[in.bc()] == State::Unvisited)
          stack.push_back(in.bc());
      }
    } else { // then itself
      std::vector<uint32_t> pcs;
      for (uint32_t pc = f.begin; pc < f.end; ++pc)
        if (p_.code[pc].op != OpCode::DEFINE || state_[p_.code[pc].bc()] == State::Done) pcs.push_back(pc);
      fields_[d] = of_code(pcs);
      state_[d] = State::Done;
      stack.pop_back();
    }
  }
  return fields_[root];
}

} // namespace waymark::rt
