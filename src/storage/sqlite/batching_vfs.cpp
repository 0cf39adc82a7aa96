#include "storage/sqlite/batching_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <new>
#include <stdexcept>
#include <vector>

namespace kefu::storage::sqlite {
namespace {

// A group commit rarely writes more than a few MiB of WAL; past this the buffer is written out
// early so that a huge transaction does not hold its whole log in memory.
constexpr std::size_t kMaxBuffered = 8 * 1024 * 1024;
// The unix VFS writes at most 128 KiB - 1 in one call (larger counts are silently cut to 17
// bits), so a flush goes out in chunks of this size.
constexpr std::size_t kMaxWrite = 0x1ffff;

sqlite3_vfs* real_vfs = nullptr;
sqlite3_vfs batching_vfs;

// Our file object: SQLite allocates szOsFile bytes; the real VFS's file lives right after ours.
struct BatchingFile {
  sqlite3_file base;     // base.pMethods is ours
  sqlite3_file* real;    // the wrapped file
  bool batching;         // a WAL file: writes are gathered
  sqlite3_int64 offset;  // file offset of buffer[0]
  std::vector<char>* buffer;
};

constexpr std::size_t kRealOffset = (sizeof(BatchingFile) + 15) & ~std::size_t{15};

BatchingFile* Self(sqlite3_file* file) {
  return reinterpret_cast<BatchingFile*>(file);
}

const sqlite3_io_methods& Real(BatchingFile* f) {
  return *f->real->pMethods;
}

int Flush(BatchingFile* f) {
  if (!f->batching || f->buffer->empty()) return SQLITE_OK;
  const char* data = f->buffer->data();
  const std::size_t size = f->buffer->size();
  int rc = SQLITE_OK;
  for (std::size_t done = 0; done < size && rc == SQLITE_OK; done += kMaxWrite) {
    const std::size_t chunk = std::min(kMaxWrite, size - done);
    rc = Real(f).xWrite(f->real, data + done, static_cast<int>(chunk),
                        f->offset + static_cast<sqlite3_int64>(done));
  }
  f->buffer->clear();
  return rc;
}

int Close(sqlite3_file* file) {
  auto* f = Self(file);
  const int flushed = Flush(f);
  const int rc = Real(f).xClose(f->real);
  delete f->buffer;
  f->buffer = nullptr;
  return flushed != SQLITE_OK ? flushed : rc;
}

int Read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  auto* f = Self(file);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return Real(f).xRead(f->real, out, amount, offset);
}

int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  auto* f = Self(file);
  if (!f->batching) return Real(f).xWrite(f->real, data, amount, offset);
  auto& buffer = *f->buffer;
  const bool contiguous =
      buffer.empty() || offset == f->offset + static_cast<sqlite3_int64>(buffer.size());
  if (!contiguous || buffer.size() + static_cast<std::size_t>(amount) > kMaxBuffered) {
    if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  }
  if (buffer.empty()) f->offset = offset;
  const auto* bytes = static_cast<const char*>(data);
  buffer.insert(buffer.end(), bytes, bytes + amount);
  return SQLITE_OK;
}

int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  auto* f = Self(file);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return Real(f).xTruncate(f->real, size);
}

int Sync(sqlite3_file* file, int flags) {
  auto* f = Self(file);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return Real(f).xSync(f->real, flags);
}

int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  auto* f = Self(file);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return Real(f).xFileSize(f->real, size);
}

int Lock(sqlite3_file* file, int level) {
  return Real(Self(file)).xLock(Self(file)->real, level);
}

int Unlock(sqlite3_file* file, int level) {
  return Real(Self(file)).xUnlock(Self(file)->real, level);
}

int CheckReservedLock(sqlite3_file* file, int* out) {
  return Real(Self(file)).xCheckReservedLock(Self(file)->real, out);
}

int FileControl(sqlite3_file* file, int op, void* arg) {
  auto* f = Self(file);
  // Some controls (size hints, persist-WAL, the VFS name) look at the file as it is on disk.
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return Real(f).xFileControl(f->real, op, arg);
}

int SectorSize(sqlite3_file* file) {
  return Real(Self(file)).xSectorSize(Self(file)->real);
}

int DeviceCharacteristics(sqlite3_file* file) {
  return Real(Self(file)).xDeviceCharacteristics(Self(file)->real);
}

int ShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  return Real(Self(file)).xShmMap(Self(file)->real, region, size, extend, out);
}

int ShmLock(sqlite3_file* file, int offset, int n, int flags) {
  return Real(Self(file)).xShmLock(Self(file)->real, offset, n, flags);
}

void ShmBarrier(sqlite3_file* file) {
  Real(Self(file)).xShmBarrier(Self(file)->real);
}

int ShmUnmap(sqlite3_file* file, int delete_flag) {
  return Real(Self(file)).xShmUnmap(Self(file)->real, delete_flag);
}

int Fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  auto* f = Self(file);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return Real(f).xFetch(f->real, offset, amount, out);
}

int Unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  return Real(Self(file)).xUnfetch(Self(file)->real, offset, page);
}

