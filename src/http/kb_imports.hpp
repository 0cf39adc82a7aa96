// Knowledge-base import jobs: an import runs on the blocking pool while the administrator's page
// polls its progress and, at the end, its per-row report. Jobs are kept in memory for an hour
// after they finish (an import is not a durable command: a restart loses the job, not the
// entries it already saved).
//
// Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bot/kb_import.hpp"
#include "common/clock.hpp"

namespace kefu::http {

class ImportJob {
 public:
  struct Progress {
    std::string state = "parsing";  // parsing, saving, done, failed
    std::size_t rows = 0;           // data rows of the file (an estimate while parsing)
    std::size_t processed = 0;      // rows read and validated
    std::size_t saved = 0;          // valid rows saved so far
    std::size_t accepted = 0;
    std::size_t rejected = 0;
    std::vector<bot::KbRowError> errors;
    std::string message;
    Millis finished_at = 0;
  };

  ImportJob(std::string id, std::string tenant_id, std::string format)
      : id_(std::move(id)), tenant_id_(std::move(tenant_id)), format_(std::move(format)) {}

  const std::string& id() const { return id_; }
  const std::string& tenant_id() const { return tenant_id_; }

  void Update(const std::function<void(Progress&)>& change);
  void Fail(std::string message, Millis now);
  Millis finished_at() const;

  // The Job object of docs/protocol.md (at most the first 1000 row errors).
  boost::json::object ToJson() const;

 private:
  const std::string id_;
  const std::string tenant_id_;
  const std::string format_;
  mutable std::mutex mutex_;
  Progress progress_;
};

class ImportJobs {
 public:
  std::shared_ptr<ImportJob> Create(const std::string& tenant_id, const std::string& format,
                                    Millis now);
  // The tenant's job with this id; another tenant's job is not found.
  std::shared_ptr<ImportJob> Find(const std::string& tenant_id, const std::string& id, Millis now);

 private:
  void Prune(Millis now);

  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<ImportJob>> jobs_;
};

}  // namespace kefu::http
