#include "services/understanding/entities/scan_state.h"

#include <algorithm>
#include <string>

namespace services::entities {

ScanState::ScanState(std::string_view raw, std::string_view normalized, const ExtractionContext& context)
    : raw_(raw), context_(context), raw_used_(raw.size(), false), unknown_(&Lookup({})) {
  size_t start = 0;
  while (start < normalized.size()) {
    size_t space = std::min(normalized.find(' ', start), normalized.size());
    if (space > start) {
      std::string_view text = normalized.substr(start, space - start);
      tokens_.push_back({text, false, SplitNumeric(text), &Lookup(text)});
    }
    start = space + 1;
  }
}

void ScanState::ConsumeRaw(size_t begin, size_t end, RawCursor* cursor) {
  std::fill(raw_used_.begin() + static_cast<long>(begin), raw_used_.begin() + static_cast<long>(end), true);
  std::vector<std::string> pieces = retrieval::SplitTokens(normalizer_.Normalize(raw_.substr(begin, end - begin)));
  // Tokens between the cursor and this text: every raw byte is normalised
  // once over a run of calls, so the run stays linear.
  size_t gap = 0;
  if (cursor->raw < begin) {
    gap = retrieval::SplitTokens(normalizer_.Normalize(raw_.substr(cursor->raw, begin - cursor->raw))).size();
  }
  if (pieces.empty() || pieces.size() > tokens_.size()) return;
  const size_t last_start = std::min(tokens_.size() - pieces.size(), cursor->token + gap + pieces.size() + 2);
  for (size_t i = cursor->token; i <= last_start; ++i) {
    bool match = true;
    for (size_t k = 0; k < pieces.size() && match; ++k) match = Free(i + k) && Tok(i + k) == pieces[k];
    if (!match) continue;
    Use(i, i + pieces.size() - 1);
    cursor->token = i + pieces.size();
    cursor->raw = end;
    return;
  }
  // No match: the tokens before this text are behind us; this text's own
  // tokens are counted again by the next call.
  cursor->token = std::min(tokens_.size(), cursor->token + (gap > 0 ? gap - 1 : 0));
  cursor->raw = std::max(cursor->raw, begin);
}

}  // namespace services::entities
