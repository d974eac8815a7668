/*
** Insert throughput of SQLite, the same C code compiled natively and for wasm32
** (Persistence/JS/bench/bench.sh runs both in one run and prints the ratio).
**
** bench_insert(rows, batch): a fresh in-memory database shaped like agent memory (text key, blob
** value, expiry), then `rows` upserts through one prepared statement, committed every `batch` rows.
** Returns the row count read back (the answer is checked before any time is reported), or -1.
*/
#include <stdint.h>
#include <string.h>
#include "sqlite3.h"

int bench_insert(int rows, int batch) {
  sqlite3 *db = 0;
  sqlite3_stmt *insert = 0, *count = 0;
  int result = -1;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 0) != SQLITE_OK) goto done;
  if (sqlite3_exec(db, "CREATE TABLE memory(key TEXT PRIMARY KEY, value BLOB NOT NULL, expires INTEGER) WITHOUT ROWID", 0, 0, 0) != SQLITE_OK) goto done;
  if (sqlite3_prepare_v2(db, "INSERT INTO memory VALUES (?1, ?2, ?3) ON CONFLICT(key) DO UPDATE SET value = excluded.value", -1, &insert, 0) != SQLITE_OK) goto done;
  unsigned char value[64];
  char key[32];
  for (int i = 0; i < rows; i++) {
    if (i % batch == 0 && sqlite3_exec(db, "BEGIN", 0, 0, 0) != SQLITE_OK) goto done;
    uint32_t h = (uint32_t)i * 2654435761u;
    for (int b = 0; b < 64; b++) value[b] = (unsigned char)(h >> (b % 4 * 8)) ^ (unsigned char)b;
    int n = 0;
    key[n++] = 'k';
    for (uint32_t v = h; n < 9; v >>= 4) key[n++] = "0123456789abcdef"[v & 15];
    for (int v = i; v > 0 && n < 30; v /= 10) key[n++] = (char)('0' + v % 10);
    if (sqlite3_bind_text(insert, 1, key, n, SQLITE_STATIC) != SQLITE_OK) goto done;
    if (sqlite3_bind_blob(insert, 2, value, 64, SQLITE_STATIC) != SQLITE_OK) goto done;
    if (sqlite3_bind_int64(insert, 3, (sqlite3_int64)i * 1000) != SQLITE_OK) goto done;
    if (sqlite3_step(insert) != SQLITE_DONE) goto done;
    sqlite3_reset(insert);
    if ((i % batch == batch - 1 || i == rows - 1) && sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK) goto done;
  }
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM memory", -1, &count, 0) != SQLITE_OK) goto done;
  if (sqlite3_step(count) == SQLITE_ROW) result = sqlite3_column_int(count, 0);
done:
  sqlite3_finalize(count);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return result;
}

#ifdef BENCH_NATIVE_MAIN
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
/* Usage: insert-bench <rows> <batch> <repeats>: prints the best time in milliseconds. */
int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: %s rows batch repeats\n", argv[0]); return 2; }
  int rows = atoi(argv[1]), batch = atoi(argv[2]), repeats = atoi(argv[3]);
  double best = 1e300;
  for (int r = 0; r < repeats; r++) {
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    int n = bench_insert(rows, batch);
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (n != rows) { fprintf(stderr, "insert-bench: read back %d rows, expected %d\n", n, rows); return 1; }
    double ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
    if (ms < best) best = ms;
  }
  printf("%.3f\n", best);
  return 0;
}
#endif
