// kefu_handoff_probe: what this machine charges for the things a chat message is made of, apart
// from Kefu's own code. A message at S2's rate crosses threads that are asleep when it arrives
// (an I/O thread, the storage writer, an I/O thread again, the receiving client), so the price
// of waking a sleeping thread bounds the server's CPU per message from below; the price of a
// plain system call says which system calls are worth removing.
//
// Usage: kefu_handoff_probe [--rounds N] [--gap-us G]
//   handoffs  two threads pass a token back and forth through eventfds, each blocking in read()
//             until woken: CPU (user + system, both threads) per handoff, and voluntary context
//             switches per handoff. With --gap-us the passer naps between rounds, as threads do
//             when messages are 500 µs apart (S2), so the woken thread's CPU may have gone idle.
//   syscalls  CPU per call, in a tight loop: recvmsg on an empty non-blocking socket (EAGAIN),
//             epoll_wait with timeout 0 on an idle epoll, fcntl F_SETLK lock and unlock.
#include <fcntl.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

namespace {

struct Usage {
  double cpu_seconds = 0;
  long voluntary_switches = 0;
};

Usage ProcessUsage() {
  rusage r{};
  getrusage(RUSAGE_SELF, &r);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec);
  };
  return {seconds(r.ru_utime) + seconds(r.ru_stime), r.ru_nvcsw};
}

void Pass(int fd) {
  const std::uint64_t one = 1;
  if (write(fd, &one, sizeof one) != sizeof one) std::abort();
}

void Take(int fd) {
  std::uint64_t value = 0;
  if (read(fd, &value, sizeof value) != sizeof value) std::abort();
}

// Each round is two handoffs: there and back.
void Handoffs(long rounds, long gap_us) {
  const int there = eventfd(0, EFD_CLOEXEC);
  const int back = eventfd(0, EFD_CLOEXEC);
  std::thread peer([&] {
    for (long i = 0; i < rounds; ++i) {
      Take(there);
      Pass(back);
    }
  });
  // Let the peer block first.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const Usage before = ProcessUsage();
  const auto start = std::chrono::steady_clock::now();
  for (long i = 0; i < rounds; ++i) {
    Pass(there);
    Take(back);
    if (gap_us > 0) std::this_thread::sleep_for(std::chrono::microseconds(gap_us));
  }
  const auto wall = std::chrono::steady_clock::now() - start;
  peer.join();
  const Usage after = ProcessUsage();
  const double handoffs = 2.0 * static_cast<double>(rounds);
  std::printf(
      "handoffs (gap %ld us): %.1f CPU us per handoff, %.2f voluntary switches per handoff, "
      "%.1f us wall per round\n",
      gap_us, 1e6 * (after.cpu_seconds - before.cpu_seconds) / handoffs,
      static_cast<double>(after.voluntary_switches - before.voluntary_switches) / handoffs,
      std::chrono::duration<double, std::micro>(wall).count() / static_cast<double>(rounds));
  if (gap_us > 0) {
    std::printf("  (includes the passer's own nap: one timer wake per round)\n");
  }
  close(there);
  close(back);
}

template <typename Call>
void Time(const char* name, long calls, Call call) {
  const Usage before = ProcessUsage();
  for (long i = 0; i < calls; ++i) call(i);
  const Usage after = ProcessUsage();
  std::printf("%-34s %.2f CPU us per call\n", name,
              1e6 * (after.cpu_seconds - before.cpu_seconds) / static_cast<double>(calls));
}

void Syscalls(long calls) {
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair) != 0) std::abort();
  char buffer[256];
  Time("recvmsg, nothing to read (EAGAIN)", calls, [&](long) {
    iovec io{buffer, sizeof buffer};
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    (void)recvmsg(pair[0], &message, 0);
  });
  const int epoll = epoll_create1(EPOLL_CLOEXEC);
  epoll_event interest{};
  interest.events = EPOLLIN | EPOLLET;
  epoll_ctl(epoll, EPOLL_CTL_ADD, pair[0], &interest);
  epoll_event ready[16];
  Time("epoll_wait, timeout 0, idle", calls, [&](long) { (void)epoll_wait(epoll, ready, 16, 0); });
  char path[] = "/tmp/kefu-handoff-probe-XXXXXX";
  const int file = mkstemp(path);
  unlink(path);
  Time("fcntl F_SETLK, lock or unlock", calls, [&](long i) {
    struct flock lock {};
    lock.l_type = static_cast<short>((i & 1) != 0 ? F_UNLCK : F_RDLCK);
    lock.l_whence = SEEK_SET;
    lock.l_start = 1024;
    lock.l_len = 1;
    (void)fcntl(file, F_SETLK, &lock);
  });
  close(file);
  close(epoll);
  close(pair[0]);
  close(pair[1]);
}

}  // namespace

int main(int argc, char** argv) {
  long rounds = 20000;
  long gap_us = -1;  // both: none and S2's ~500 µs
  for (int i = 1; i < argc; i += 2) {
    const std::string flag = argv[i];
    const bool valued = i + 1 < argc;  // a flag without its value (or --help) gets the usage
    if (valued && flag == "--rounds") {
      rounds = std::strtol(argv[i + 1], nullptr, 10);
    } else if (valued && flag == "--gap-us") {
      gap_us = std::strtol(argv[i + 1], nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: %s [--rounds N] [--gap-us G]\n", argv[0]);
      return 2;
    }
  }
  if (rounds <= 0) {
    std::fprintf(stderr, "--rounds must be positive\n");
    return 2;
  }
  if (gap_us < 0) {
    Handoffs(rounds, 0);
    Handoffs(rounds / 4, 500);
  } else {
    Handoffs(rounds, gap_us);
  }
  Syscalls(10 * rounds);
  return 0;
}
