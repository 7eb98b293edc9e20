// RequestReader: the rules a connection applies to one request as it reads
// it, apart from the socket, so the server and the fuzz target
// (tests/fuzz/fuzz_http_request.cpp) share them:
//   - the header is read with the largest body limit of any route; once it
//     is in, the route's own limit applies (RouteOptions::max_body), and a
//     Content-Length over it is a 413;
//   - a Transfer-Encoding other than exactly "chunked", or with a
//     Content-Length too, is a 400 (RFC 9112 6.1: never read a body as the
//     next request);
//   - an absolute-form target ("http://host/path") is served as its origin
//     form; header names are lower-cased; the path is percent-decoded.
// Internal to src/http (the only layer that sees Beast types).
#pragma once

#include <boost/beast/http.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"
#include "http/route_table.h"

namespace http {

using BeastParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

Method ToMethod(boost::beast::http::verb verb);

// "http://host/p?q" -> "/p?q"; anything else unchanged.
std::string OriginForm(std::string_view target);

class RequestReader {
 public:
  // `routes` must outlive the reader.
  RequestReader(const RouteTable& routes, size_t body_limit, size_t header_limit);

  // A parser for the next request, with the limits set for its header.
  void Prepare(BeastParser& parser) const;

  // Once the header is read: a refusal, or nullopt after setting the
  // route's body limit on `parser`.
  std::optional<Response> CheckHeader(BeastParser& parser) const;

  // The 413 for a body over the limit of the route `target` goes to.
  Response TooLarge(boost::beast::http::verb verb, std::string_view target) const;

  // The finished request as handlers see it.
  static Request ToRequest(boost::beast::http::request<boost::beast::http::string_body>&& raw, std::string remote);

 private:
  size_t BodyLimitFor(boost::beast::http::verb verb, std::string_view target) const;

  const RouteTable& routes_;
  size_t body_limit_;
  size_t header_limit_;
  size_t largest_body_limit_;
};

}  // namespace http
