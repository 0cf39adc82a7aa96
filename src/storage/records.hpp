// Records that storage keeps besides engine values: tenants, users, sessions, visitors, canned
// replies and the knowledge base's gaps and ratings (its entries are bot::KbEntry). Plain
// values; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "common/clock.hpp"
#include "engine/types.hpp"

namespace kefu::storage {

struct TenantRecord {
  std::string id;
  std::string slug;  // lowercase letters, digits and '-', used in URLs and the widget tag
  std::string name;
  Millis created_at = 0;
};

struct UserRecord {
  std::string tenant_id;
  std::string id;
  std::string email;
  std::string name;
  engine::Role role = engine::Role::kAgent;
  std::string password_hash;  // argon2id, never logged
  int capacity = 5;
  bool platform_admin = false;  // may create tenants
  std::vector<std::string> queue_ids;
  Millis created_at = 0;
  std::vector<engine::Skill> skills = {};

  engine::AgentInfo ToAgentInfo() const;
};

struct SessionRecord {
  std::string token_hash;  // TokenSigner::HashSessionToken of the cookie value
  std::string tenant_id;
  std::string user_id;
  std::string csrf_token;
  Millis created_at = 0;
  Millis expires_at = 0;
};

struct VisitorRecord {
  std::string tenant_id;
  std::string id;
  std::string name;
  Millis created_at = 0;
};

// A reply agents insert by its shortcut (`/thx`). Team replies (owner_id empty) are shared by the
// whole tenant and edited by supervisors and administrators; personal ones belong to one agent.
struct CannedReply {
  std::string id;
  std::string code;  // shortcut, e.g. "thx": unique per scope (the tenant's team, or one agent)
  std::string title;
  std::string text;  // may hold variables such as {客户名}, expanded by the workspace
  std::string category_id = {};  // empty when uncategorised
  std::string owner_id = {};     // empty for a team reply, else the owning agent's user id
  Millis updated_at = 0;

  bool personal() const { return !owner_id.empty(); }
};

// A category of canned replies (问候, 致歉…): per tenant, shared by team and personal replies.
struct CannedCategory {
  std::string id;
  std::string name;
  long position = 0;  // categories are listed by position, then name
};

// A message a visitor left for the team (outside business hours, or a full queue).
struct LeftMessage {
  std::string tenant_id;
  std::string id;
  engine::Ref queue;
  engine::Ref visitor;
  std::string name;
  std::string contact;
  std::string text;
  Millis at = 0;
};

// A question the bot could not answer well, counted per normalised wording.
struct KbGap {
  std::string key;       // the normalised question: what repeats are counted by
  std::string question;  // the latest wording a visitor used
  long count = 0;
  std::string best_entry_id;  // the closest entry when last asked, or empty
  double best_confidence = 0;
  Millis first_at = 0;
  Millis last_at = 0;
};

// Visitors' ratings of one entry's answers.
struct KbRatings {
  std::string entry_id;
  long helpful = 0;
  long not_helpful = 0;
};

// True for 2..40 characters of [a-z0-9-], not starting or ending with '-'.
bool IsValidSlug(std::string_view slug);

}  // namespace kefu::storage
