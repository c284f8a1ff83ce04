// Walks the ANTLR parse tree and builds the ast:: tree of plain C++ types.
#include "ast_builder.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "syntax_errors.h"
#include "waymark/compiler/parser.h"
#include "waymark/runtime/date.h"

namespace waymark::detail {
namespace {

using P = waymark_generated::WaymarkParser;

Span node_span(antlr4::ParserRuleContext* ctx) {
  if (!ctx || !ctx->getStart()) return Span{};
  Span span = token_span(ctx->getStart());
  antlr4::Token* stop = ctx->getStop();
  if (stop && stop->getStopIndex() >= ctx->getStart()->getStartIndex()) {
    // ANTLR indexes characters (code points), as columns count them.
    const auto bytes = static_cast<uint32_t>(stop->getStopIndex() - ctx->getStart()->getStartIndex() + 1);
    if (stop->getLine() == ctx->getStart()->getLine()) span.length = bytes;
    span.extent = bytes;
  }
  return span;
}

Span node_span(antlr4::tree::TerminalNode* node) { return node ? token_span(node->getSymbol()) : Span{}; }

// Walks a parse tree that parsed without errors. It still checks every pointer: a grammar change
// must turn into a diagnostic, never a crash.
class Builder {
public:
  Builder(const SourceFile& source, Diagnostics& diagnostics) : source_(source), diagnostics_(diagnostics) {
    file_.source = &source;
    file_.groups.push_back(ast::Group{"rules", "", Span{}, ast::Policy::All, true, {}});
  }

  ast::File build(P::FileContext* ctx) {
    bool first = true;
    for (auto* item : ctx->item()) {
      if (auto* h = item->header()) {
        if (!first && !file_.header) error(node_span(h->qualifiedName()), "the `pathway` or `module` header must come first in the file");
        header(h);
      }
      else if (auto* i = item->importDecl()) import(i);
      else if (auto* b = item->inputBlock()) for (auto* f : b->fieldDecl()) field(f);
      else if (auto* b = item->outputBlock()) for (auto* o : b->outputDecl()) output(o);
      else if (auto* c = item->codesetDecl()) codeset(c);
      else if (auto* d = item->defineDecl()) define(d);
      else if (auto* g = item->groupDecl()) group(g);
      else if (auto* r = item->ruleDecl()) rule(r, 0);
      else if (auto* t = item->testDecl()) test(t);
      first = false;
    }
    return std::move(file_);
  }

  bool failed() const { return failed_; }

private:
  void error(Span span, std::string message) {
    diagnostics_.error(source_, span, std::move(message));
    failed_ = true;
  }

  std::string name(P::NameContext* ctx) {
    if (!ctx) return "";
    std::string text = ctx->getText();
    if (ctx->QUOTED_IDENT()) text = text.substr(1, text.size() - 2);
    return text;
  }

  std::string string_value(antlr4::tree::TerminalNode* node) {
    if (!node) return "";
    const std::string& raw = node->getText();
    std::string out;
    for (size_t i = 1; i + 1 < raw.size(); ++i) {
      if (raw[i] != '\\') {
        out += raw[i];
        continue;
      }
      char c = raw[++i];
      switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '\\': case '"': case '\'': out += c; break;
      default: {
        Span span = node_span(node);
        span.column += static_cast<uint32_t>(i - 1);
        span.length = 2;
        error(span, std::string("unknown escape '\\") + c + "' in string (use \\\\, \\\", \\', \\n or \\t)");
      }
      }
    }
    return out;
  }

