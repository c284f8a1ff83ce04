// Test cases on the VM: the record from `given`, the checks of `expect`, values written as the language writes them.
#include "waymark/runtime/test_runner.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "waymark/runtime/code.h"
#include "waymark/runtime/date.h"

namespace waymark::rt {
namespace {

std::string shortest(double d) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(d);
}

std::string format_list(const std::vector<std::string> &items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quote_text(items[i]);
  return out + "]";
}

template <typename Number>
std::optional<Number> parse_number(std::string_view text) {
  Number value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A present scalar output value, in the form the comparison needs: the register for numbers, bools and dates,
// the bytes for text and codes.
struct Scalar {
  int64_t i = 0;
  double d = 0;
  std::string text;
};

// An expected value, read from its raw text in the output's type (a code normalised, an int read as a decimal
// for a decimal output), or nothing when the text does not read as that type (only in a foreign pack).
std::optional<Scalar> read_expected(BaseType type, const std::string &raw) {
  Scalar v;
  switch (type) {
  case BaseType::Bool:
    if (raw != "true" && raw != "false") return std::nullopt;
    v.i = raw == "true";
    return v;
  case BaseType::Int: {
    auto i = parse_number<int64_t>(raw);
    if (!i) return std::nullopt;
    v.i = *i;
    return v;
  }
  case BaseType::Decimal: {
    auto d = parse_number<double>(raw);
    if (!d) return std::nullopt;
    v.d = *d;
    return v;
  }
  case BaseType::Date: {
    auto days = parse_iso_date(raw);
    if (!days) return std::nullopt;
    v.i = *days;
    return v;
  }
  case BaseType::Text: v.text = raw; return v;
  case BaseType::Code: v.text = normalize_code(raw); return v;
  }
  return std::nullopt;
}

std::string format_scalar(BaseType type, const Scalar &v) {
  switch (type) {
  case BaseType::Bool: return v.i ? "true" : "false";
  case BaseType::Int: return std::to_string(v.i);
  case BaseType::Decimal: return shortest(v.d);
  case BaseType::Date: return "@" + format_iso_date(static_cast<int32_t>(v.i));
  case BaseType::Text:
  case BaseType::Code: return quote_text(v.text);
  }
  return "?";
}

bool scalar_equals(BaseType type, const Scalar &want, const Reg &got) {
  switch (type) {
  case BaseType::Bool: return (got.i != 0) == (want.i != 0);
  case BaseType::Int:
  case BaseType::Date: return got.i == want.i;
  case BaseType::Decimal: return got.d == want.d;
  case BaseType::Text:
  case BaseType::Code: return got.s.view() == want.text;
  }
  return false;
}

std::optional<uint32_t> output_named(const Program &program, const std::string &name) {
  for (uint32_t o = 0; o < program.outputs.size(); ++o)
    if (program.str(program.outputs[o].name) == name) return o;
  return std::nullopt;
}

std::optional<uint32_t> rule_named(const Program &program, const std::string &name) {
  for (uint32_t r = 0; r < program.rules.size(); ++r)
    if (program.str(program.rules[r].name) == name) return r;
  return std::nullopt;
}

// The expected value of an `OUTPUT = ...` line as the language writes it, in the output's type.
std::string format_expected_value(const Program &program, const TestExpectation &x, const OutputInfo *output) {
  std::vector<std::string> raw;
  for (StringId v : x.values) raw.push_back(program.str(v));
  if (x.list || (output && output->type.list)) return format_list(raw);
  const std::string &text = raw.empty() ? program.str(0) : raw.front();
  if (!output) return text;
  auto value = read_expected(output->type.base, text);
  return value ? format_scalar(output->type.base, *value) : text;
}

// Checks expectations against the machine's evaluation, or against nothing when the record was rejected.
class Checker {
public:
  Checker(const Program &program, const Machine &machine, TestOutcome &outcome, bool evaluated)
      : program_(program), machine_(machine), outcome_(outcome), evaluated_(evaluated) {}

  void check(uint32_t index, const TestExpectation &x) {
    const std::string &name = program_.str(x.name);
    const std::string expected = format_expectation(program_, x);
    switch (x.kind) {
    case ExpectKind::Value: return check_value(index, x, name, expected);
    case ExpectKind::Missing: {
      const std::string got = actual_output(name);
      if (got != "missing") fail(index, expected, got, "expected " + expected + ", got " + got);
      return;
    }
    case ExpectKind::Contains: {
      const std::string item = x.values.empty() ? std::string() : program_.str(x.values.front());
      auto o = output_named(program_, name);
      bool found = false;
      if (o && evaluated_ && program_.outputs[*o].type.list && machine_.output(*o).present)
        for (const Text &t : machine_.items(machine_.output(*o))) found |= t.view() == item;
      if (!found) fail(index, expected, actual_output(name), "expected " + expected + ", got " + actual_output(name));
      return;
    }
    case ExpectKind::Fired: {
      const char *state = to_string(state_of(name));
      if (state_of(name) != RuleState::Fired)
        fail(index, expected, state, "expected " + expected + ", but it is " + state);
      return;
    }
    case ExpectKind::NotFired:
      if (state_of(name) == RuleState::Fired) fail(index, expected, "fired", "expected " + expected + ", but it fired");
      return;
    case ExpectKind::Unknown: {
      const char *state = to_string(state_of(name));
      if (state_of(name) != RuleState::Unknown)
        fail(index, expected, state, "expected " + expected + ", but it is " + state);
      return;
    }
    }
  }

private:
  void check_value(uint32_t index, const TestExpectation &x, const std::string &name, const std::string &expected) {
    auto o = output_named(program_, name);
    if (!o) {
      fail(index, expected, "no such output", "expected " + name + ": no such output");
      return;
    }
    const OutputInfo &output = program_.outputs[*o];
    const std::string got = actual_output(name);
    const std::string sentence = "expected " + expected + ", got " + got;
    const bool present = evaluated_ && machine_.output(*o).present;
    if (x.list && !output.type.list) { // a list expected of a one-value output never holds
      fail(index, expected, got, sentence);
      return;
    }
    if (output.type.list) {
      bool equal = present && machine_.items(machine_.output(*o)).size() == x.values.size();
      for (size_t i = 0; equal && i < x.values.size(); ++i)
        equal = machine_.items(machine_.output(*o))[i].view() == program_.str(x.values[i]);
      if (!equal) fail(index, expected, got, sentence);
      return;
    }
    const std::string &raw = x.values.empty() ? program_.str(0) : program_.str(x.values.front());
    auto want = read_expected(output.type.base, raw);
    if (!want) {
      fail(index, expected, got, sentence + " (the expected value does not read as " + to_string(output.type) + ")");
      return;
    }
    if (!present || !scalar_equals(output.type.base, *want, machine_.output(*o))) fail(index, expected, got, sentence);
  }

  std::string actual_output(const std::string &name) const {
    auto o = output_named(program_, name);
    return o ? outcome_.outputs[*o] : "missing";
  }

  RuleState state_of(const std::string &name) const {
    auto r = rule_named(program_, name);
    return r ? outcome_.rule_states[*r] : RuleState::NotEvaluated;
  }

  void fail(uint32_t index, const std::string &expected, const std::string &actual, std::string message) {
    outcome_.failures.push_back(FailedExpectation{index, expected, actual, std::move(message)});
  }

  const Program &program_;
  const Machine &machine_;
  TestOutcome &outcome_;
  bool evaluated_;
};

} // namespace

std::string quote_text(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    default: out += c; break;
    }
  }
  return out + "\"";
}

