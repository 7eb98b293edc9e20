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

void ScanState::ConsumeRaw(size_t begin, size_t end, size_t* cursor) {
  std::fill(raw_used_.begin() + static_cast<long>(begin), raw_used_.begin() + static_cast<long>(end), true);
  std::vector<std::string> pieces = retrieval::SplitTokens(normalizer_.Normalize(raw_.substr(begin, end - begin)));
  if (pieces.empty() || pieces.size() > tokens_.size()) return;
  for (size_t i = *cursor; i + pieces.size() <= tokens_.size(); ++i) {
    bool match = true;
    for (size_t k = 0; k < pieces.size() && match; ++k) match = Free(i + k) && Tok(i + k) == pieces[k];
    if (!match) continue;
    Use(i, i + pieces.size() - 1);
    *cursor = i + pieces.size();
    return;
  }
}

}  // namespace services::entities