  void header(P::HeaderContext* ctx) {
    if (file_.header) {
      error(node_span(ctx->qualifiedName()), "a file has one header; this is a second `pathway` or `module`");
      return;
    }
    ast::Header h;
    h.is_module = ctx->MODULE() != nullptr;
    h.span = node_span(ctx->qualifiedName());
    for (auto* part : ctx->qualifiedName()->name()) h.name += (h.name.empty() ? "" : ".") + name(part);
    for (auto* prop : ctx->headerProperty()) {
      if (auto* v = dynamic_cast<P::VersionPropertyContext*>(prop)) h.version = string_value(v->STRING());
      else if (auto* t = dynamic_cast<P::TitlePropertyContext*>(prop)) h.title = string_value(t->STRING());
      else if (auto* d = dynamic_cast<P::DescriptionPropertyContext*>(prop)) h.description = string_value(d->STRING());
      else if (auto* i = dynamic_cast<P::ImplementsPropertyContext*>(prop)) h.implements.push_back(string_value(i->STRING()));
      else if (auto* c = dynamic_cast<P::CoveragePropertyContext*>(prop))
        h.coverage.push_back({integer(c->INT_LIT()), node_span(c)});
    }
    file_.header = std::move(h);
  }

  void import(P::ImportDeclContext* ctx) {
    ast::Import i;
    i.path = string_value(ctx->STRING());
    i.alias = name(ctx->name());
    i.span = node_span(ctx);
    i.path_span = node_span(ctx->STRING());
    i.alias_span = node_span(ctx->name());
    file_.imports.push_back(std::move(i));
  }

  rt::ValueType type(P::TypeSpecContext* ctx) {
    rt::ValueType t{rt::BaseType::Text, false};
    if (!ctx || !ctx->baseType()) return t;
    auto* b = ctx->baseType();
    if (b->BOOL()) t.base = rt::BaseType::Bool;
    else if (b->INT()) t.base = rt::BaseType::Int;
    else if (b->DECIMAL()) t.base = rt::BaseType::Decimal;
    else if (b->TEXT()) t.base = rt::BaseType::Text;
    else if (b->DATE()) t.base = rt::BaseType::Date;
    else if (b->CODE()) t.base = rt::BaseType::Code;
    t.list = ctx->LIST() != nullptr;
    return t;
  }

  std::vector<ast::ExprId> literal_list(P::ListLiteralContext* ctx) {
    std::vector<ast::ExprId> out;
    if (!ctx) return out;
    for (auto* e : ctx->expr()) out.push_back(expr(e));
    return out;
  }

  void field(P::FieldDeclContext* ctx) {
    ast::Field f;
    f.name = name(ctx->name());
    f.span = node_span(ctx->name());
    f.type = type(ctx->typeSpec());
    f.type_span = node_span(ctx->typeSpec());
    f.column = f.name;
    f.column_span = f.span;
    for (auto* option : ctx->fieldOption()) {
      if (dynamic_cast<P::RequiredOptionContext*>(option)) {
        if (f.required) error(node_span(option), "'required' is given twice");
        f.required = true;
      } else if (dynamic_cast<P::OptionalOptionContext*>(option)) {
        if (f.optional) error(node_span(option), "'optional' is given twice");
        f.optional = true;
      } else if (dynamic_cast<P::KeyOptionContext*>(option)) {
        f.key = true;
      } else if (auto* from = dynamic_cast<P::FromOptionContext*>(option)) {
        if (f.has_from) error(node_span(option), "'from' is given twice");
        f.has_from = true;
        f.column = string_value(from->STRING());
        f.column_span = node_span(from->STRING());
      } else if (auto* label = dynamic_cast<P::LabelOptionContext*>(option)) {
        f.label = string_value(label->STRING());
      } else if (auto* one_of = dynamic_cast<P::OneOfOptionContext*>(option)) {
        f.one_of = literal_list(one_of->listLiteral());
        if (f.one_of.empty()) error(node_span(option), "`one of` needs at least one value");
        f.one_of_span = node_span(option);
      } else if (auto* delimited = dynamic_cast<P::DelimitedOptionContext*>(option)) {
        for (auto* s : delimited->STRING()) f.delimiters.push_back(string_value(s));
        f.delimiters_span = node_span(option);
      }
    }
    file_.fields.push_back(std::move(f));
  }

