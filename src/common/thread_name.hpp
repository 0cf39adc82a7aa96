// Thread names, so that top -H, perf, gdb and /proc/PID/task/*/comm tell the server's threads
// apart (kefu-io-0, kefu-writer, kefu-checkpoint, ...).
#pragma once

#include <string>
#include <string_view>
#include <thread>

namespace kefu {

// Names a thread from the one that started it, so the name is there before the thread runs.
// Linux keeps at most 15 bytes of a thread's name; a longer name is cut to its first 15.
void NameThread(std::thread& thread, std::string_view name);

// The calling thread's name as the kernel keeps it ("" if it cannot be read).
std::string ThisThreadName();

}  // namespace kefu
