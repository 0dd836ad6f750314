/*
 * sqlite3ref: the benchmarks' reference, a minimal stand-in for the sqlite3
 * shell built on the SQLite that Amiable itself links (go-sqlite3's
 * amalgamation, with FTS5). Debian 12's shell (3.40) cannot read the search
 * index (an FTS5 table with contentless_delete, SQLite 3.43).
 *
 * Usage: sqlite3ref -readonly DATABASE < script
 *
 * The script is what the benchmarks feed the shell: dot-commands (ignored),
 * then SQL statements. Each statement is run to its last row, rows
 * discarded, and timed as the shell's ".timer on" prints it:
 * "Run Time: real R user U sys S".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "sqlite3-binding.h"

static double now(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void cpu(double *user, double *sys) {
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	*user = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
	*sys = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static int run(sqlite3 *db, const char *sql) {
	double t0 = now(), u0, s0, u1, s1;
	cpu(&u0, &s0);
	const char *tail = sql;
	while (tail && *tail) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(db, tail, -1, &st, &tail) != SQLITE_OK) {
			fprintf(stderr, "Error: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		if (!st) {
			break;
		}
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		}
		if (rc != SQLITE_DONE) {
			fprintf(stderr, "Error: %s\n", sqlite3_errmsg(db));
			sqlite3_finalize(st);
			return 1;
		}
		sqlite3_finalize(st);
	}
	cpu(&u1, &s1);
	printf("Run Time: real %.3f user %.6f sys %.6f\n", now() - t0, u1 - u0, s1 - s0);
	return 0;
}

int main(int argc, char **argv) {
	if (argc != 3 || strcmp(argv[1], "-readonly") != 0) {
		fprintf(stderr, "usage: sqlite3ref -readonly DATABASE < script\n");
		return 2;
	}
	sqlite3 *db;
	if (sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "Error: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	size_t cap = 1 << 16, len = 0;
	char *sql = malloc(cap);
	char line[1 << 16];
	sql[0] = 0;
	while (fgets(line, sizeof line, stdin)) {
		if (len == 0 && line[0] == '.') {
			continue; /* .timer on, .output /dev/null */
		}
		size_t n = strlen(line);
		if (len + n + 1 > cap) {
			cap = 2 * (len + n + 1);
			sql = realloc(sql, cap);
		}
		memcpy(sql + len, line, n + 1);
		len += n;
		if (sqlite3_complete(sql)) {
			if (run(db, sql)) {
				return 1;
			}
			len = 0;
			sql[0] = 0;
		}
	}
	sqlite3_close(db);
	return 0;
}
