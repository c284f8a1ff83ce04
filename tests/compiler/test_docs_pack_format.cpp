// docs/pack-format.md stays true: its instruction table lists every opcode of opcodes.h, by number, name and
// operand kinds, in order.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "test_support.h"
#include "waymark/runtime/opcodes.h"

namespace {

const char* operand_name(waymark::rt::Operand kind) {
  using waymark::rt::Operand;
  switch (kind) {
  case Operand::None: return "";
  case Operand::RBool: return "RBool";
  case Operand::RInt: return "RInt";
  case Operand::RDec: return "RDec";
  case Operand::RText: return "RText";
  case Operand::RList: return "RList";
  case Operand::RAny: return "RAny";
  case Operand::WBool: return "WBool";
  case Operand::WInt: return "WInt";
  case Operand::WDec: return "WDec";
  case Operand::WText: return "WText";
  case Operand::WAny: return "WAny";
  case Operand::Const: return "Const";
  case Operand::Field: return "Field";
  case Operand::Define: return "Define";
  case Operand::Output: return "Output";
  case Operand::Target: return "Target";
  case Operand::CodeSet: return "CodeSet";
  case Operand::TextSet: return "TextSet";
  case Operand::Like: return "Like";
  case Operand::LikeGroup: return "LikeGroup";
  case Operand::Bit: return "Bit";
  }
  return "?";
}

} // namespace

TEST_CASE("docs: the pack format's instruction table matches opcodes.h", "[docs]") {
  const std::string doc =
      waymark::testing::read_file((std::filesystem::path(WAYMARK_SOURCE_DIR) / "docs" / "pack-format.md").string());
  std::istringstream lines(doc);
  std::vector<std::string> rows;
  bool in_table = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| # | op |", 0) == 0) in_table = true;
    else if (in_table && line.rfind("|", 0) != 0) break;
    else if (in_table && line.rfind("|--", 0) != 0) rows.push_back(line);
  }
  REQUIRE(rows.size() == size_t{waymark::rt::kOpCount});
  for (uint8_t op = 0; op < waymark::rt::kOpCount; ++op) {
    const auto& info = waymark::rt::kOpInfo[op];
    std::string b = operand_name(info.b);
    if (info.bc && !b.empty()) b += " (`bc`)";
    const std::string expected = "| " + std::to_string(op) + " | `" + info.name + "` | " + operand_name(info.a) + " | " +
                                 b + " | " + operand_name(info.c) + " | ";
    INFO("docs/pack-format.md row for opcode " << int(op));
    CHECK(rows[op].rfind(expected, 0) == 0);
  }
}
