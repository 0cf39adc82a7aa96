// kefu: the customer-service server.
//   kefu serve [--config kefu.toml] [--listen 127.0.0.1:8080] [--data ./data] [--web-root web/dist]
//              [--demo]
//   kefu bench-seed --data DIR [--tenant bench] [--agents N] [--capacity C] --tokens FILE
//   kefu kb eval --kb KB.jsonl --queries Q.jsonl [--top 10] [--dict dict.txt] [--param name=value]
//   kefu version
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/bench_seed.hpp"
#include "app/config.hpp"
#include "app/server.hpp"
#include "auth/token_signer.hpp"
#include "bot/kb_eval.hpp"
#include "common/log.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace {

kefu::log::Level ParseLevel(const std::string& level) {
  if (level == "debug") return kefu::log::Level::kDebug;
  if (level == "warn") return kefu::log::Level::kWarn;
  if (level == "error") return kefu::log::Level::kError;
  return kefu::log::Level::kInfo;
}

int Serve(const std::string& config_file, const std::string& listen, const std::string& data,
          const std::string& web_root, bool demo) {
  kefu::app::ServeConfig config;
  if (!config_file.empty()) {
    if (auto r = kefu::app::LoadConfigFile(config_file, config); !r) {
      std::cerr << "kefu: " << r.error().message << "\n";
      return 2;
    }
  }
  // Flags win over the file.
  if (!listen.empty()) {
    if (auto r = kefu::app::ParseListen(listen, config); !r) {
      std::cerr << "kefu: " << r.error().message << "\n";
      return 2;
    }
  }
  if (!data.empty()) config.data_dir = data;
  if (!web_root.empty()) config.web_root = web_root;
  if (demo) config.demo = true;
  kefu::log::SetLevel(ParseLevel(config.log_level));

  kefu::SystemClock clock;
  std::unique_ptr<kefu::app::Server> server;
  try {
    server = std::make_unique<kefu::app::Server>(config, clock);
    if (config.demo) std::cout << server->SeedDemo() << std::flush;
  } catch (const std::exception& error) {
    std::cerr << "kefu: cannot start: " << error.what() << "\n";
    return 1;
  }
  server->Start();
  // Scripts and tests wait for this exact line.
  std::cout << "kefu: listening on " << server->base_url() << std::endl;
  server->RunUntilSignalled();
  return 0;
}

int BenchSeed(const std::string& data, const kefu::app::BenchSeedOptions& options,
              const std::string& tokens_file) {
  try {
    std::filesystem::create_directories(data);
    kefu::storage::sqlite::SqliteStore store(data + "/kefu.db");
    const kefu::auth::TokenSigner signer(kefu::auth::LoadOrCreateSecret(data + "/secret.key"));
    kefu::SystemClock clock;
    const auto tokens = kefu::app::SeedBenchTenant(store, signer, clock, options);
    store.Close();
    std::ofstream out(tokens_file);
    for (const auto& token : tokens) out << token << "\n";
    if (!out.flush()) throw std::runtime_error("cannot write " + tokens_file);
    std::cout << "kefu: tenant " << options.tenant << " has " << tokens.size()
              << " agents signed in; tokens in " << tokens_file << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "kefu: bench-seed: " << error.what() << "\n";
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Kefu (客服): online customer service — chat widget, agent workspace, server"};
  app.require_subcommand(1);

  std::string config_file, listen, data, web_root;
  bool demo = false;
  auto* serve = app.add_subcommand("serve", "Run the HTTP and WebSocket server");
  serve->add_option("--config", config_file, "TOML configuration file");
  serve->add_option("--listen", listen, "Address to listen on, host:port (default 127.0.0.1:8080)");
  serve->add_option("--data", data, "Data directory (default ./data)");
  serve->add_option("--web-root", web_root, "Directory of the built web pages (default web/dist)");
  serve->add_flag("--demo", demo, "Create the demo bank tenant and print its logins");
  std::string seed_data = "./data", tokens_file;
  kefu::app::BenchSeedOptions seed;
  auto* bench_seed = app.add_subcommand(
      "bench-seed", "Prepare a data directory for kefu-loadgen: a tenant, agents and sessions");
  bench_seed->add_option("--data", seed_data, "Data directory (the server must not be running)");
  bench_seed->add_option("--tenant", seed.tenant, "Tenant slug (default bench)");
  bench_seed->add_option("--agents", seed.agents, "Number of agents");
  bench_seed->add_option("--capacity", seed.capacity, "Concurrent conversations per agent");
  bench_seed->add_option("--tokens", tokens_file, "Where to write the session tokens")->required();
  kefu::bot::KbEvalOptions kb_eval;
  std::vector<std::string> kb_params;
  auto* kb = app.add_subcommand("kb", "Knowledge-base tools");
  kb->require_subcommand(1);
  auto* kb_eval_command = kb->add_subcommand(
      "eval", "Rank a labelled query set against a knowledge base: recall, MRR, latency");
  kb_eval_command->add_option("--kb", kb_eval.kb_path, "Knowledge base, JSON Lines")->required();
  kb_eval_command
      ->add_option("--queries", kb_eval.queries_path, "Queries with gold ids, JSON Lines")
      ->required();
  kb_eval_command->add_option("--top", kb_eval.top, "Candidates ranked per query (default 10)");
  kb_eval_command->add_option("--dict", kb_eval.dictionary_path, "jieba dictionary (dict.txt)");
  kb_eval_command->add_option("--param", kb_params,
                              "Override a matcher weight, name=value (see docs/kb.md)");
  app.add_subcommand("version", "Print the version")->callback([] {
    std::cout << "kefu " << KEFU_VERSION << "\n";
  });

  CLI11_PARSE(app, argc, argv);
  if (serve->parsed()) return Serve(config_file, listen, data, web_root, demo);
  if (bench_seed->parsed()) return BenchSeed(seed_data, seed, tokens_file);
  if (kb_eval_command->parsed()) {
    for (const auto& param : kb_params) {
      if (auto r = kefu::bot::SetAnalyzerParameter(param, kb_eval.analyzer); !r) {
        std::cerr << "kefu kb eval: " << r.error().message << "\n";
        return 2;
      }
    }
    return kefu::bot::RunKbEval(kb_eval, std::cout, std::cerr);
  }
  return 0;
}
