/* Judgement grades: 1 outstanding, 2 good, 3 requires improvement, 4 inadequate,
 * GRADE_NONE for "not judged". */
#ifndef JIB_GRADE_H
#define JIB_GRADE_H

#include <stdbool.h>
#include <stddef.h>

#define GRADE_NONE 0
enum { GRADE_OUTSTANDING = 1, GRADE_GOOD, GRADE_REQUIRES_IMPROVEMENT, GRADE_INADEQUATE };

/* Parses a judgement. Not-judged values and exporters' placeholders give
 * GRADE_NONE; anything else is an error with a reason in why. */
bool grade_parse(const char *text, int *grade, char *why, size_t why_len);
/* Canonical name ("requires_improvement"), or "" for GRADE_NONE. */
const char *grade_name(int grade);
/* People's label ("requires improvement"). */
const char *grade_label(int grade);
/* The worse of two grades, ignoring GRADE_NONE. */
int grade_worse(int a, int b);

#endif
