// Example phrases for what the assistant answers from live data rather than
// from a tenant's FAQ (opening hours, delivery, stock, prices, branches, the
// basket...) and for plainly off-topic requests. The FAQ model learns them
// next to a tenant's FAQ entries as rival labels ("@hours", "@off_topic"), so
// "are you still open?" is the hours question, not the FAQ that happens to
// mention opening times, and "book me a flight" is no FAQ at all.
#pragma once

#include <string>
#include <vector>

#include "retrieval/intent_model.h"  // LabelledExample

namespace retrieval {

// Label prefix of the rivals; FAQ ids never start with it.
inline constexpr char kBuiltInLabelPrefix = '@';

// Raw (not normalized) phrases, grouped by label.
const std::vector<std::pair<std::string, std::vector<std::string>>>& BuiltInIntentPhrases();

}  // namespace retrieval
