/*
 * Redacts a chat transcript (or any file, or stdin) with the stream API, reading it in small
 * chunks as a contact-center app would receive it, and writes the redacted text to stdout.
 *
 *   cc -std=c11 redact_stream.c $(pkg-config --cflags --libs redactor) -o redact_stream
 *   ./redact_stream examples/data/chat-transcript.txt [CHUNK_BYTES] [CONFIG_JSON]
 *
 * The output is byte for byte the one-shot redaction of the whole file, whatever CHUNK_BYTES.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redactor.h"

/* Writes out what a push or finish produced, growing `buf` when the stream asks for more room
 * (BUFFER_TOO_SMALL: the input was taken; an empty push collects the waiting output). */
static int drain(redactor_stream_t *s, redactor_status st, uint8_t **buf, size_t *cap, size_t n) {
  if (st == REDACTOR_STATUS_BUFFER_TOO_SMALL) {
    uint8_t *bigger = realloc(*buf, n);
    if (bigger == NULL) return -1;
    *buf = bigger;
    *cap = n;
    st = redactor_stream_push(s, NULL, 0, *buf, *cap, &n);
  }
  if (st != REDACTOR_STATUS_OK) {
    fprintf(stderr, "redact_stream: %s\n", redactor_last_error());
    return -1;
  }
  return fwrite(*buf, 1, n, stdout) == n ? 0 : -1;
}

int main(int argc, char **argv) {
  FILE *in = stdin;
  if (argc > 1 && strcmp(argv[1], "-") != 0 && (in = fopen(argv[1], "rb")) == NULL) {
    perror(argv[1]);
    return 1;
  }
  size_t chunk = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 64;
  if (chunk == 0) chunk = 64;

  const redactor_t *r = NULL;
  redactor_status st = argc > 3 ? redactor_new_from_json((const uint8_t *)argv[3],
                                                         strlen(argv[3]), &r)
                                : redactor_new(&r);
  if (st != REDACTOR_STATUS_OK) {
    fprintf(stderr, "redact_stream: %s\n", redactor_last_error());
    return 1;
  }
  redactor_stream_t *s = NULL;
  if (redactor_stream_new(r, &s) != REDACTOR_STATUS_OK) {
    fprintf(stderr, "redact_stream: %s\n", redactor_last_error());
    redactor_free(r);
    return 1;
  }
  redactor_free(r); /* the stream keeps what it needs */

  uint8_t *input = malloc(chunk);
  size_t cap = chunk + 256; /* usually enough; drain() grows it when not */
  uint8_t *out = malloc(cap);
  int rc = input != NULL && out != NULL ? 0 : -1;
  size_t got, n = 0;
  while (rc == 0 && (got = fread(input, 1, chunk, in)) > 0) {
    st = redactor_stream_push(s, input, got, out, cap, &n);
    rc = drain(s, st, &out, &cap, n);
  }
  if (rc == 0 && ferror(in)) rc = -1;
  if (rc == 0) {
    st = redactor_stream_finish(s, out, cap, &n);
    rc = drain(s, st, &out, &cap, n);
  }

  redactor_stream_free(s);
  free(input);
  free(out);
  if (in != stdin) fclose(in);
  return rc == 0 ? 0 : 1;
}
