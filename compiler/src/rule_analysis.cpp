// The checks on rules that need their conditions as logic: never fires, shadowed, overlapping.
#include "rule_analysis.h"

#include <algorithm>

#include "condition_logic.h"

namespace waymark {
namespace {

using detail::Conjunction;
using detail::Dnf;

class Analyser {
public:
  Analyser(Workspace& ws, uint32_t fi) : ws_(ws), fi_(fi), logic_(ws) {}

  void run() {
    const ast::File& f = *ws_.file(fi_).ast;
    std::vector<std::optional<Dnf>> dnfs(f.rules.size());
    for (size_t r = 0; r < f.rules.size(); ++r) {
      const ast::Rule& rule = f.rules[r];
      if (!rule.has_when || !info(fi_, rule.when).ok()) continue;
      dnfs[r] = logic_.when_true(fi_, rule.when);
      if (dnfs[r] && !logic_.can_be_true(*dnfs[r]))
        warning(rule.span, "rule '" + rule.name + "' can never fire: no input values make its condition true");
    }
    for (const auto& group : f.groups) {
      if (group.policy == ast::Policy::First) check_first(f, group, dnfs);
      if (group.policy == ast::Policy::Unique) check_unique(f, group, dnfs);
    }
  }

private:
  const ExprInfo& info(uint32_t fi, ast::ExprId id) const { return ws_.file(fi).infos[id.index]; }
  void warning(Span s, std::string m) { ws_.diagnostics().warning(*ws_.file(fi_).source, s, std::move(m)); }
  void error(Span s, std::string m) { ws_.diagnostics().error(*ws_.file(fi_).source, s, std::move(m)); }

  void check_first(const ast::File& f, const ast::Group& g, const std::vector<std::optional<Dnf>>& dnfs) {
    // Evaluation order: higher priority first, then source order.
    std::vector<uint32_t> order = g.rules;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return f.rules[a].priority.value_or(0) > f.rules[b].priority.value_or(0);
    });
    for (size_t i = 0; i < order.size(); ++i) {
      const auto& d = dnfs[order[i]];
      bool always_true = d && std::any_of(d->begin(), d->end(), [](const Conjunction& c) { return c.empty(); });
      if (!always_true) continue;
      const ast::Rule& first = f.rules[order[i]];
      for (size_t j = i + 1; j < order.size(); ++j) {
        const ast::Rule& later = f.rules[order[j]];
        warning(later.span, "rule '" + later.name + "' can never fire: rule '" + first.name + "', evaluated before it in " +
                                "first-match group '" + g.name + "', always matches");
      }
      return;
    }
  }

  void check_unique(const ast::File& f, const ast::Group& g, const std::vector<std::optional<Dnf>>& dnfs) {
    for (size_t i = 0; i < g.rules.size(); ++i)
      for (size_t j = i + 1; j < g.rules.size(); ++j) {
        const auto& a = dnfs[g.rules[i]];
        const auto& b = dnfs[g.rules[j]];
        const ast::Rule& ra = f.rules[g.rules[i]];
        const ast::Rule& rb = f.rules[g.rules[j]];
        if (!a || !b) {
          if (a || b || (f.rules[g.rules[i]].has_when && f.rules[g.rules[j]].has_when))
            warning(rb.span, "cannot tell whether rules '" + ra.name + "' and '" + rb.name + "' can both match in unique group '" + g.name + "'");
          continue;
        }
        bool proven = false, possible = false;
        for (const auto& x : *a)
          for (const auto& y : *b) {
            Conjunction c = x;
            c.insert(c.end(), y.begin(), y.end());
            auto s = logic_.satisfiable(c);
            if (s == std::optional<bool>(false)) continue;
            possible = true;
            proven |= s == std::optional<bool>(true) && logic_.inputs_only(c);
          }
        if (proven)
          error(rb.span, "rules '" + ra.name + "' and '" + rb.name + "' can both match, but group '" + g.name + "' has hit policy unique");
        else if (possible)
          warning(rb.span, "rules '" + ra.name + "' and '" + rb.name + "' may both match in unique group '" + g.name +
                               "'; make their conditions exclusive");
      }
  }

  Workspace& ws_;
  uint32_t fi_;
  detail::ConditionLogic logic_;
};

} // namespace

void analyse_rules(Workspace& workspace, uint32_t file_index) { Analyser(workspace, file_index).run(); }

} // namespace waymark