  void output(P::OutputDeclContext* ctx) {
    ast::Output o;
    o.name = name(ctx->name());
    o.span = node_span(ctx->name());
    o.type = type(ctx->typeSpec());
    for (auto* option : ctx->outputOption()) {
      if (auto* role = dynamic_cast<P::RoleOptionContext*>(option)) {
        o.role = name(role->name());
        o.role_span = node_span(role->name());
      } else if (auto* label = dynamic_cast<P::OutputLabelOptionContext*>(option)) {
        o.label = string_value(label->STRING());
      } else if (auto* one_of = dynamic_cast<P::OutputOneOfOptionContext*>(option)) {
        o.one_of = literal_list(one_of->listLiteral());
        if (o.one_of.empty()) error(node_span(option), "`one of` needs at least one value");
      }
    }
    file_.outputs.push_back(std::move(o));
  }

  void codeset(P::CodesetDeclContext* ctx) {
    ast::Codeset c;
    c.name = name(ctx->name());
    c.span = node_span(ctx->name());
    c.label = string_value(ctx->STRING());
    for (auto* entry : ctx->codeEntry()) {
      auto strings = entry->STRING();
      if (strings.empty()) continue;
      ast::CodeEntry e;
      e.low = string_value(strings[0]);
      e.span = node_span(strings[0]);
      if (strings.size() > 1) {
        e.is_range = true;
        e.high = string_value(strings[1]);
        e.high_span = node_span(strings[1]);
      }
      c.entries.push_back(std::move(e));
    }
    file_.codesets.push_back(std::move(c));
  }

  void define(P::DefineDeclContext* ctx) {
    ast::Define d;
    d.name = name(ctx->name());
    d.span = node_span(ctx->name());
    d.label = string_value(ctx->STRING());
    d.value = expr(ctx->expr());
    file_.defines.push_back(std::move(d));
  }

  void group(P::GroupDeclContext* ctx) {
    ast::Group g;
    g.name = name(ctx->name());
    g.span = node_span(ctx->name());
    g.title = string_value(ctx->STRING());
    g.policy = ctx->FIRST() ? ast::Policy::First : ctx->UNIQUE() ? ast::Policy::Unique : ast::Policy::All;
    file_.groups.push_back(std::move(g));
    uint32_t index = static_cast<uint32_t>(file_.groups.size() - 1);
    for (auto* r : ctx->ruleDecl()) rule(r, index);
  }

  void rule(P::RuleDeclContext* ctx, uint32_t group_index) {
    ast::Rule r;
    r.name = name(ctx->name());
    r.span = node_span(ctx->name());
    r.title = string_value(ctx->STRING());
    r.group = group_index;
    for (auto* clause : ctx->ruleClause()) {
      if (auto* when = dynamic_cast<P::WhenClauseContext*>(clause)) {
        if (r.has_when) error(node_span(when->WHEN()), "rule '" + r.name + "' has more than one 'when'; join the conditions with 'and'");
        r.has_when = true;
        r.when = expr(when->expr());
      } else if (auto* then = dynamic_cast<P::ThenClauseContext*>(clause)) {
        if (r.has_then) error(node_span(then->THEN()), "rule '" + r.name + "' has more than one 'then'; list every action under one");
        r.has_then = true;
        for (auto* a : then->action()) r.actions.push_back(action(a));
      } else if (auto* because = dynamic_cast<P::BecauseClauseContext*>(clause)) {
        if (r.has_because) error(node_span(because->BECAUSE()), "rule '" + r.name + "' has more than one 'because'");
        r.has_because = true;
        r.because = string_value(because->STRING());
      } else if (auto* cite = dynamic_cast<P::CiteClauseContext*>(clause)) {
        if (r.has_cite) r.cite += "; ";
        r.has_cite = true;
        r.cite += string_value(cite->STRING());
      } else if (auto* priority = dynamic_cast<P::PriorityClauseContext*>(clause)) {
        if (r.priority) error(node_span(priority->PRIORITY()), "rule '" + r.name + "' has more than one 'priority'");
        auto value = integer(priority->signedInt() ? priority->signedInt()->INT_LIT() : nullptr);
        if (priority->signedInt() && priority->signedInt()->MINUS()) value = -value;
        r.priority = value;
      }
    }
    file_.groups[group_index].rules.push_back(static_cast<uint32_t>(file_.rules.size()));
    file_.rules.push_back(std::move(r));
  }

