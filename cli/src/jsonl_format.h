#pragma once
// JSON Lines output for batch runs: one object per record, the key column first, then each output in declaration
// order: {"referral_id":"R1","urgency":"urgent","score":7,"flagged":true,"actions":["a","b"]}.
// A missing output is null; int and decimal outputs are numbers, bool outputs true/false, text lists arrays of
// strings, and everything else (text, code, date) a string as a CSV cell would hold it. The key is a string.
// Bytes that are not valid UTF-8 are written as U+FFFD, so every line is valid JSON.
#include <string>
#include <string_view>
#include <vector>

#include "waymark/runtime/batch.h"

namespace waymark::cli {

// Appends `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

class JsonlFormat final : public rt::RecordFormat {
public:
  JsonlFormat(const rt::Program& program, const std::string& key_column);
  void header(std::string&) const override {}
  void record(std::string_view key, const rt::Machine& machine, std::string& scratch,
              std::string& out) const override;

private:
  std::string key_prefix_;             // {"key":
  std::vector<std::string> prefixes_;  // per output: ,"name":
  std::vector<rt::ValueType> types_;   // per output
};

} // namespace waymark::cli
