// JSON of customer profiles (docs/protocol.md, "Customer profile"): the profile as staff read it
// and the body of an agent's edit. The parser validates untrusted REST bodies (fuzzed).
// Thread-safe (pure functions).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "common/result.hpp"
#include "engine/profile.hpp"

namespace kefu::protocol {

// {"id","name","phone","email","vip","tags":[…],"attributes":[{"key","value"}],"note",
//  "verified":bool,"user_id":…|null,"created_at","updated_at","updated_by":{"id","name"}|null}
boost::json::object CustomerProfileJson(const engine::CustomerProfile& profile);

// The body of PATCH /api/visitors/{id}/profile: any of name, phone, email, vip, tags,
// attributes, note (user_id is the identity's alone). Types are checked here, limits by
// engine::CheckProfilePatch; kBadFrame with the reason.
Result<engine::ProfilePatch> ParseProfilePatch(const boost::json::value& body);

}  // namespace kefu::protocol
