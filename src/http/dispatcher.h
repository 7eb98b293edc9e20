// Dispatcher: the pure request -> response step of the server. Looks the
// route up, applies CORS, answers 404/405 as JSON errors and turns an escaped
// exception into a logged 500 so that one bad request never kills a session.
// Thread-safe: const after construction.
#pragma once

#include <functional>
#include <string_view>

#include "http/message.h"
#include "http/route_table.h"

namespace http {

// Decides which cross-origin callers may use CORS-enabled routes.
class CorsPolicy {
 public:
  virtual ~CorsPolicy() = default;
  // `origin` is the Origin header, e.g. "https://shop.example". Thread-safe.
  virtual bool Allows(const Request& request, std::string_view origin) const = 0;
};

using ErrorLog = std::function<void(std::string_view request_id, std::string_view message)>;

// True when the request carries an Origin other than its own Host (a
// browser calling from another site).
bool IsCrossOrigin(const Request& request);

class Dispatcher {
 public:
  // `cors` may be null (no cross-origin access); it must outlive the dispatcher.
  Dispatcher(RouteTable routes, const CorsPolicy* cors, ErrorLog error_log);

  Response Handle(Request& request) const;
  const RouteTable& routes() const { return routes_; }

 private:
  Response Preflight(Request& request, std::string_view origin) const;

  RouteTable routes_;
  const CorsPolicy* cors_;
  ErrorLog error_log_;
};

}  // namespace http
