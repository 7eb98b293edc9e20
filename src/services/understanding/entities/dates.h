// Date and time scanners: calendar dates, clock times, weekdays and
// "today"/"tomorrow". Dates without a year get the next occurrence from the
// ExtractionContext's current date (29 February: the next leap year); only
// the first date found is kept.
//
// Internal to services/understanding: run by ExtractEntities in its order.
#pragma once

#include "services/understanding/entities/scan_state.h"

namespace services::entities {

// Numbers in the raw text whose punctuation normalisation would destroy:
//   "2026-12-24", "2026/12/24" -> date;
//   "24/12", "24/12/2026", "24/12/26" -> date, day first unless the shop's
//     currency is USD, read the other way when only that is valid ("12/24");
//   "12:30", "6:30pm" -> a clock time, consumed so it is not a quantity;
//   "24/7" -> opening hours, consumed;
//   "31/02", "32/12" (shaped like a date, no day of the calendar) -> consumed,
//     no date and no quantity;
//   "1/2 kg", "1 1/2 lb", "3/4 of a kilo", "3/4 of" -> a fraction: found().quantity (if not
//     set yet) with the weight unit, if any; "1/4", "2/3" or a fraction
//     before another unit is left alone, not read as a date.
// Everything read becomes used. Linear in the length of the text.
void ScanRawDatesAndTimes(ScanState& state);

// Free tokens naming a month with a day: "24th december", "24 of dec",
// "december 24", "dec the 24th", optionally followed by a year 2000-2100.
void ScanMonthDates(ScanState& state);

// Clock times in tokens, "6pm", "6 pm", "6 oclock": only marked used, so
// "at 6pm" is not a party of six or a quantity.
void ScanTimes(ScanState& state);

// Free tokens: "today", "tonight", "now", "this morning/afternoon/evening"
// set found().today; "tomorrow", "tmrw"... set found().tomorrow; the first
// weekday ("sunday", "weds", "sundays") sets found().weekday. The short
// forms that are also words ("mon", "wed", "sat", "sun") count only alone,
// after "on", "this", "next", "by", "until", "every", "open"... or before
// "morning", "evening", "pm" or a clock time ("sat 6pm"): "sun dried
// tomatoes" has no day; "tues 6pm" is Tuesday. Marks
// nothing used.
void ScanDays(ScanState& state);

}  // namespace services::entities
