// Session <-> JSON, for session stores outside the process (Redis).
//
// The document carries a format version ("v"). Reading is tolerant: missing
// fields take their defaults, so sessions written by an older build still
// load; a field of the wrong type, a document that is not an object, or a
// newer version than this build knows yields nullopt (the shopper starts a
// fresh conversation rather than a corrupted one).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "services/session/session_store.h"

namespace services {

inline constexpr int kSessionJsonVersion = 1;

std::string SessionToJson(const Session& session);
std::optional<Session> SessionFromJson(std::string_view json);

}  // namespace services
