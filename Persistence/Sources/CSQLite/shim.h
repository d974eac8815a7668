// The system SQLite, as the `CSQLite` module. Only what Swift cannot import by itself lives here.
#include <sqlite3.h>

/// `SQLITE_TRANSIENT` is a cast of -1 to a function pointer: a macro Swift cannot import.
/// Binding with it makes SQLite copy the bytes before the bind call returns.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

/// Extended result codes are macros of the form `(SQLITE_CONSTRAINT | (8<<8))`, which Swift does
/// not import: these constants carry their values.
static const int csqlite_constraint_unique = SQLITE_CONSTRAINT_UNIQUE;
static const int csqlite_constraint_primarykey = SQLITE_CONSTRAINT_PRIMARYKEY;
static const int csqlite_constraint_foreignkey = SQLITE_CONSTRAINT_FOREIGNKEY;
static const int csqlite_constraint_trigger = SQLITE_CONSTRAINT_TRIGGER;
static const int csqlite_constraint_notnull = SQLITE_CONSTRAINT_NOTNULL;
static const int csqlite_constraint_check = SQLITE_CONSTRAINT_CHECK;
static const int csqlite_readonly_dbmoved = SQLITE_READONLY_DBMOVED;
