#pragma once
// Instructions of one fragment, collected apart and appended to the program in one piece, so that a
// definition lowered on first use never lands in the middle of the fragment that uses it.
#include <cstdint>
#include <vector>

#include "waymark/runtime/program.h"

namespace waymark {

class FragmentBuilder {
public:
  using Label = uint32_t;

  uint32_t emit(rt::Instr instr, rt::SourceLocation where) {
    code_.push_back(instr);
    locations_.push_back(where);
    return static_cast<uint32_t>(code_.size() - 1);
  }
  Label new_label() {
    labels_.push_back(UINT32_MAX);
    return static_cast<Label>(labels_.size() - 1);
  }
  void bind(Label label) { labels_[label] = static_cast<uint32_t>(code_.size()); }
  // A jump whose target is a label, patched when the fragment is finished.
  void emit_jump(rt::OpCode op, uint16_t reg, Label target, rt::SourceLocation where) {
    jumps_.push_back({emit(rt::Instr::wide(op, reg, 0), where), target});
  }
  // Appends the fragment to the program and returns its index.
  uint32_t finish(rt::Program& program, rt::FragmentKind kind) {
    const auto base = static_cast<uint32_t>(program.code.size());
    for (const auto& [at, label] : jumps_) {
      rt::Instr& j = code_[at];
      j = rt::Instr::wide(j.op, j.a, base + labels_[label], j.x);
    }
    program.code.insert(program.code.end(), code_.begin(), code_.end());
    program.source_map.insert(program.source_map.end(), locations_.begin(), locations_.end());
    program.fragments.push_back(rt::Fragment{kind, base, static_cast<uint32_t>(program.code.size())});
    return static_cast<uint32_t>(program.fragments.size() - 1);
  }

private:
  struct Jump {
    uint32_t at;
    Label target;
  };
  std::vector<rt::Instr> code_;
  std::vector<rt::SourceLocation> locations_;
  std::vector<uint32_t> labels_;
  std::vector<Jump> jumps_;
};

} // namespace waymark
