-- wrk script: POST /chat_api turns over keep-alive connections, cycling
-- through a mix of shopper messages for the UK demo tenant.
local messages = {
  "how much are lamb chops?", "do you deliver to LS6 2AB", "what time do you open on sunday",
  "is your meat halal", "bbq for 6 people", "where is your nearest branch to BD3", "hello",
  "do you have boneless chicken thighs", "what's the capital of france",
}
local i = 0
request = function()
  i = i + 1
  local body = '{"tenant":"UK_BUTCHER","message":"' .. messages[(i % #messages) + 1] .. '"}'
  return wrk.format("POST", "/chat_api", {["Content-Type"] = "application/json"}, body)
end