std::string format_output_value(const Machine &machine, uint32_t output) {
  const Reg &r = machine.output(output);
  if (!r.present) return "missing";
  const ValueType type = machine.program().outputs[output].type;
  if (type.list) {
    std::vector<std::string> items;
    for (const Text &t : machine.items(r)) items.emplace_back(t.view());
    return format_list(items);
  }
  Scalar v;
  v.i = r.i;
  if (type.base == BaseType::Decimal) v.d = r.d;
  if (type.base == BaseType::Text || type.base == BaseType::Code) v.text = std::string(r.s.view());
  return format_scalar(type.base, v);
}

std::string format_expectation(const Program &program, const TestExpectation &x) {
  const std::string &name = program.str(x.name);
  const std::string item = x.values.empty() ? std::string() : program.str(x.values.front());
  switch (x.kind) {
  case ExpectKind::Value: {
    auto o = output_named(program, name);
    return name + " = " + format_expected_value(program, x, o ? &program.outputs[*o] : nullptr);
  }
  case ExpectKind::Missing: return name + " is missing";
  case ExpectKind::Contains: return name + " contains " + quote_text(item);
  case ExpectKind::Fired: return "fired " + name;
  case ExpectKind::NotFired: return "not fired " + name;
  case ExpectKind::Unknown: return "unknown " + name;
  }
  return name;
}

TestOutcome run_test_case(const Program &program, const TestCaseInfo &test, Machine &machine) {
  TestOutcome outcome;
  // A column may feed several fields (one per module that reads it); a column given twice keeps its last value.
  outcome.record.resize(program.fields.size());
  for (uint32_t f = 0; f < program.fields.size(); ++f) {
    const std::string &column = program.str(program.fields[f].column);
    for (const TestGiven &given : test.given)
      if (program.str(given.column) == column)
        outcome.record[f] = given.missing ? std::string() : program.str(given.value);
  }
  std::vector<std::string_view> raw(outcome.record.begin(), outcome.record.end());
  std::string error;
  const bool evaluated = machine.read(raw, error);
  if (evaluated) {
    machine.evaluate();
    for (uint32_t o = 0; o < program.outputs.size(); ++o) outcome.outputs.push_back(format_output_value(machine, o));
    outcome.fired = machine.fired();
    for (uint32_t r = 0; r < program.rules.size(); ++r) outcome.rule_states.push_back(machine.rule_state(r));
    outcome.errors = machine.errors();
  } else {
    outcome.rejected = error.empty() ? std::string("the record does not read") : error;
    outcome.outputs.assign(program.outputs.size(), "missing");
    outcome.rule_states.assign(program.rules.size(), RuleState::NotEvaluated);
  }
  Checker checker(program, machine, outcome, evaluated);
  for (uint32_t i = 0; i < test.expect.size(); ++i) checker.check(i, test.expect[i]);
  return outcome;
}

} // namespace waymark::rt