  ast::Action action(P::ActionContext* ctx) {
    ast::Action a{ast::ActionKind::Set, node_span(ctx), "", Span{}, {}, {}};
    if (auto* set = dynamic_cast<P::SetActionContext*>(ctx)) {
      a.kind = ast::ActionKind::Set;
      a.target = name(set->name());
      a.target_span = node_span(set->name());
      a.value = expr(set->expr());
    } else if (auto* classify = dynamic_cast<P::ClassifyActionContext*>(ctx)) {
      a.kind = ast::ActionKind::Classify;
      a.value = expr(classify->expr());
    } else if (auto* recommend = dynamic_cast<P::RecommendActionContext*>(ctx)) {
      a.kind = ast::ActionKind::Recommend;
      a.value = expr(recommend->expr());
    } else if (auto* refer = dynamic_cast<P::ReferActionContext*>(ctx)) {
      a.kind = ast::ActionKind::Refer;
      auto exprs = refer->expr();
      if (!exprs.empty()) a.value = expr(exprs[0]);
      if (exprs.size() > 1) a.destination = expr(exprs[1]);
    }
    return a;
  }

  void test(P::TestDeclContext* ctx) {
    ast::TestCase t;
    t.name = string_value(ctx->STRING());
    t.span = node_span(ctx->STRING());
    for (auto* g : ctx->givenItem()) {
      ast::Given given;
      given.column = name(g->name());
      given.span = node_span(g->name());
      if (g->signedLiteral()) given.value = signed_literal(g->signedLiteral());
      t.given.push_back(std::move(given));
    }
    for (auto* e : ctx->expectation()) {
      if (auto* value = dynamic_cast<P::ExpectValueContext*>(e)) {
        ast::Expectation x{ast::ExpectKind::Value, name(value->name()), node_span(value->name()), {}};
        if (value->signedLiteral()) x.value = signed_literal(value->signedLiteral());
        else if (value->listLiteral()) x.value = list(value->listLiteral());
        t.expect.push_back(std::move(x));
      } else if (auto* contains = dynamic_cast<P::ExpectContainsContext*>(e)) {
        t.expect.push_back({ast::ExpectKind::Contains, name(contains->name()), node_span(contains->name()),
                            signed_literal(contains->signedLiteral())});
      } else if (auto* missing = dynamic_cast<P::ExpectMissingContext*>(e)) {
        t.expect.push_back({ast::ExpectKind::Missing, name(missing->name()), node_span(missing->name()), {}});
      } else if (auto* unknown = dynamic_cast<P::ExpectUnknownContext*>(e)) {
        for (auto* n : unknown->name()) t.expect.push_back({ast::ExpectKind::Unknown, name(n), node_span(n), {}});
      } else if (auto* fired = dynamic_cast<P::ExpectFiredContext*>(e)) {
        auto kind = fired->NOT() ? ast::ExpectKind::NotFired : ast::ExpectKind::Fired;
        for (auto* n : fired->name()) t.expect.push_back({kind, name(n), node_span(n), {}});
      }
    }
    file_.tests.push_back(std::move(t));
  }

  // ---- expressions ----
  // Every later pass recurses over expressions, so their depth is bounded here, once.
  ast::ExprId add(ast::Expr e) {
    uint32_t depth = 1;
    for (auto op : e.operands)
      if (op.valid()) depth = std::max(depth, depths_[op.index] + 1);
    if (depth > kMaxExpressionDepth && !too_deep_) {
      error(e.span, "expression is nested more than " + std::to_string(kMaxExpressionDepth) +
                        " levels deep; split it into definitions");
      too_deep_ = true;
    }
    file_.exprs.push_back(std::move(e));
    depths_.push_back(depth);
    return ast::ExprId{static_cast<uint32_t>(file_.exprs.size() - 1)};
  }

