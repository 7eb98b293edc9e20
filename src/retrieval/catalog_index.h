// CatalogIndex: the Xapian full-text index behind CatalogStore. Internal to the
// retrieval layer; CatalogStore is the public face.
//
// All text handed in is already normalized (TextNormalizer). Products are
// identified by their position in the store's product vector.
//
// Thread-safe: Search is const and may run concurrently; each call borrows a
// Xapian handle from a small pool (Xapian handles must not be shared between
// threads). Xapian exceptions never leave this class.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace retrieval {

// One active product, as text to index.
struct IndexDocument {
  uint32_t product_index = 0;
  std::string name;
  std::string category_id;  // raw id, used for the boolean filter term
  std::string category_name;
  std::string description;
  std::vector<std::string> tags;
  int64_t price_minor = 0;
  int stock = 0;
};

// A synonyms.json entry: shoppers' variants of the business's own term.
struct SynonymGroup {
  std::string term;
  std::vector<std::string> variants;
};

struct IndexFilter {
  std::optional<std::string> category_id;
  std::optional<std::string> tag;  // normalized
  std::optional<int64_t> min_price_minor;
  std::optional<int64_t> max_price_minor;
  bool in_stock_only = false;
};

struct IndexHit {
  uint32_t product_index = 0;
  double score = 0;  // 1 for the best hit
};

struct IndexResult {
  std::vector<IndexHit> hits;
  size_t total_matches = 0;
  std::string corrected_query;
};

class CatalogIndex {
 public:
  // Creates `index_dir` and an on-disk (glass) database in it. Errors: kIo when
  // the folder or database cannot be created, kInternal for other Xapian
  // failures; a partly written folder is removed.
  static core::Result<std::unique_ptr<CatalogIndex>> Build(const std::vector<IndexDocument>& documents,
                                                           const std::vector<SynonymGroup>& synonyms,
                                                           const std::filesystem::path& index_dir);
  // Closes every handle, then deletes `index_dir`.
  ~CatalogIndex();
  CatalogIndex(const CatalogIndex&) = delete;
  CatalogIndex& operator=(const CatalogIndex&) = delete;

  // REQUIRES: `normalized_text` is non-empty. Never throws; a Xapian failure
  // gives an empty result.
  IndexResult Search(const std::string& normalized_text, const IndexFilter& filter, size_t limit) const;

 private:
  struct Impl;
  explicit CatalogIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace retrieval
