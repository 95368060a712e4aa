/* libFuzzer harness: the name, enumeration, header, grade and inspectorate
 * normalisers and the sanitiser, on any bytes: no overflow, results always
 * terminated, the sanitiser never lets a control character through. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/grade.h"
#include "core/inspectorate.h"
#include "core/kind.h"
#include "core/text.h"
#include "import/columns.h"

static void check_clean(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            abort();
        if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
            abort();
    }
    if (!text_utf8_valid(s, strlen(s)))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char out[64], why[256], big[4096];
    text_name_key(text, out, sizeof out);
    text_enum_key(text, out, sizeof out);
    text_trim_copy(text, out, sizeof out);
    columns_normalise(text, out, sizeof out);
    int grade;
    grade_parse(text, &grade, why, sizeof why);
    enum inspectorate insp;
    if (inspectorate_parse(text, &insp, why, sizeof why) && !inspectorate_code(insp))
        abort();
    enum_parse(&inspection_types, text, why, sizeof why);
    text_sanitize(text, true, out, sizeof out);
    check_clean(out);
    text_sanitize(text, true, big, sizeof big);
    check_clean(big);
    char *dup = text_sanitize_dup(text, true);
    if (dup) {
        check_clean(dup);
        free(dup);
    }
    text_sanitize(text, false, out, sizeof out);
    for (const unsigned char *p = (const unsigned char *)out; *p; p++)
        if (*p < 0x20 || *p >= 0x7f)
            abort();
    free(text);
    return 0;
}