  ast::ExprId make(ast::ExprKind kind, Span span, std::vector<ast::ExprId> operands = {}, ast::Op op = ast::Op::None) {
    ast::Expr e = node(kind, span);
    e.operands = std::move(operands);
    e.op = op;
    return add(std::move(e));
  }

  int64_t integer(antlr4::tree::TerminalNode* node) {
    if (!node) return 0;
    const std::string& text = node->getText();
    int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
      error(node_span(node), "number " + text + " is too large (the largest is 9223372036854775807)");
    return value;
  }

  // Test values: a literal, or a number with a leading minus.
  ast::ExprId signed_literal(P::SignedLiteralContext* ctx) {
    if (ctx->literal()) return literal(ctx->literal());
    const double sign = ctx->MINUS() ? -1 : 1;
    ast::Expr e = node(ctx->INT_LIT() ? ast::ExprKind::IntLiteral : ast::ExprKind::DecimalLiteral, node_span(ctx));
    if (ctx->INT_LIT()) e.int_value = static_cast<int64_t>(sign) * integer(ctx->INT_LIT());
    else e.decimal_value = sign * decimal(ctx->DECIMAL_LIT());
    return add(std::move(e));
  }

  double decimal(antlr4::tree::TerminalNode* node) {
    if (!node) return 0;
    const std::string& text = node->getText();
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || !std::isfinite(value)) error(node_span(node), "number " + text + " is out of range");
    return value;
  }

  static ast::Expr node(ast::ExprKind kind, Span span) {
    ast::Expr e;
    e.kind = kind;
    e.span = span;
    return e;
  }

  ast::ExprId literal(P::LiteralContext* ctx) {
    const Span span = node_span(ctx);
    if (ctx->INT_LIT()) {
      ast::Expr e = node(ast::ExprKind::IntLiteral, span);
      e.int_value = integer(ctx->INT_LIT());
      return add(std::move(e));
    }
    if (ctx->DECIMAL_LIT()) {
      ast::Expr e = node(ast::ExprKind::DecimalLiteral, span);
      e.decimal_value = decimal(ctx->DECIMAL_LIT());
      return add(std::move(e));
    }
    if (ctx->STRING()) {
      ast::Expr e = node(ast::ExprKind::TextLiteral, span);
      e.text = string_value(ctx->STRING());
      return add(std::move(e));
    }
    if (ctx->TRUE() || ctx->FALSE()) {
      ast::Expr e = node(ast::ExprKind::BoolLiteral, span);
      e.bool_value = ctx->TRUE() != nullptr;
      return add(std::move(e));
    }
    ast::Expr e = node(ast::ExprKind::DateLiteral, span);
    e.text = ctx->DATE_LIT() ? ctx->DATE_LIT()->getText().substr(1) : "";
    if (auto days = rt::parse_iso_date(e.text)) e.date_days = *days;
    else error(span, "'" + e.text + "' is not a calendar date");
    return add(std::move(e));
  }

  ast::ExprId list(P::ListLiteralContext* ctx) { return make(ast::ExprKind::List, node_span(ctx), literal_list(ctx)); }

  ast::ExprId expr(P::ExprContext* ctx) {
    if (!ctx) return {};
    if (auto* i = dynamic_cast<P::IfExprContext*>(ctx)) {
      auto parts = i->expr();
      std::vector<ast::ExprId> ops;
      for (auto* p : parts) ops.push_back(expr(p));
      return make(ast::ExprKind::If, node_span(ctx), std::move(ops));
    }
    auto* plain = dynamic_cast<P::PlainExprContext*>(ctx);
    return plain ? or_expr(plain->orExpr()) : ast::ExprId{};
  }

  ast::ExprId or_expr(P::OrExprContext* ctx) {
    if (!ctx) return {};
    auto parts = ctx->andExpr();
    if (parts.size() == 1) return and_expr(parts[0]);
    std::vector<ast::ExprId> ops;
    for (auto* p : parts) ops.push_back(and_expr(p));
    return make(ast::ExprKind::Or, node_span(ctx), std::move(ops));
  }

