// StaticFiles: serves a directory (the web/ folder) for GET and HEAD.
//
// Paths are percent-decoded by the server; anything containing "..", a
// backslash or a NUL byte, or resolving outside the root, is a 404. HTML is
// served with "Cache-Control: no-cache" so owners see new dashboards at once;
// other assets are cacheable for an hour and carry an ETag (size + mtime) that
// answers If-None-Match with 304. Every file carries a Content-Security-Policy
// (this origin only, no framing), X-Frame-Options: DENY and nosniff.
// Thread-safe.
#pragma once

#include <filesystem>
#include <string>

#include "http/message.h"

namespace http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // `relative` is the part of the path below the mount point ("" = index).
  Response Serve(const Request& request, std::string_view relative) const;

  static std::string_view ContentTypeFor(const std::filesystem::path& file);

 private:
  std::filesystem::path root_;
};

}  // namespace http
