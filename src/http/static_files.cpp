#include "http/static_files.h"

#include <fstream>
#include <sstream>
#include <system_error>

namespace http {

namespace fs = std::filesystem;

namespace {
bool SafeRelative(std::string_view rel) {
  if (rel.find('\0') != std::string_view::npos || rel.find('\\') != std::string_view::npos) return false;
  size_t i = 0;
  while (i <= rel.size()) {
    size_t j = rel.find('/', i);
    if (j == std::string_view::npos) j = rel.size();
    std::string_view seg = rel.substr(i, j - i);
    if (seg == ".." || seg == ".") return false;
    if (!seg.empty() && seg.front() == '.') return false;  // hidden files stay hidden
    i = j + 1;
  }
  return true;
}
}  // namespace

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  root_ = fs::weakly_canonical(root, ec);
  if (ec) root_ = std::move(root);
}

std::string_view StaticFiles::ContentTypeFor(const fs::path& file) {
  std::string ext = file.extension().string();
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  if (ext == ".map") return "application/json";
  return "application/octet-stream";
}

Response StaticFiles::Serve(const Request& request, std::string_view relative) const {
  auto not_found = [&] { return ErrorResponse(404, "not_found", "No such file.", request.request_id); };
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  if (!SafeRelative(relative)) return not_found();

  std::error_code ec;
  fs::path path = root_ / fs::path(std::string(relative));
  if (relative.empty() || fs::is_directory(path, ec)) path /= "index.html";
  fs::path resolved = fs::weakly_canonical(path, ec);
  if (ec) return not_found();
  auto [root_end, ignored] = std::mismatch(root_.begin(), root_.end(), resolved.begin(), resolved.end());
  if (root_end != root_.end() || !fs::is_regular_file(resolved, ec)) return not_found();

  auto size = fs::file_size(resolved, ec);
  auto mtime = fs::last_write_time(resolved, ec);
  std::ostringstream etag;
  etag << '"' << std::hex << size << '-' << mtime.time_since_epoch().count() << '"';
  std::string_view type = ContentTypeFor(resolved);
  bool html = type.substr(0, 9) == "text/html";

  Response r;
  r.content_type = std::string(type);
  r.SetHeader("ETag", etag.str());
  r.SetHeader("Cache-Control", html ? "no-cache" : "public, max-age=3600");
  r.SetHeader("X-Content-Type-Options", "nosniff");
  // Our pages load scripts, styles and data from this server only and are
  // never framed (clickjacking). No inline script anywhere in web/.
  r.SetHeader("Content-Security-Policy",
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
              "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  r.SetHeader("X-Frame-Options", "DENY");
  if (auto inm = request.Header("if-none-match"); inm && *inm == etag.str()) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  std::ifstream in(resolved, std::ios::binary);
  if (!in) return not_found();
  std::ostringstream body;
  body << in.rdbuf();
  r.body = body.str();
  return r;
}

}  // namespace http
