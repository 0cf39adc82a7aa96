// One load-generator process: a share of the visitors and agents on one thread, driven by line
// commands from the coordinator over a socket (see worker.cpp for the command set).
#pragma once

#include <string>

#include "protocol.hpp"

namespace kefu::bench {

struct WorkerConfig {
  int worker = 0;    // this worker's number
  int workers = 1;   // how many there are; visitor i and agent j belong to worker i % workers
  int visitors = 0;  // in the whole run
  int agents = 0;
  double connect_rate = 1000;  // handshakes per second, this worker
  int max_inflight_connects = 256;
  double think_ms = 0;      // mean agent think time (exponential); 0 answers at once
  int text_bytes = 64;      // message size, padded with Chinese text
  bool reconnect = false;   // reconnect and resume dropped connections
  bool keep_acked = false;  // remember every ack to check the database at the end
  const Protocol* protocol = nullptr;
};

// Runs until the coordinator says "quit" or closes `fd`. Returns the process exit code.
int RunWorker(const WorkerConfig& config, int fd);

}  // namespace kefu::bench
