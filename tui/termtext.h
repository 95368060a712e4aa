/* Text for the terminal: display width of UTF-8, truncation with an ellipsis,
 * and replacing control characters so data cannot drive the terminal. */
#ifndef JIB_TERMTEXT_H
#define JIB_TERMTEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when the locale's character set is UTF-8 (set by setlocale). */
bool termtext_utf8(void);
/* Copies in to out replacing C0, DEL and C1 controls (and invalid UTF-8 bytes)
 * with '?'. Outside UTF-8 locales non-ASCII characters become '?' too. */
void termtext_sanitize(const char *in, char *out, size_t out_len);
/* Display columns of sanitized text. */
int termtext_width(const char *s);
/* Copies at most `width` display columns of s to out; when cut, the last column
 * is an ellipsis ("…", or "~" outside UTF-8). Returns the columns used. */
int termtext_fit(const char *s, int width, char *out, size_t out_len);

#endif
