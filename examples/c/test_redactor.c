/*
 * Exercises every function of include/redactor.h, including the error paths: NULL handles and
 * pointers, bad JSON, tiny output buffers, failing callbacks, invalid UTF-8, many threads on one
 * redactor_t. Run by scripts/test-ffi.sh natively, under ASan/UBSan and under valgrind.
 *
 * Usage: test_redactor [TRANSCRIPT]   (with a file, also checks that streaming it in chunks of
 *                                      many sizes gives the one-shot output)
 *
 * Findings come from a custom rule (TICKET-nnnn) so the expectations do not depend on how the
 * built-in detectors evolve.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redactor.h"

static int passed, failed;

#define CHECK(cond)                                                              \
  do {                                                                           \
    if (cond) {                                                                  \
      passed++;                                                                  \
    } else {                                                                     \
      failed++;                                                                  \
      fprintf(stderr, "%s:%d: check failed: %s (last error: %s)\n", __FILE__,    \
              __LINE__, #cond, redactor_last_error());                           \
    }                                                                            \
  } while (0)

#define CHECK_STATUS(call, want) CHECK((call) == (want))
#define OK REDACTOR_STATUS_OK

#define U8(s) ((const uint8_t *)(s))

static const char TICKETS[] =
    "{\"custom_rules\":[{\"name\":\"TICKET\",\"pattern\":\"TICKET-[0-9]{4}\"}]}";
static const char MASKED[] =
    "{\"default_policy\":{\"type\":\"mask\"},"
    "\"custom_rules\":[{\"name\":\"TICKET\",\"pattern\":\"TICKET-[0-9]{4}\"}]}";

static const redactor_t *make(const char *json) {
  const redactor_t *r = NULL;
  if (redactor_new_from_json(U8(json), strlen(json), &r) != OK) {
    fprintf(stderr, "cannot build redactor: %s\n", redactor_last_error());
    exit(2);
  }
  return r;
}

static int contains(const char *hay, const char *needle) { return strstr(hay, needle) != NULL; }

static void test_version(void) {
  char want[32];
  snprintf(want, sizeof want, "%d.%d.%d", REDACTOR_VERSION_MAJOR, REDACTOR_VERSION_MINOR,
           REDACTOR_VERSION_PATCH);
  CHECK(strcmp(redactor_version(), want) == 0);
  CHECK(REDACTOR_VERSION_NUMBER == ((REDACTOR_VERSION_MAJOR << 16) |
                                    (REDACTOR_VERSION_MINOR << 8) | REDACTOR_VERSION_PATCH));
#if REDACTOR_VERSION_NUMBER < 0x000100
#error "the packed version number must be usable in #if"
#endif
}

static void test_status_messages(void) {
  const uint32_t all[] = {
      REDACTOR_STATUS_OK,          REDACTOR_STATUS_NULL_ARGUMENT,
      REDACTOR_STATUS_BUFFER_TOO_SMALL, REDACTOR_STATUS_INVALID_ARGUMENT,
      REDACTOR_STATUS_INVALID_UTF8, REDACTOR_STATUS_INVALID_CONFIG,
      REDACTOR_STATUS_INVALID_PATTERN, REDACTOR_STATUS_UNSUPPORTED_POLICY,
      REDACTOR_STATUS_IO,          REDACTOR_STATUS_CALLBACK_FAILED,
      REDACTOR_STATUS_PANIC,       REDACTOR_STATUS_POISONED,
      REDACTOR_STATUS_OTHER_ERROR};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    const char *m = redactor_status_message(all[i]);
    CHECK(m != NULL && m[0] != '\0' && strcmp(m, "unknown status") != 0);
  }
  CHECK(strcmp(redactor_status_message(12345), "unknown status") == 0);
  CHECK(REDACTOR_STATUS_OK == 0);
}

static void test_construction(void) {
  const redactor_t *r = NULL;
  CHECK_STATUS(redactor_new(&r), OK);
  CHECK(r != NULL);
  redactor_free(r);
  CHECK_STATUS(redactor_new(NULL), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK(contains(redactor_last_error(), "out"));

  /* Bad JSON: a status and a message that names the problem, never a secret from the text. */
  const char *bad[] = {"{", "{\"nope\": 1}", "{\"kinds\": [\"PASSPORT\"]}", "42"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    r = NULL;
    CHECK_STATUS(redactor_new_from_json(U8(bad[i]), strlen(bad[i]), &r),
                 REDACTOR_STATUS_INVALID_CONFIG);
    CHECK(r == NULL);
    CHECK(redactor_last_error()[0] != '\0');
  }
  CHECK(contains(redactor_last_error(), "invalid config"));
  const char *pattern = "{\"custom_rules\":[{\"name\":\"X\",\"pattern\":\"(\"}]}";
  CHECK_STATUS(redactor_new_from_json(U8(pattern), strlen(pattern), &r),
               REDACTOR_STATUS_INVALID_PATTERN);
  CHECK(contains(redactor_last_error(), "custom_rules[0]"));
  const char *hmac = "{\"default_policy\":{\"type\":\"hmac\",\"key\":\"short\"}}";
  CHECK_STATUS(redactor_new_from_json(U8(hmac), strlen(hmac), &r), REDACTOR_STATUS_INVALID_CONFIG);
  CHECK(!contains(redactor_last_error(), "short"));
  CHECK_STATUS(redactor_new_from_json(U8("\xff\xfe"), 2, &r), REDACTOR_STATUS_INVALID_UTF8);
  CHECK_STATUS(redactor_new_from_json(NULL, 5, &r), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_new_from_json(U8("{}"), (size_t)-1, &r), REDACTOR_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(redactor_new_from_json(U8("{}"), 2, NULL), REDACTOR_STATUS_NULL_ARGUMENT);
  /* An empty config is not JSON; "{}" is the default config. */
  CHECK_STATUS(redactor_new_from_json(NULL, 0, &r), REDACTOR_STATUS_INVALID_CONFIG);
  CHECK_STATUS(redactor_new_from_json(U8("{}"), 2, &r), OK);
  redactor_free(r);

  /* Freeing NULL does nothing. */
  redactor_free(NULL);
  redactor_stream_free(NULL);
  redactor_conversation_free(NULL);
  redactor_bytes_free(NULL, 0);
  redactor_findings_free(NULL, 0);
}

