// The providers' webhook signatures, checked before anything in a webhook
// is used. Comparisons are constant-time (core::ConstantTimeEquals).
//
// Meta (WhatsApp Cloud API): X-Hub-Signature-256 is "sha256=" + lowercase
// hex HMAC-SHA256 of the raw request body under the app secret.
//
// Twilio: X-Twilio-Signature is base64 HMAC-SHA1 under the account's auth
// token of the full URL Twilio called (scheme, host, port if any, path,
// query) followed by every POST parameter, sorted by name (then value),
// each name immediately followed by its value. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace services {

using FormParams = std::vector<std::pair<std::string, std::string>>;

// "sha256=<hex>" for `body` under `app_secret`.
std::string MetaSignature(std::string_view app_secret, std::string_view body);
// True when `header` is exactly MetaSignature(app_secret, body).
bool MetaSignatureValid(std::string_view app_secret, std::string_view body, std::string_view header);

// The X-Twilio-Signature value for a request to `url` with `params`.
std::string TwilioSignature(std::string_view auth_token, std::string_view url, const FormParams& params);
// True when `header` matches the signature of `url` as given, or of `url`
// with its default port added or removed (":443" for https, ":80" for
// http), as Twilio's own validators accept either.
bool TwilioSignatureValid(std::string_view auth_token, std::string_view url, const FormParams& params,
                          std::string_view header);

}  // namespace services
