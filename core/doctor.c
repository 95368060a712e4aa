#include "core/doctor.h"

#include <errno.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db.h"
#include "core/schema.h"

struct report {
    struct rowset *rs;
    int problems;
};

static void add(struct report *r, const char *check, const char *status, const char *detail,
                const char *fix)
{
    size_t row = rowset_add_row(r->rs);
    rowset_set(r->rs, row, 0, check);
    rowset_set(r->rs, row, 1, status);
    rowset_set(r->rs, row, 2, detail);
    rowset_set(r->rs, row, 3, fix ? fix : "");
    if (strcmp(status, "ok") != 0)
        r->problems++;
}

static const char *group_name(gid_t gid, char *buf, size_t len)
{
    struct group *g = getgrgid(gid);
    if (g)
        snprintf(buf, len, "%s", g->gr_name);
    else
        snprintf(buf, len, "%u", (unsigned)gid);
    return buf;
}

static const char *user_name(uid_t uid, char *buf, size_t len)
{
    struct passwd *p = getpwuid(uid);
    if (p)
        snprintf(buf, len, "%s", p->pw_name);
    else
        snprintf(buf, len, "%u", (unsigned)uid);
    return buf;
}

static void check_folder(struct report *r, const char *dir, const struct stat *st, bool team)
{
    char detail[4400], fix[4400], g[64];
    snprintf(detail, sizeof detail, "%s: mode %03o, group %s%s", dir, st->st_mode & 07777,
             group_name(st->st_gid, g, sizeof g), team ? " (a team folder: group-writable)" : "");
    add(r, "folder", "ok", detail, NULL);
    if (team && !(st->st_mode & S_ISGID)) {
        snprintf(fix, sizeof fix, "chmod g+s '%s'", dir);
        add(r, "folder setgid", "warn",
            "new files there take their creator's group, not the folder's (jib sets the group of "
            "its own files, other programs do not)", fix);
    }
    if (access(dir, W_OK) != 0)
        add(r, "folder write", "warn",
            "you cannot create files in the folder: you can read the database, not change it "
            "(SQLite needs to create -wal and -shm beside it)", NULL);
}

static void check_file(struct report *r, const char *what, const char *path,
                       const struct stat *st, const struct stat *db, bool team)
{
    char detail[4400], fix[4400], g[64], u[64], want_g[64];
    mode_t mode = st->st_mode & 07777;
    mode_t want = team ? 0660 : 0600;
    snprintf(detail, sizeof detail, "%s: owner %s, group %s, mode %03o", path,
             user_name(st->st_uid, u, sizeof u), group_name(st->st_gid, g, sizeof g), mode);
    bool wrong_mode = db == NULL ? (mode & 0007) || (team && (mode & 0060) != 0060)
                                 : (mode & 0777) != ((db->st_mode & 0060) ? 0660 : 0600);
    bool wrong_group = db && st->st_gid != db->st_gid;
    if (!wrong_mode && !wrong_group) {
        add(r, what, "ok", detail, NULL);
        return;
    }
    if (db)
        snprintf(fix, sizeof fix, "as %s: chgrp %s '%s' && chmod %03o '%s'", u,
                 group_name(db->st_gid, want_g, sizeof want_g), path,
                 (db->st_mode & 0060) ? 0660 : 0600, path);
    else
        snprintf(fix, sizeof fix, "as %s: chmod %03o '%s'", u, want, path);
    char why[4600];
    snprintf(why, sizeof why, "%s%s", detail,
             db ? " (should have the database's group and owner-group mode, or its owner cannot "
                  "write)"
                : (mode & 0007) ? " (others can read it: the team's data is not for everyone)"
                                : " (teammates cannot write it)");
    add(r, what, "fix", why, fix);
}

static void check_health(struct report *r, const char *path)
{
    struct db *db = NULL;
    struct error err;
    int rc = db_open(path, DB_EXISTING, true, &db, &err);
    if (rc) {
        add(r, "database", "fix", err.message, NULL);
        return;
    }
    rc = db_quick_check(db, &err);
    add(r, "integrity", rc ? "fix" : "ok", rc ? err.message : "quick_check: ok",
        rc ? "restore the database from a backup" : NULL);
    db_close(db);
}

int doctor_check(const char *path, struct rowset **out, int *problems)
{
    struct report r = {rowset_new_csv("check,status,detail,fix", "tttt"), 0};
    if (!r.rs)
        return -1;
    char *copy = strdup(path);
    if (!copy) {
        rowset_free(r.rs);
        return -1;
    }
    const char *dir = dirname(copy);
    struct stat dst, st;
    if (stat(dir, &dst) != 0) {
        add(&r, "folder", "fix", strerror(errno), NULL);
    } else {
        bool team = (dst.st_mode & S_IWGRP) != 0;
        check_folder(&r, dir, &dst, team);
        if (stat(path, &st) != 0) {
            add(&r, "database", "fix", "no database there: import data or run 'jib demo'", NULL);
        } else {
            check_file(&r, "database", path, &st, NULL, team);
            if (team && st.st_gid != dst.st_gid) {
                char fix[4400], g[64];
                snprintf(fix, sizeof fix, "chgrp %s '%s'", group_name(dst.st_gid, g, sizeof g),
                         path);
                add(&r, "database group", "fix", "the database's group is not the folder's: "
                    "teammates in the folder's group cannot open it", fix);
            }
            if (access(path, R_OK) != 0)
                add(&r, "access", "fix", "you cannot read the database", NULL);
            else if (access(path, W_OK) != 0)
                add(&r, "access", "warn", "you can read the database but not change it", NULL);
            static const char *const suffix[] = {"-wal", "-shm"};
            for (int i = 0; i < 2; i++) {
                size_t len = strlen(path) + 8;
                char *p = malloc(len);
                if (!p)
                    break;
                snprintf(p, len, "%s%s", path, suffix[i]);
                struct stat jst;
                if (lstat(p, &jst) == 0)
                    check_file(&r, suffix[i] + 1, p, &jst, &st, team);
                free(p);
            }
            if (access(path, R_OK) == 0)
                check_health(&r, path);
        }
    }
    free(copy);
    *problems = r.problems;
    *out = r.rs;
    return 0;
}