static void test_redact(void) {
  const redactor_t *r = make(TICKETS);
  const char *in = "ref TICKET-1234, \xff\xfe bytes, TICKET-99";
  const char *want = "ref [TICKET], \xff\xfe bytes, TICKET-99";
  size_t n = 0, need = 0;

  /* Ask for the size, then a buffer one byte short, then exactly right. */
  CHECK_STATUS(redactor_redact(r, U8(in), strlen(in), NULL, 0, &need),
               REDACTOR_STATUS_BUFFER_TOO_SMALL);
  CHECK(need == strlen(want));
  CHECK(!contains(redactor_last_error(), "TICKET-1234"));
  uint8_t small[64];
  memset(small, 'Z', sizeof small);
  CHECK_STATUS(redactor_redact(r, U8(in), strlen(in), small, need - 1, &n),
               REDACTOR_STATUS_BUFFER_TOO_SMALL);
  CHECK(n == need);
  CHECK(small[0] == 'Z' && small[need - 2] == 'Z'); /* written only on success */
  uint8_t *exact = malloc(need);
  CHECK_STATUS(redactor_redact(r, U8(in), strlen(in), exact, need, &n), OK);
  CHECK(n == need && memcmp(exact, want, n) == 0);
  free(exact);

  /* Empty input, NULL input with length 0, NULL arguments. */
  CHECK_STATUS(redactor_redact(r, NULL, 0, NULL, 0, &n), OK);
  CHECK(n == 0);
  CHECK_STATUS(redactor_redact(NULL, U8(in), strlen(in), small, sizeof small, &n),
               REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK(contains(redactor_last_error(), "redactor"));
  CHECK_STATUS(redactor_redact(r, NULL, 3, small, sizeof small, &n), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_redact(r, U8(in), strlen(in), NULL, 10, &n), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_redact(r, U8(in), strlen(in), small, sizeof small, NULL),
               REDACTOR_STATUS_NULL_ARGUMENT);

  /* Library-allocated output: NUL-terminated, freed by redactor_bytes_free. */
  uint8_t *out = NULL;
  CHECK_STATUS(redactor_redact_alloc(r, U8(in), strlen(in), &out, &n), OK);
  CHECK(n == strlen(want) && strcmp((const char *)out, want) == 0);
  redactor_bytes_free(out, n);
  CHECK_STATUS(redactor_redact_alloc(r, NULL, 0, &out, &n), OK);
  CHECK(n == 0 && out != NULL && out[0] == '\0');
  redactor_bytes_free(out, n);
  CHECK_STATUS(redactor_redact_alloc(NULL, U8(in), 1, &out, &n), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_redact_alloc(r, U8(in), 1, NULL, &n), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_redact_alloc(r, U8(in), 1, &out, NULL), REDACTOR_STATUS_NULL_ARGUMENT);

  /* In place: the label policy changes lengths, so it is refused and the buffer untouched. */
  char buf[] = "TICKET-4321 done";
  size_t count = 99;
  CHECK_STATUS(redactor_redact_in_place(r, (uint8_t *)buf, strlen(buf), &count),
               REDACTOR_STATUS_UNSUPPORTED_POLICY);
  CHECK(strcmp(buf, "TICKET-4321 done") == 0 && count == 99);
  redactor_free(r);
  r = make(MASKED);
  CHECK_STATUS(redactor_redact_in_place(r, (uint8_t *)buf, strlen(buf), &count), OK);
  CHECK(count == 1 && strcmp(buf, "******-**** done") == 0);
  CHECK_STATUS(redactor_redact_in_place(r, NULL, 0, &count), OK);
  CHECK(count == 0);
  CHECK_STATUS(redactor_redact_in_place(NULL, (uint8_t *)buf, 1, &count),
               REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_redact_in_place(r, (uint8_t *)buf, 1, NULL), REDACTOR_STATUS_NULL_ARGUMENT);
  redactor_free(r);
}

static void test_find(void) {
  const redactor_t *r = make(TICKETS);
  const char *in = "TICKET-0001 and TICKET-0002 \xc3\xa9 TICKET-0003";
  redactor_finding_t found[3];
  size_t n = 0;
  CHECK_STATUS(redactor_find(r, U8(in), strlen(in), NULL, 0, &n), REDACTOR_STATUS_BUFFER_TOO_SMALL);
  CHECK(n == 3);
  memset(found, 0, sizeof found);
  CHECK_STATUS(redactor_find(r, U8(in), strlen(in), found, 2, &n),
               REDACTOR_STATUS_BUFFER_TOO_SMALL);
  CHECK(n == 3 && found[0].kind == 0);
  CHECK_STATUS(redactor_find(r, U8(in), strlen(in), found, 3, &n), OK);
  CHECK(n == 3);
  CHECK(found[0].kind == REDACTOR_KIND_CUSTOM_BASE && found[0].start == 0 && found[0].end == 11);
  CHECK(found[2].start == 31 && found[2].end == 42); /* byte offsets: the é is two bytes */
  CHECK(found[1].confidence > 0.0f && found[1].confidence <= 1.0f);
  CHECK_STATUS(redactor_find(r, U8("nothing"), 7, NULL, 0, &n), OK);
  CHECK(n == 0);
  CHECK_STATUS(redactor_find(NULL, U8(in), 1, found, 3, &n), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_find(r, U8(in), 1, NULL, 3, &n), REDACTOR_STATUS_NULL_ARGUMENT);

  redactor_finding_t *all = NULL;
  CHECK_STATUS(redactor_find_alloc(r, U8(in), strlen(in), &all, &n), OK);
  CHECK(n == 3 && all != NULL && all[1].start == 16 && all[1].end == 27);
  redactor_findings_free(all, n);
  CHECK_STATUS(redactor_find_alloc(r, U8("none"), 4, &all, &n), OK);
  CHECK(n == 0 && all == NULL);
  redactor_findings_free(all, n);
  CHECK_STATUS(redactor_find_alloc(r, U8(in), 1, NULL, &n), REDACTOR_STATUS_NULL_ARGUMENT);

  CHECK(strcmp(redactor_kind_name(NULL, REDACTOR_KIND_CREDIT_CARD), "CREDIT_CARD") == 0);
  CHECK(strcmp(redactor_kind_name(r, REDACTOR_KIND_US_SSN), "US_SSN") == 0);
  CHECK(strcmp(redactor_kind_name(r, REDACTOR_KIND_EMAIL), "EMAIL") == 0);
  CHECK(strcmp(redactor_kind_name(r, REDACTOR_KIND_PHONE), "PHONE") == 0);
  CHECK(strcmp(redactor_kind_name(r, REDACTOR_KIND_DATE_OF_BIRTH), "DATE_OF_BIRTH") == 0);
  CHECK(strcmp(redactor_kind_name(r, REDACTOR_KIND_CUSTOM_BASE), "TICKET") == 0);
  CHECK(redactor_kind_name(r, REDACTOR_KIND_CUSTOM_BASE + 1) == NULL);
  CHECK(redactor_kind_name(NULL, REDACTOR_KIND_CUSTOM_BASE) == NULL);
  CHECK(redactor_kind_name(r, 0) == NULL);
  CHECK(redactor_kind_name(r, 999) == NULL);
  redactor_free(r);
}

/* A growable byte buffer, the userdata of the write callback. */
typedef struct {
  uint8_t *data;
  size_t len, cap;
  int fail_next; /* make the next callback call fail */
  int calls;
} sink_t;

static int sink_write(void *userdata, const uint8_t *data, size_t len) {
  sink_t *s = userdata;
  s->calls++;
  if (s->fail_next) {
    s->fail_next = 0;
    return 1;
  }
  if (s->len + len > s->cap) {
    size_t cap = (s->len + len) * 2;
    uint8_t *grown = realloc(s->data, cap);
    if (grown == NULL) return 1;
    s->data = grown;
    s->cap = cap;
  }
  memcpy(s->data + s->len, data, len);
  s->len += len;
  return 0;
}

/* Streams `in` in chunks of `chunk` bytes through the buffer API (collecting BUFFER_TOO_SMALL
 * output with empty pushes, as the header says) into a malloc'd result. */
static uint8_t *stream_buffered(redactor_stream_t *s, const uint8_t *in, size_t len, size_t chunk,
                                size_t cap, size_t *out_len) {
  size_t total = 0, n = 0, room = len * 2 + 64;
  uint8_t *result = malloc(room);
  uint8_t *buf = malloc(cap > 0 ? cap : 1);
  for (size_t at = 0; at <= len; at += chunk) {
    int last = at + chunk >= len;
    size_t take = last ? len - at : chunk;
    redactor_status st = redactor_stream_push(s, in + at, take, buf, cap, &n);
    while (st == REDACTOR_STATUS_BUFFER_TOO_SMALL) {
      uint8_t *bigger = malloc(n);
      st = redactor_stream_push(s, NULL, 0, bigger, n, &n);
      if (st == OK) {
        if (total + n > room) result = realloc(result, room = (total + n) * 2);
        memcpy(result + total, bigger, n);
        total += n;
        n = 0;
      }
      free(bigger);
    }
    CHECK(st == OK);
    if (total + n > room) result = realloc(result, room = (total + n) * 2);
    memcpy(result + total, buf, n);
    total += n;
    if (last) break;
  }
  redactor_status st = redactor_stream_finish(s, buf, cap, &n);
  if (st == REDACTOR_STATUS_BUFFER_TOO_SMALL) {
    free(buf);
    buf = malloc(n);
    st = redactor_stream_finish(s, buf, n, &n);
  }
  CHECK(st == OK);
  if (total + n > room) result = realloc(result, room = (total + n) * 2);
  memcpy(result + total, buf, n);
  total += n;
  free(buf);
  *out_len = total;
  return result;
}

static void test_stream(void) {
  const redactor_t *r = make(TICKETS);
  redactor_stream_t *s = NULL;
  CHECK_STATUS(redactor_stream_new(NULL, &s), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_new(r, NULL), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_new(r, &s), OK);
  redactor_free(r); /* the stream keeps what it needs */

  const char *in = "first TICKET-1111 then \xff TICKET-2222 and TICKET-33";
  const char *want = "first [TICKET] then \xff [TICKET] and TICKET-33";
  size_t n = 0;
  uint8_t *got;

  /* Chunk sizes 1..n, roomy and tiny output buffers: always the one-shot output. */
  size_t sizes[] = {1, 2, 3, 5, 8, 64, 4096};
  size_t caps[] = {0, 1, 7, 4096};
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    for (size_t j = 0; j < sizeof caps / sizeof caps[0]; j++) {
      got = stream_buffered(s, U8(in), strlen(in), sizes[i], caps[j], &n);
      CHECK(n == strlen(want) && memcmp(got, want, n) == 0);
      free(got);
    }
  }

  /* Findings: off by default; when on, absolute offsets from the stream start. */
  redactor_finding_t f[4];
  CHECK_STATUS(redactor_stream_take_findings(s, f, 4, &n), OK);
  CHECK(n == 0);
  CHECK_STATUS(redactor_stream_record_findings(s, true), OK);
  got = stream_buffered(s, U8(in), strlen(in), 4, 16, &n);
  free(got);
  CHECK_STATUS(redactor_stream_take_findings(s, NULL, 0, &n), REDACTOR_STATUS_BUFFER_TOO_SMALL);
  CHECK(n == 2);
  CHECK_STATUS(redactor_stream_take_findings(s, f, 4, &n), OK);
  CHECK(n == 2 && f[0].start == 6 && f[0].end == 17 && f[1].start == 25 && f[1].end == 36);
  CHECK(f[0].kind == REDACTOR_KIND_CUSTOM_BASE);
  CHECK_STATUS(redactor_stream_take_findings(s, f, 4, &n), OK);
  CHECK(n == 0);
  CHECK_STATUS(redactor_stream_record_findings(s, false), OK);

  /* Callbacks, including a failing one whose output is offered again. */
  sink_t sink = {0};
  CHECK_STATUS(redactor_stream_push_cb(s, U8(in), 10, sink_write, &sink), OK);
  sink.fail_next = 1;
  CHECK_STATUS(redactor_stream_push_cb(s, U8(in) + 10, strlen(in) - 10, sink_write, &sink), OK);
  CHECK_STATUS(redactor_stream_finish_cb(s, sink_write, &sink), REDACTOR_STATUS_CALLBACK_FAILED);
  CHECK(contains(redactor_last_error(), "callback"));
  CHECK_STATUS(redactor_stream_finish_cb(s, sink_write, &sink), OK);
  CHECK(sink.len == strlen(want) && memcmp(sink.data, want, sink.len) == 0);
  CHECK_STATUS(redactor_stream_push_cb(s, U8(in), 1, NULL, &sink), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_finish_cb(s, NULL, NULL), REDACTOR_STATUS_NULL_ARGUMENT);
  /* No output, no call. */
  sink.calls = 0;
  CHECK_STATUS(redactor_stream_finish_cb(s, sink_write, &sink), OK);
  CHECK(sink.calls == 0);
  free(sink.data);

  /* Reset forgets held-back input and undelivered output. */
  CHECK_STATUS(redactor_stream_push(s, U8("TICKET-1"), 8, NULL, 0, &n), OK);
  CHECK_STATUS(redactor_stream_reset(s), OK);
  CHECK_STATUS(redactor_stream_finish(s, NULL, 0, &n), OK);
  CHECK(n == 0);

  /* NULL arguments. */
  uint8_t buf[8];
  CHECK_STATUS(redactor_stream_push(NULL, U8(in), 1, buf, 8, &n), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_push(s, NULL, 1, buf, 8, &n), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_push(s, U8(in), 1, NULL, 8, &n), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_push(s, U8(in), 1, buf, 8, NULL), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_finish(NULL, buf, 8, &n), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_finish(s, buf, 8, NULL), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_record_findings(NULL, true), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_take_findings(NULL, f, 4, &n), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_reset(NULL), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_push_cb(NULL, U8(in), 1, sink_write, NULL),
               REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_stream_finish_cb(NULL, sink_write, NULL), REDACTOR_STATUS_NULL_ARGUMENT);
  /* Freed with held-back input: wiped, not leaked. */
  CHECK_STATUS(redactor_stream_push(s, U8("TICKET-9"), 8, NULL, 0, &n), OK);
  redactor_stream_free(s);
}

