#include "waymark/studio/open_document.h"

#include "waymark/studio/text_change.h"

namespace waymark::studio {

std::unique_ptr<OpenDocument> OpenDocument::open(const std::filesystem::path& path, std::string& error) {
  std::unique_ptr<OpenDocument> document(new OpenDocument());
  std::string bytes;
  if (!document->file_.open(path, bytes)) {
    error = document->file_.last_error();
    return nullptr;
  }
  document->text_.load(bytes);
  document->saved_text_ = std::move(bytes);
  return document;
}

std::unique_ptr<OpenDocument> OpenDocument::recovered(const std::filesystem::path& path, std::string_view text,
                                                      std::string& error) {
  auto document = open(path, error);
  if (!document) return nullptr;
  // One undoable edit from the file's text to the recovered one: undo shows what the file holds.
  apply_text(document->text_, text);
  return document;
}

bool OpenDocument::tick(Clock::time_point now) {
  if (seen_revision_ != text_.revision()) {
    if (seen_revision_ != UINT64_MAX) last_edit_ = now;
    seen_revision_ = text_.revision();
    debounce_.edited(seen_revision_, now);
  }
  if (!debounce_.due(now)) return false;
  check_ = check_buffer(file_.path().string(), text_.text());
  checked_revision_ = text_.revision();
  debounce_.checked(checked_revision_);
  return true;
}

void OpenDocument::refresh_tokens() {
  if (tokens_revision_ == text_.revision()) return;
  tokens_revision_ = text_.revision();
  const std::string text = text_.text();
  const auto& lines = text_.lines();
  const size_t line_break = text_.uses_crlf() ? 2 : 1;
  tokens_.assign(lines.size(), {});
  rules_.clear();
  // Line starts in the joined text, to clip each token to the lines it covers.
  std::vector<size_t> starts(lines.size());
  for (size_t i = 0, offset = 0; i < lines.size(); ++i) {
    starts[i] = offset;
    offset += lines[i].size() + line_break;
  }
  const auto tokens = highlight_tokens(text);
  size_t line = 0;
  bool after_rule_keyword = false;
  for (const auto& token : tokens) {
    while (line + 1 < lines.size() && starts[line + 1] <= token.begin) ++line;
    for (size_t l = line; l < lines.size() && starts[l] < token.end; ++l) {
      const size_t begin = std::max<size_t>(token.begin, starts[l]) - starts[l];
      const size_t end = std::min<size_t>(token.end - starts[l], lines[l].size());
      if (begin < end) tokens_[l].push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end), token.kind});
    }
    const std::string_view word(text.data() + token.begin, token.end - token.begin);
    if (after_rule_keyword && token.kind == TokenClass::Identifier) rules_.push_back({std::string(word), line});
    after_rule_keyword = token.kind == TokenClass::Keyword && word == "rule";
  }
}

const std::vector<std::vector<LineToken>>& OpenDocument::line_tokens() {
  refresh_tokens();
  return tokens_;
}

const std::vector<RuleLine>& OpenDocument::rule_lines() {
  refresh_tokens();
  return rules_;
}

std::optional<std::string> OpenDocument::rule_at(size_t line) {
  std::optional<std::string> found;
  for (const auto& rule : rule_lines())
    if (rule.line <= line) found = rule.name;
  return found;
}

const TestRun& OpenDocument::run_tests() {
  tests_ = run_buffer_tests(file_.path().string(), text_.text());
  tests_revision_ = text_.revision();
  return *tests_;
}

SaveOutcome OpenDocument::save(bool overwrite) {
  std::string text = text_.text();
  const SaveOutcome outcome = file_.save(text, overwrite);
  if (outcome == SaveOutcome::Saved) {
    text_.mark_saved();
    text_.break_undo_group();
    saved_text_ = std::move(text);
  }
  return outcome;
}

bool OpenDocument::reload(std::string& error) {
  std::string bytes;
  if (!file_.reload(bytes)) {
    error = file_.last_error();
    return false;
  }
  apply_text(text_, bytes);
  text_.mark_saved();
  saved_text_ = std::move(bytes);
  return true;
}

} // namespace waymark::studio
