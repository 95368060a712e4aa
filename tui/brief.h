/* Rendering a joint brief (core/brief.h) as one self-contained HTML page that
 * prints on A4, or as Markdown. Every data string is escaped. */
#ifndef JIB_TUI_BRIEF_H
#define JIB_TUI_BRIEF_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/brief.h"

enum brief_format { BRIEF_HTML, BRIEF_MD };

/* Writes the brief; 0, or -1 when writing failed (ferror). */
int brief_write_html(FILE *out, const struct brief *b);
int brief_write_md(FILE *out, const struct brief *b);

int brief_write(FILE *out, const struct brief *b, enum brief_format format);
/* Writes the brief to path through a temporary file renamed into place
 * (import/outfile.h), with the given mode; no_replace refuses an existing
 * file (errno EEXIST). 0, or -1 with errno set. */
int brief_save(const struct brief *b, enum brief_format format, const char *path, mode_t mode,
               bool no_replace);
/* "html" or "md" (also "markdown"); -1 otherwise. */
int brief_format_parse(const char *text);
const char *brief_format_extension(enum brief_format format);

/* Shared by both renderers (tui/brief_text.c). */
const char *brief_cell(const struct rowset *rs, size_t row, const char *col); /* "" if none */
/* "requires_improvement" -> "Requires improvement"; "" stays "". */
const char *brief_grade_label(const char *name);
/* 1-4 for a canonical grade name, 0 otherwise. */
int brief_grade_of(const char *name);
/* A number as people read it: whole numbers without decimals, else one. */
void brief_number(const char *text, char *out, size_t len);
/* The inspection types that set the cadence. */
int brief_is_full_type(const char *type);

#endif