  ast::ExprId and_expr(P::AndExprContext* ctx) {
    if (!ctx) return {};
    auto parts = ctx->notExpr();
    if (parts.size() == 1) return not_expr(parts[0]);
    std::vector<ast::ExprId> ops;
    for (auto* p : parts) ops.push_back(not_expr(p));
    return make(ast::ExprKind::And, node_span(ctx), std::move(ops));
  }

  ast::ExprId not_expr(P::NotExprContext* ctx) {
    if (auto* n = dynamic_cast<P::NegationContext*>(ctx))
      return make(ast::ExprKind::Not, node_span(ctx), {not_expr(n->notExpr())});
    if (auto* p = dynamic_cast<P::PredicateExprContext*>(ctx)) return predicate(p->predicate());
    return {};
  }

  ast::ExprId in_target(P::InTargetContext* ctx) {
    if (!ctx) return {};
    if (ctx->listLiteral()) return list(ctx->listLiteral());
    return name_ref(ctx->nameRef());
  }

  ast::ExprId predicate(P::PredicateContext* ctx) {
    if (auto* q = dynamic_cast<P::QuantifiedContext*>(ctx)) {
      ast::Op op = q->ANY() ? ast::Op::Any : q->ALL() ? ast::Op::All : ast::Op::NoneOf;
      ast::ExprId id = make(ast::ExprKind::Quantified, node_span(ctx), {arith(q->arith()), in_target(q->inTarget())}, op);
      file_.exprs[id.index].negated = q->NOT() != nullptr;
      return id;
    }
    auto* simple = dynamic_cast<P::SimplePredicateContext*>(ctx);
    if (!simple) return {};
    ast::ExprId value = arith(simple->arith());
    auto* tail = simple->predicateTail();
    if (!tail) return value;
    Span span = node_span(ctx);
    if (auto* c = dynamic_cast<P::ComparisonContext*>(tail)) {
      static const std::pair<const char*, ast::Op> ops[] = {
          {"=", ast::Op::Equal}, {"<>", ast::Op::NotEqual}, {"!=", ast::Op::NotEqual}, {"<", ast::Op::Less},
          {"<=", ast::Op::LessEqual}, {">", ast::Op::Greater}, {">=", ast::Op::GreaterEqual}};
      ast::Op op = ast::Op::Equal;
      for (auto& [text, o] : ops)
        if (c->op && c->op->getText() == text) op = o;
      return make(ast::ExprKind::Compare, span, {value, arith(c->arith())}, op);
    }
    ast::ExprId id;
    bool negated = false;
    if (auto* b = dynamic_cast<P::BetweenContext*>(tail)) {
      auto bounds = b->arith();
      id = make(ast::ExprKind::Between, span, {value, arith(bounds.size() > 0 ? bounds[0] : nullptr),
                                               arith(bounds.size() > 1 ? bounds[1] : nullptr)});
      negated = b->NOT() != nullptr;
    } else if (auto* m = dynamic_cast<P::MembershipContext*>(tail)) {
      id = make(ast::ExprKind::In, span, {value, in_target(m->inTarget())});
      negated = m->NOT() != nullptr;
    } else if (auto* l = dynamic_cast<P::LikeContext*>(tail)) {
      id = make(ast::ExprKind::Like, span, {value});
      file_.exprs[id.index].text = string_value(l->STRING());
      file_.exprs[id.index].text_span = node_span(l->STRING());
      negated = l->NOT() != nullptr;
    } else if (auto* t = dynamic_cast<P::IsTestContext*>(tail)) {
      ast::Op op = t->MISSING() ? ast::Op::IsMissing : t->PRESENT() ? ast::Op::IsPresent
                 : t->TRUE() ? ast::Op::IsTrue : ast::Op::IsFalse;
      id = make(ast::ExprKind::IsTest, span, {value}, op);
      negated = t->NOT() != nullptr;
    } else if (auto* w = dynamic_cast<P::WithinContext*>(tail)) {
      auto parts = w->arith();
      id = make(ast::ExprKind::Within, span, {value, arith(parts.size() > 0 ? parts[0] : nullptr),
                                              arith(parts.size() > 1 ? parts[1] : nullptr)});
    } else {
      return value;
    }
    file_.exprs[id.index].negated = negated;
    return id;
  }

