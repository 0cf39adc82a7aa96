// The "kefu" SQLite VFS: the platform's default VFS with the write-ahead log's writes gathered.
//
// SQLite writes every WAL frame with two write calls (the 24-byte frame header, then the page),
// so a group commit that changes 200 pages costs 400 syscalls before its fsync — on a machine
// where a syscall costs a microsecond or more, that is most of a message's price. This VFS keeps
// contiguous WAL writes in a per-file buffer and hands them to the real file in one write when
// SQLite syncs (the commit point), reads, truncates, asks the size or closes the file. Durability
// is unchanged: nothing is acknowledged before the sync, and the sync writes the buffer first.
// Other files (the database, the shared-memory index) pass straight through.
//
// Thread-safety: as SQLite's own VFS; a file object is used by one connection at a time.
#pragma once

namespace kefu::storage::sqlite {

// The name to pass to sqlite3_open_v2. Registers the VFS on first use (thread-safe); never the
// process's default VFS.
const char* BatchingVfsName();

}  // namespace kefu::storage::sqlite
