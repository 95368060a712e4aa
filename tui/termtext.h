/* Text for the terminal: display width of UTF-8, truncation with an ellipsis,
 * and replacing control characters so data cannot drive the terminal. */
#ifndef JIB_TERMTEXT_H
#define JIB_TERMTEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when the locale's character set is UTF-8 (set by setlocale). */
bool termtext_utf8(void);
/* core/text.c's text_sanitize for the terminal's character set: controls and
 * invalid bytes become '?', bidi and zero-width characters a visible marker. */
void termtext_sanitize(const char *in, char *out, size_t out_len);
/* The same into a malloc'd string (core/text.c's text_sanitize_dup). */
char *termtext_sanitize_dup(const char *in);
/* Display columns of sanitized text. */
int termtext_width(const char *s);
/* Copies at most `width` display columns of s to out; when cut, the last column
 * is an ellipsis ("…", or "~" outside UTF-8). Returns the columns used. */
int termtext_fit(const char *s, int width, char *out, size_t out_len);

/* Bytes of the longest start of s within width display columns. */
size_t termtext_prefix(const char *s, int width);
/* As termtext_fit, but a cut takes out the middle ("/home/…/history.csv"):
 * for paths, whose end names the file. */
int termtext_fit_middle(const char *s, int width, char *out, size_t out_len);

#endif