  // `a - b + c` as ((a - b) + c): the parse tree is flat, the syntax tree left-associative.
  template <typename Part, typename Build>
  ast::ExprId left_associative(const std::vector<Part*>& parts, const std::vector<antlr4::Token*>& ops, Build build,
                               const char* other_text, ast::Op other, ast::Op usual) {
    if (parts.empty()) return {};
    ast::ExprId left = build(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      ast::Op op = i - 1 < ops.size() && ops[i - 1]->getText() == other_text ? other : usual;
      left = make(ast::ExprKind::Arithmetic, file_.exprs[left.index].span, {left, build(parts[i])}, op);
    }
    return left;
  }

  ast::ExprId arith(P::ArithContext* ctx) {
    if (!ctx) return {};
    return left_associative(ctx->term(), ctx->op, [&](P::TermContext* t) { return term(t); }, "-", ast::Op::Subtract, ast::Op::Add);
  }

  ast::ExprId term(P::TermContext* ctx) {
    if (!ctx) return {};
    return left_associative(ctx->unary(), ctx->op, [&](P::UnaryContext* u) { return unary(u); }, "/", ast::Op::Divide, ast::Op::Multiply);
  }

  ast::ExprId unary(P::UnaryContext* ctx) {
    if (auto* n = dynamic_cast<P::NegateContext*>(ctx))
      return make(ast::ExprKind::Negate, node_span(ctx), {unary(n->unary())});
    if (auto* p = dynamic_cast<P::PrimaryUnaryContext*>(ctx)) return primary(p->primary());
    return {};
  }

  ast::ExprId primary(P::PrimaryContext* ctx) {
    if (auto* l = dynamic_cast<P::LiteralPrimaryContext*>(ctx)) return literal(l->literal());
    if (auto* l = dynamic_cast<P::ListPrimaryContext*>(ctx)) return list(l->listLiteral());
    if (auto* p = dynamic_cast<P::ParenPrimaryContext*>(ctx)) return expr(p->expr());
    if (auto* c = dynamic_cast<P::CallPrimaryContext*>(ctx)) {
      std::vector<ast::ExprId> args;
      for (auto* a : c->expr()) args.push_back(expr(a));
      ast::ExprId id = make(ast::ExprKind::Call, node_span(ctx), std::move(args));
      file_.exprs[id.index].text = name(c->name());
      file_.exprs[id.index].span.length = static_cast<uint32_t>(name(c->name()).size());
      return id;
    }
    if (auto* n = dynamic_cast<P::NamePrimaryContext*>(ctx)) return name_ref(n->nameRef());
    return {};
  }

  ast::ExprId name_ref(P::NameRefContext* ctx) {
    if (!ctx) return {};
    auto parts = ctx->name();
    ast::Expr e = node(ast::ExprKind::Name, node_span(ctx));
    if (parts.size() == 2) {
      e.qualifier = name(parts[0]);
      e.text = name(parts[1]);
    } else if (!parts.empty()) {
      e.text = name(parts[0]);
    }
    return add(std::move(e));
  }

  const SourceFile& source_;
  Diagnostics& diagnostics_;
  ast::File file_;
  std::vector<uint32_t> depths_; // parallel to file_.exprs
  bool failed_ = false;
  bool too_deep_ = false;
};

} // namespace

bool build_ast(waymark_generated::WaymarkParser::FileContext* tree, const SourceFile& source, Diagnostics& diagnostics,
               ast::File& out) {
  Builder builder(source, diagnostics);
  out = builder.build(tree);
  return !builder.failed();
}

} // namespace waymark::detail
