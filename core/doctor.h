/* `jib doctor`: is a database ready to be shared by a team on one server?
 * Looks at its folder (group, group-write, setgid), the file's mode and group,
 * the -wal and -shm files (who made them, with which group and mode), what
 * this user may do, and the file's own health; says what to fix. */
#ifndef JIB_DOCTOR_H
#define JIB_DOCTOR_H

#include "core/rowset.h"

/* Columns: check, status (ok / warn / fix), detail, fix (a command to run,
 * or empty). *problems counts the rows that are not ok. 0, or -1 when memory
 * runs out. */
int doctor_check(const char *db_path, struct rowset **out, int *problems);

#endif
