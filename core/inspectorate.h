/* The five inspectorates, their canonical codes and the names exports use. */
#ifndef JIB_INSPECTORATE_H
#define JIB_INSPECTORATE_H

#include <stdbool.h>
#include <stddef.h>

enum inspectorate {
    INSP_OFSTED,
    INSP_CQC,
    INSP_HMICFRS,
    INSP_HMI_PROBATION,
    INSP_HMI_PRISONS,
    INSP_COUNT
};

bool inspectorate_parse(const char *text, enum inspectorate *out, char *why, size_t why_len);
const char *inspectorate_code(enum inspectorate insp);  /* "hmi_probation" */
const char *inspectorate_label(enum inspectorate insp); /* "HMI Probation" */
/* Index of a canonical code, or -1. */
int inspectorate_from_code(const char *code);

#endif
