/* libFuzzer harness: the date parser. Whatever it accepts must be a real
 * calendar date that formats as ISO and parses back to the same day. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    jdate day, again;
    char why[160], iso[DATE_ISO_LEN];
    if (date_parse(text, &day, why, sizeof why)) {
        int y, m, d;
        date_to_ymd(day, &y, &m, &d);
        if (!date_ymd_valid(y, m, d))
            abort();
        date_format(day, iso);
        if (!date_parse_iso(iso, &again) || again != day)
            abort();
        /* month arithmetic stays a valid date and never wraps */
        jdate later = date_add_months(day, 36);
        if (later < day)
            abort();
    }
    free(text);
    return 0;
}
