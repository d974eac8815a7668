/*
** The operating-system layer of SQLite in the Persistence wasm chunk (compiled with SQLITE_OS_OTHER=1).
**
** Purpose: in a browser or under Node, a wasm chunk has no file system. SQLite runs here on an
** in-memory VFS; durability is the JS side's job (it exports the database as bytes with
** sqlite3_serialize after a commit and imports a snapshot with sqlite3_deserialize on load).
**
** Design: the default VFS, "ruvswarm-memory", hands every main database to SQLite's own `memdb` VFS
** (src/memdb.c, registered by sqlite3_initialize right after this file's sqlite3_os_init). A path
** that starts with '/' names a memdb store shared by every connection of this chunk that opens the
** same path; the store is freed when its last connection closes. memdb reports SQLITE_OPEN_MEMORY, so
** the pager keeps rollback journals in memory, and SQLITE_TEMP_STORE=3 keeps temporary files there:
** no other file is ever opened, and any such request fails with SQLITE_CANTOPEN.
**
** Invariants:
**   - `sqlite3_vfs_find(0)` is this VFS; its `szOsFile` is at least memdb's, so the file object
**     SQLite allocates for it can hold memdb's.
**   - Randomness comes from `arc4random_buf`, which the runtime chunk implements with the host's
**     crypto.getRandomValues.
**   - There is no clock: xCurrentTime fails, so SQL's date('now') is NULL. Persistence never asks
**     SQLite for the time (its stores take `now` from their Swift clock).
**   - Sleeping is not possible on the JS main thread: xSleep returns at once (the database is never
**     busy: one thread, exclusive memdb stores).
*/
#include <stddef.h>
#include <string.h>
#include "sqlite3.h"

void arc4random_buf(void *buffer, size_t count);

static sqlite3_vfs *memdb(void) { return sqlite3_vfs_find("memdb"); }

static int memoryOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags) {
  (void)vfs;
  sqlite3_vfs *target = memdb();
  if (target == 0 || (flags & SQLITE_OPEN_MAIN_DB) == 0) return SQLITE_CANTOPEN;
  return target->xOpen(target, name, file, flags, outFlags);
}

static int memoryDelete(sqlite3_vfs *vfs, const char *name, int syncDirectory) {
  (void)vfs; (void)name; (void)syncDirectory;
  return SQLITE_OK;
}

static int memoryAccess(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
  (void)vfs; (void)name; (void)flags;
  *result = 0;
  return SQLITE_OK;
}

static int memoryFullPathname(sqlite3_vfs *vfs, const char *name, int size, char *out) {
  (void)vfs;
  size_t length = strlen(name);
  if (length + 1 > (size_t)size) return SQLITE_CANTOPEN;
  memcpy(out, name, length + 1);
  return SQLITE_OK;
}

static int memoryRandomness(sqlite3_vfs *vfs, int count, char *out) {
  (void)vfs;
  if (count > 0) arc4random_buf(out, (size_t)count);
  return count;
}

static int memorySleep(sqlite3_vfs *vfs, int microseconds) {
  (void)vfs; (void)microseconds;
  return 0;
}

static int memoryCurrentTime(sqlite3_vfs *vfs, double *now) {
  (void)vfs; (void)now;
  return SQLITE_ERROR;
}

static int memoryCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *now) {
  (void)vfs; (void)now;
  return SQLITE_ERROR;
}

static int memoryGetLastError(sqlite3_vfs *vfs, int size, char *out) {
  (void)vfs;
  if (size > 0) out[0] = 0;
  return 0;
}

static sqlite3_vfs memoryVFS = {
  2,                       /* iVersion */
  64,                      /* szOsFile: >= memdb's MemFile (three words on wasm32) */
  512,                     /* mxPathname */
  0,                       /* pNext */
  "ruvswarm-memory",       /* zName */
  0,                       /* pAppData */
  memoryOpen, memoryDelete, memoryAccess, memoryFullPathname,
  0, 0, 0, 0,              /* no dynamic loading (SQLITE_OMIT_LOAD_EXTENSION) */
  memoryRandomness, memorySleep, memoryCurrentTime, memoryGetLastError,
  memoryCurrentTimeInt64,
  0, 0, 0                  /* iVersion 3 system-call overrides: unused */
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&memoryVFS, 1); }

int sqlite3_os_end(void) { return SQLITE_OK; }
