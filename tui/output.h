/* Printing rowsets for people (aligned table) and scripts (CSV, JSON). */
#ifndef JIB_OUTPUT_H
#define JIB_OUTPUT_H

#include <stdio.h>

#include "core/rowset.h"

/* xlsx is written to a file (-o), by tui/cli_output.c, never to a stream. */
enum output_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON, FORMAT_XLSX };

/* "table", "csv", "json" or "xlsx"; -1 otherwise. */
int output_format_parse(const char *text);
/* 0, or -1 on an I/O error. */
int output_rowset(FILE *out, const struct rowset *rs, enum output_format format);
int output_table(FILE *out, const struct rowset *rs);
int output_json(FILE *out, const struct rowset *rs);

/* A new rowset of the named columns (comma separated, like ps -o), in that
 * order; NULL with err listing the valid names when one is unknown. */
struct rowset *output_project(const struct rowset *rs, const char *columns, char *err,
                              size_t err_len);
/* A table that fits width display columns: columns in the priority order
 * (comma-separated names, the rest after), each whole or, for long free text,
 * cut by display width with an ellipsis; those that do not fit are left out
 * and named in hidden. 0, or -1 on an I/O error. */
int output_table_fit(FILE *out, const struct rowset *rs, int width, const char *priority,
                     char *hidden, size_t hidden_len);

/* JSON building blocks (values escaped by SQLite's json_quote), for nested output. */
struct json_out;
struct json_out *json_out_open(FILE *out);
void json_out_close(struct json_out *j);
/* Writes one rowset row as an object. */
void json_out_row(struct json_out *j, const struct rowset *rs, size_t row);
/* Writes a JSON string (or null for NULL / ""). */
void json_out_string(struct json_out *j, const char *s);
/* Writes the rowset as an array of objects (no trailing newline). */
void json_out_array(struct json_out *j, const struct rowset *rs);
FILE *json_out_file(struct json_out *j);

#endif
