/*
 * Output records: "#QHIL1 <len> <crc32> <json>\n" (PROTOCOL.md, "Records").
 *
 * A record is assembled in a struct json (a bounded builder that escapes every
 * string so the payload is pure printable ASCII) and written with one write()
 * per record, so records never interleave with anything else the agent writes.
 */
#ifndef QHIL_FRAMING_H
#define QHIL_FRAMING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define QHIL_MARKER         "#QHIL1 "
#define QHIL_PAYLOAD_MAX    65536u
#define JSON_DEPTH_MAX      8

/* CRC-32 as IEEE 802.3 / zlib / java.util.zip.CRC32 compute it. */
uint32_t crc32_ieee(const void *data, size_t len);
uint32_t crc32_update(uint32_t crc, const void *data, size_t len);

struct json {
	char    buf[QHIL_PAYLOAD_MAX + 1];
	size_t  len;
	bool    overflow;               /* something did not fit: do not emit */
	int     depth;
	bool    first[JSON_DEPTH_MAX];  /* no member written yet at this level */
};

void json_begin(struct json *j);             /* starts the outer object */
void json_end(struct json *j);               /* closes the outer object */
void json_open(struct json *j, const char *key);   /* "key":{ */
void json_open_array(struct json *j, const char *key);
void json_close(struct json *j);             /* } */
void json_close_array(struct json *j);       /* ] */
void json_str(struct json *j, const char *key, const char *val);
void json_strn(struct json *j, const char *key, const char *val, size_t n);
void json_int(struct json *j, const char *key, int64_t val);
void json_uint(struct json *j, const char *key, uint64_t val);
void json_bool(struct json *j, const char *key, bool val);
/* Appends a member whose value is already valid JSON text (trusted input only). */
void json_raw(struct json *j, const char *key, const char *json_text);
/* Array element (key NULL) or member: a string. */
void json_elem_str(struct json *j, const char *val);

/* Writes s[0..n) JSON-escaped (without quotes) into out; returns the length
 * written or (size_t)-1 when it does not fit in cap (out is NUL-terminated). */
size_t json_escape(char *out, size_t cap, const char *s, size_t n);

/*
 * Frames the payload and writes the record to the output fd. Returns 0, or -1
 * when the payload is invalid (overflow, empty) or the write failed; a failed
 * write calls the fatal handler (set with framing_set_fatal) which must not
 * return.
 */
int record_emit(const struct json *j);
/* Builds the frame only (for tests); returns bytes written into out or 0. */
size_t record_frame(char *out, size_t cap, const char *payload, size_t len);

void framing_set_output(int fd);
void framing_set_fatal(void (*fatal)(void));

#endif
