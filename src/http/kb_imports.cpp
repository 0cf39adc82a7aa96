#include "http/kb_imports.hpp"

#include <boost/json.hpp>

#include "common/ids.hpp"

namespace kefu::http {
namespace {

constexpr Millis kKeepFinished = 60 * 60 * 1000;
constexpr std::size_t kMaxReportedErrors = 1000;

}  // namespace

void ImportJob::Update(const std::function<void(Progress&)>& change) {
  std::lock_guard lock(mutex_);
  change(progress_);
}

void ImportJob::Fail(std::string message, Millis now) {
  std::lock_guard lock(mutex_);
  progress_.state = "failed";
  progress_.message = std::move(message);
  progress_.finished_at = now;
}

Millis ImportJob::finished_at() const {
  std::lock_guard lock(mutex_);
  return progress_.finished_at;
}

boost::json::object ImportJob::ToJson() const {
  std::lock_guard lock(mutex_);
  boost::json::array errors;
  for (std::size_t i = 0; i < progress_.errors.size() && i < kMaxReportedErrors; ++i) {
    errors.push_back({{"line", progress_.errors[i].line}, {"reason", progress_.errors[i].reason}});
  }
  return {{"id", id_},
          {"state", progress_.state},
          {"format", format_},
          {"rows", progress_.rows},
          {"processed", progress_.processed},
          {"saved", progress_.saved},
          {"accepted", progress_.accepted},
          {"rejected", progress_.rejected},
          {"errors", std::move(errors)},
          {"message", progress_.message}};
}

std::shared_ptr<ImportJob> ImportJobs::Create(const std::string& tenant_id,
                                              const std::string& format, Millis now) {
  auto job = std::make_shared<ImportJob>(NewId("j"), tenant_id, format);
  std::lock_guard lock(mutex_);
  Prune(now);
  jobs_.emplace(job->id(), job);
  return job;
}

std::shared_ptr<ImportJob> ImportJobs::Find(const std::string& tenant_id, const std::string& id,
                                            Millis now) {
  std::lock_guard lock(mutex_);
  Prune(now);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->tenant_id() != tenant_id) return nullptr;
  return it->second;
}

void ImportJobs::Prune(Millis now) {
  std::erase_if(jobs_, [&](const auto& item) {
    const Millis finished = item.second->finished_at();
    return finished != 0 && finished + kKeepFinished < now;
  });
}

}  // namespace kefu::http