static void test_conversation(void) {
  const redactor_t *r = make(TICKETS);
  redactor_conversation_t *c = NULL;
  CHECK_STATUS(redactor_conversation_new(NULL, &c), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_conversation_new(r, NULL), REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_conversation_new(r, &c), OK);
  redactor_free(r);

  const char *msg = "my ticket is TICKET-5555";
  uint8_t *out = NULL;
  size_t n = 0;
  CHECK_STATUS(redactor_conversation_redact_alloc(c, REDACTOR_ROLE_CUSTOMER, U8(msg), strlen(msg),
                                                  &out, &n),
               OK);
  CHECK(strcmp((const char *)out, "my ticket is [TICKET]") == 0 && n == 21);
  redactor_bytes_free(out, n);
  CHECK_STATUS(redactor_conversation_redact_alloc(c, REDACTOR_ROLE_AGENT, NULL, 0, &out, &n), OK);
  CHECK(n == 0 && out[0] == '\0');
  redactor_bytes_free(out, n);
  CHECK_STATUS(redactor_conversation_redact_alloc(c, 7, U8(msg), strlen(msg), &out, &n),
               REDACTOR_STATUS_INVALID_ARGUMENT);
  CHECK(contains(redactor_last_error(), "role"));
  CHECK_STATUS(redactor_conversation_redact_alloc(NULL, 1, U8(msg), 1, &out, &n),
               REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_conversation_redact_alloc(c, 1, U8(msg), 1, NULL, &n),
               REDACTOR_STATUS_NULL_ARGUMENT);

  redactor_finding_t *f = NULL;
  CHECK_STATUS(redactor_conversation_find_alloc(c, REDACTOR_ROLE_AGENT, U8(msg), strlen(msg), &f,
                                                &n),
               OK);
  CHECK(n == 1 && f[0].start == 13 && f[0].end == 24);
  redactor_findings_free(f, n);
  CHECK_STATUS(redactor_conversation_find_alloc(c, 0, U8(msg), strlen(msg), &f, &n),
               REDACTOR_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(redactor_conversation_find_alloc(NULL, 1, U8(msg), 1, &f, &n),
               REDACTOR_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(redactor_conversation_clear(c), OK);
  CHECK_STATUS(redactor_conversation_clear(NULL), REDACTOR_STATUS_NULL_ARGUMENT);
  redactor_conversation_free(c);
}

/* One redactor_t shared by several threads, no locking; each thread has its own stream. */
#define THREADS 4
#define ROUNDS 200

static void *worker(void *arg) {
  const redactor_t *r = arg;
  const char *in = "thread TICKET-4242 text";
  const char *want = "thread [TICKET] text";
  uint8_t buf[64], streamed[4096];
  size_t n;
  long bad = 0;
  redactor_stream_t *s = NULL;
  if (redactor_stream_new(r, &s) != OK) return (void *)1;
  for (int i = 0; i < ROUNDS; i++) {
    if (redactor_redact(r, U8(in), strlen(in), buf, sizeof buf, &n) != OK || n != strlen(want) ||
        memcmp(buf, want, n) != 0)
      bad++;
    if (redactor_stream_push(s, U8(in), strlen(in), streamed, sizeof streamed, &n) != OK) bad++;
    /* Errors stay on their own thread. */
    if (redactor_redact(NULL, NULL, 0, NULL, 0, &n) != REDACTOR_STATUS_NULL_ARGUMENT) bad++;
    if (!contains(redactor_last_error(), "redactor")) bad++;
  }
  redactor_stream_free(s);
  return (void *)bad;
}

static void test_threads(void) {
  const redactor_t *r = make(TICKETS);
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++) CHECK(pthread_create(&t[i], NULL, worker, (void *)r) == 0);
  for (int i = 0; i < THREADS; i++) {
    void *bad = NULL;
    CHECK(pthread_join(t[i], &bad) == 0);
    CHECK(bad == NULL);
  }
  redactor_free(r);
}

/* Streaming the transcript in chunks of every size gives the one-shot output. */
static void test_transcript(const char *path) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    failed++;
    return;
  }
  uint8_t *text = NULL;
  size_t len = 0, cap = 0, got;
  uint8_t tmp[4096];
  while ((got = fread(tmp, 1, sizeof tmp, fp)) > 0) {
    if (len + got > cap) text = realloc(text, cap = (len + got) * 2);
    memcpy(text + len, tmp, got);
    len += got;
  }
  fclose(fp);

  const redactor_t *r = NULL;
  CHECK_STATUS(redactor_new(&r), OK);
  uint8_t *once = NULL;
  size_t once_len = 0;
  CHECK_STATUS(redactor_redact_alloc(r, text, len, &once, &once_len), OK);
  redactor_stream_t *s = NULL;
  CHECK_STATUS(redactor_stream_new(r, &s), OK);
  size_t sizes[] = {1, 2, 3, 7, 16, 100, 333, 1024, 65536};
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    size_t n = 0;
    uint8_t *streamed = stream_buffered(s, text, len, sizes[i], 256, &n);
    CHECK(n == once_len && memcmp(streamed, once, n) == 0);
    free(streamed);
  }
  redactor_stream_free(s);
  redactor_bytes_free(once, once_len);
  redactor_free(r);
  free(text);
}

int main(int argc, char **argv) {
  /* Nothing has failed on this thread yet. */
  CHECK(strcmp(redactor_last_error(), "") == 0);
  test_version();
  test_status_messages();
  test_construction();
  test_redact();
  test_find();
  test_stream();
  test_conversation();
  test_threads();
  if (argc > 1) test_transcript(argv[1]);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
