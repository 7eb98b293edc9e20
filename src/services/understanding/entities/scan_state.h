// ScanState: one message as the entity scanners see it, and what they have
// found and taken so far.
//
// The scanners (contact.h, money.h, dates.h, quantities.h, postcodes.h) run
// one after another over the same ScanState, in the order ExtractEntities
// sets. Each reads either the raw text (for what normalisation would destroy:
// "@", "/", ":", capitals, phone spacing) or the tokens (`normalized` split on
// spaces, each read once as a number and looked up once in the lexicon).
//
// "Used": once a scanner reads a token or a raw byte as part of an entity it
// marks it used, and later scanners skip it, so one stretch of text becomes at
// most one entity — a phone number's digits are not also a quantity or a ZIP.
// Marks are only ever added. Use() marks tokens; ConsumeRaw() marks raw bytes
// and the tokens they normalise to. Token scanners test Free(); raw scanners
// test RawUsed() where a clash is possible.
//
// Not thread-safe: one ScanState per ExtractEntities call. It keeps views of
// `raw`, `normalized` and `context`, which must outlive it.
// Internal to services/understanding: included only by the entity scanners.
#pragma once

#include <string_view>
#include <vector>

#include "retrieval/text_normalizer.h"
#include "services/understanding/entities/lexicon.h"
#include "services/understanding/entity_extractor.h"

namespace services::entities {

class ScanState {
 public:
  // `normalized` should be TextNormalizer::Normalize(raw); a mismatched pair
  // is safe (raw and token scanners then simply see different text).
  ScanState(std::string_view raw, std::string_view normalized, const ExtractionContext& context);
  ScanState(const ScanState&) = delete;
  ScanState& operator=(const ScanState&) = delete;

  std::string_view raw() const { return raw_; }
  const ExtractionContext& context() const { return context_; }
  const retrieval::TextNormalizer& normalizer() const { return normalizer_; }

  // ---- Tokens. Every accessor takes any index: past the end a token is
  // empty, not a number, unknown to the lexicon and not free, so a scanner
  // may look ahead (i + 1, i + 2) without bounds checks.
  size_t size() const { return tokens_.size(); }
  std::string_view Tok(size_t i) const { return i < tokens_.size() ? tokens_[i].text : std::string_view(); }
  // The token `back` places before i; empty before the start.
  std::string_view Before(size_t i, size_t back = 1) const { return i >= back ? Tok(i - back) : std::string_view(); }
  const Numeric& Num(size_t i) const {
    static const Numeric kNone{};
    return i < tokens_.size() ? tokens_[i].num : kNone;
  }
  const Lexeme& Lex(size_t i) const { return i < tokens_.size() ? *tokens_[i].lex : *unknown_; }
  // Token i exists and is not used.
  bool Free(size_t i) const { return i < tokens_.size() && !tokens_[i].used; }
  // Marks tokens first..last (inclusive; indices past the end are ignored).
  void Use(size_t first, size_t last) {
    for (size_t i = first; i <= last && i < tokens_.size(); ++i) tokens_[i].used = true;
  }

  // ---- Raw bytes.
  // REQUIRES: i < raw().size().
  bool RawUsed(size_t i) const { return raw_used_[i]; }
  // Where a left-to-right run of ConsumeRaw calls has got to: the next token
  // to look at and the raw offset it stands for.
  struct RawCursor {
    size_t token = 0;
    size_t raw = 0;
  };
  // Marks raw bytes [begin, end) used, then the first run of free tokens
  // equal to that text normalised, looked for from cursor->token over as
  // many tokens as the raw text since cursor->raw holds (plus a little), and
  // moves the cursor past it. A scanner that consumes left to right passes
  // the same cursor every time; one that consumes once passes a fresh one.
  // Linear over a whole run of calls, also when the text normalises
  // differently in context ("24/12,24/12": "24 1224 12") and nothing matches.
  // REQUIRES: begin <= end <= raw().size().
  void ConsumeRaw(size_t begin, size_t end, RawCursor* cursor);

  // ---- What has been found. Each scanner fills only its own fields and,
  // unless its header says otherwise, keeps the first value found.
  Entities& found() { return found_; }
  const Entities& found() const { return found_; }
  // Moves the result out; the ScanState is not used afterwards.
  Entities TakeFound() { return std::move(found_); }

 private:
  struct Token {
    std::string_view text;
    bool used;
    Numeric num;  // read once: every scanner asks
    const Lexeme* lex;
  };

  std::string_view raw_;
  const ExtractionContext& context_;
  retrieval::TextNormalizer normalizer_;
  std::vector<Token> tokens_;
  std::vector<bool> raw_used_;
  const Lexeme* unknown_;
  Entities found_;
};

}  // namespace services::entities