// Version 3 methods; the version-2 and -3 entries are used only when the real file has them.
sqlite3_io_methods MethodsFor(const sqlite3_io_methods& real) {
  sqlite3_io_methods methods{};
  methods.iVersion = real.iVersion;
  methods.xClose = Close;
  methods.xRead = Read;
  methods.xWrite = Write;
  methods.xTruncate = Truncate;
  methods.xSync = Sync;
  methods.xFileSize = FileSize;
  methods.xLock = Lock;
  methods.xUnlock = Unlock;
  methods.xCheckReservedLock = CheckReservedLock;
  methods.xFileControl = FileControl;
  methods.xSectorSize = SectorSize;
  methods.xDeviceCharacteristics = DeviceCharacteristics;
  if (real.iVersion >= 2) {
    methods.xShmMap = ShmMap;
    methods.xShmLock = ShmLock;
    methods.xShmBarrier = ShmBarrier;
    methods.xShmUnmap = ShmUnmap;
  }
  if (real.iVersion >= 3) {
    methods.xFetch = Fetch;
    methods.xUnfetch = Unfetch;
  }
  return methods;
}

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* f = Self(file);
  f->base.pMethods = nullptr;  // SQLite calls xClose only if pMethods is set
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kRealOffset);
  f->batching = (flags & SQLITE_OPEN_WAL) != 0;
  f->offset = 0;
  f->buffer = nullptr;
  const int rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK || f->real->pMethods == nullptr) return rc;
  f->buffer = new (std::nothrow) std::vector<char>();
  if (f->buffer == nullptr) {
    f->real->pMethods->xClose(f->real);
    return SQLITE_NOMEM;
  }
  // The unix VFS hands out one of a few static method tables; keep one wrapper per table.
  // A deque: its elements never move, so the tables handed out stay valid.
  static std::mutex mutex;
  static std::deque<std::pair<const sqlite3_io_methods*, sqlite3_io_methods>> wrappers;
  std::lock_guard lock(mutex);
  for (const auto& [real, ours] : wrappers) {
    if (real == f->real->pMethods) {
      f->base.pMethods = &ours;
      return SQLITE_OK;
    }
  }
  f->base.pMethods =
      &wrappers.emplace_back(f->real->pMethods, MethodsFor(*f->real->pMethods)).second;
  return SQLITE_OK;
}

// Everything else is the real VFS's, called with the real VFS (the unix VFS reads its own
// pAppData).
int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return real_vfs->xDelete(real_vfs, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return real_vfs->xAccess(real_vfs, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return real_vfs->xFullPathname(real_vfs, name, size, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) {
  return real_vfs->xDlOpen(real_vfs, name);
}
void DlError(sqlite3_vfs*, int size, char* out) {
  real_vfs->xDlError(real_vfs, size, out);
}
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return real_vfs->xDlSym(real_vfs, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) {
  real_vfs->xDlClose(real_vfs, handle);
}
int Randomness(sqlite3_vfs*, int size, char* out) {
  return real_vfs->xRandomness(real_vfs, size, out);
}
int Sleep(sqlite3_vfs*, int micros) {
  return real_vfs->xSleep(real_vfs, micros);
}
int CurrentTime(sqlite3_vfs*, double* out) {
  return real_vfs->xCurrentTime(real_vfs, out);
}
int GetLastError(sqlite3_vfs*, int size, char* out) {
  return real_vfs->xGetLastError(real_vfs, size, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

void Register() {
  real_vfs = sqlite3_vfs_find(nullptr);
  if (real_vfs == nullptr || real_vfs->iVersion < 2) {
    throw std::runtime_error("sqlite: no default VFS of version 2 or later");
  }
  batching_vfs = sqlite3_vfs{};
  batching_vfs.iVersion = 2;
  batching_vfs.szOsFile = static_cast<int>(kRealOffset) + real_vfs->szOsFile;
  batching_vfs.mxPathname = real_vfs->mxPathname;
  batching_vfs.zName = "kefu";
  batching_vfs.xOpen = Open;
  batching_vfs.xDelete = Delete;
  batching_vfs.xAccess = Access;
  batching_vfs.xFullPathname = FullPathname;
  batching_vfs.xDlOpen = DlOpen;
  batching_vfs.xDlError = DlError;
  batching_vfs.xDlSym = DlSym;
  batching_vfs.xDlClose = DlClose;
  batching_vfs.xRandomness = Randomness;
  batching_vfs.xSleep = Sleep;
  batching_vfs.xCurrentTime = CurrentTime;
  batching_vfs.xGetLastError = GetLastError;
  batching_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
  if (const int rc = sqlite3_vfs_register(&batching_vfs, /*makeDflt=*/0); rc != SQLITE_OK) {
    throw std::runtime_error(std::string("sqlite: cannot register the kefu VFS: ") +
                             sqlite3_errstr(rc));
  }
}

}  // namespace

const char* BatchingVfsName() {
  static std::once_flag once;
  std::call_once(once, Register);
  return "kefu";
}

}  // namespace kefu::storage::sqlite
