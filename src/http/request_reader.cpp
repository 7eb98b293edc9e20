#include "http/request_reader.h"

#include <cctype>

namespace http {

namespace beast = boost::beast;
namespace bhttp = beast::http;

namespace {

// "chunked" alone, ignoring case and surrounding spaces.
bool IsPlainChunked(std::string_view te) {
  while (!te.empty() && (te.front() == ' ' || te.front() == '\t')) te.remove_prefix(1);
  while (!te.empty() && (te.back() == ' ' || te.back() == '\t')) te.remove_suffix(1);
  return beast::iequals(te, "chunked");
}

}  // namespace

Method ToMethod(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::delete_: return Method::kDelete;
    case bhttp::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

std::string OriginForm(std::string_view target) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() > scheme.size() && beast::iequals(target.substr(0, scheme.size()), scheme)) {
      auto rest = target.find_first_of("/?", scheme.size());
      if (rest == std::string_view::npos) return "/";
      return (target[rest] == '?' ? "/" : "") + std::string(target.substr(rest));
    }
  }
  return std::string(target);
}

RequestReader::RequestReader(const RouteTable& routes, size_t body_limit, size_t header_limit)
    : routes_(routes),
      body_limit_(body_limit),
      header_limit_(header_limit),
      largest_body_limit_(routes.LargestBodyLimit(body_limit)) {}

void RequestReader::Prepare(BeastParser& parser) const {
  parser.header_limit(static_cast<std::uint32_t>(header_limit_));
  parser.body_limit(largest_body_limit_);
}

size_t RequestReader::BodyLimitFor(bhttp::verb verb, std::string_view target) const {
  std::string origin = OriginForm(target);
  std::string_view path = origin;
  return routes_.BodyLimit(ToMethod(verb), path.substr(0, path.find('?')), body_limit_);
}

Response RequestReader::TooLarge(bhttp::verb verb, std::string_view target) const {
  return ErrorResponse(413, "payload_too_large",
                       "The request body is larger than " + std::to_string(BodyLimitFor(verb, target)) + " bytes.");
}

std::optional<Response> RequestReader::CheckHeader(BeastParser& parser) const {
  const auto& h = parser.get();
  if (h.count(bhttp::field::transfer_encoding) > 0 &&
      (h.count(bhttp::field::transfer_encoding) > 1 || !IsPlainChunked(h[bhttp::field::transfer_encoding]) ||
       h.count(bhttp::field::content_length) > 0)) {
    return ErrorResponse(400, "bad_request",
                         "Transfer-Encoding must be exactly \"chunked\", and never with Content-Length.");
  }
  size_t limit = BodyLimitFor(h.method(), h.target());
  if (auto length = parser.content_length(); length && *length > limit) return TooLarge(h.method(), h.target());
  parser.body_limit(limit);
  return std::nullopt;
}

Request RequestReader::ToRequest(bhttp::request<bhttp::string_body>&& raw, std::string remote) {
  Request req;
  req.method = ToMethod(raw.method());
  req.target = OriginForm(raw.target());
  std::string_view target = req.target;
  size_t q = target.find('?');
  req.raw_path = std::string(target.substr(0, q));
  req.path = PercentDecode(req.raw_path, false);
  if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
  req.headers.reserve(8);
  for (const auto& field : raw) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  req.body = std::move(raw.body());
  req.remote_address = std::move(remote);
  return req;
}

}  // namespace http
