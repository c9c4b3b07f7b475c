// Reading mail with GMime: parse one message, walk its MIME tree (to a fixed depth), and hand Swift a
// flat copy (CGMimeParse.h). Every GMime, GObject and GLib function is resolved through
// desk_gmime_symbol(), never linked (CGMime.h says why).
#include "CGMime.h"
#include "CGMimeParse.h"

#include <gmime/gmime.h>

#include <iconv.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/// Parts nested deeper than this are left out of the walk (the original message keeps them).
#define MAX_DEPTH 24
/// At most this many leaves are taken from one message.
#define MAX_PARTS 500

#define GMIME_FUNCTIONS(X) \
  X(g_mime_stream_mem_new) X(g_mime_stream_mem_new_with_buffer) X(g_mime_stream_mem_get_byte_array) \
  X(g_mime_parser_new_with_stream) X(g_mime_parser_construct_message) \
  X(g_mime_message_get_mime_part) X(g_mime_message_part_get_message) \
  X(g_mime_multipart_get_count) X(g_mime_multipart_get_part) X(g_mime_multipart_get_prologue) \
  X(g_mime_object_get_content_type) X(g_mime_object_get_content_type_parameter) \
  X(g_mime_object_get_header_list) X(g_mime_object_write_to_stream) \
  X(g_mime_content_type_get_media_type) X(g_mime_content_type_get_media_subtype) \
  X(g_mime_header_list_get_count) X(g_mime_header_list_get_header_at) \
  X(g_mime_header_get_name) X(g_mime_header_get_raw_value) \
  X(g_mime_part_get_filename) X(g_mime_part_get_content_id) X(g_mime_part_is_attachment) X(g_mime_part_get_content) \
  X(g_mime_data_wrapper_write_to_stream) \
  X(g_mime_utils_decode_message_id) X(g_mime_utils_header_decode_text) \
  X(g_mime_references_parse) X(g_mime_references_length) X(g_mime_references_get_message_id) X(g_mime_references_free) \
  X(internet_address_list_parse) X(internet_address_list_length) X(internet_address_list_get_address) \
  X(internet_address_get_name) X(internet_address_mailbox_get_addr) X(internet_address_mailbox_get_type) \
  X(internet_address_group_get_members) X(internet_address_group_get_type) \
  X(g_mime_multipart_get_type) X(g_mime_message_part_get_type) X(g_mime_part_get_type) \
  X(g_type_check_instance_is_a) X(g_object_unref) X(g_free)

#define DECLARE(name) static __typeof__(name) *p_##name;
GMIME_FUNCTIONS(DECLARE)

static int resolved;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void resolve(void) {
  int ok = 1;
#define RESOLVE(name) if (!(p_##name = (__typeof__(name) *)desk_gmime_symbol(#name))) ok = 0;
  GMIME_FUNCTIONS(RESOLVE)
  resolved = ok;
}

static int is_a(void *object, GType type) {
  return object && p_g_type_check_instance_is_a((GTypeInstance *)object, type);
}

static char *copy(const char *s) { return s ? strdup(s) : NULL; }

// MARK: charsets

static int valid_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (!len || (len == 2 && c < 0xc2) || i + len > n) return 0;
    for (size_t k = 1; k < len; k++)
      if ((s[i + k] & 0xc0) != 0x80) return 0;
    if (len == 3 && c == 0xe0 && s[i + 1] < 0xa0) return 0;
    if (len == 3 && c == 0xed && s[i + 1] >= 0xa0) return 0;
    if (len == 4 && ((c == 0xf0 && s[i + 1] < 0x90) || c > 0xf4 || (c == 0xf4 && s[i + 1] >= 0x90))) return 0;
    i += len;
  }
  return 1;
}

/// Converts with iconv; NULL when the charset is unknown or the bytes are not in it.
static char *convert(const char *data, size_t size, const char *charset, size_t *out_size) {
  iconv_t cd = iconv_open("UTF-8", charset);
  if (cd == (iconv_t)-1) return NULL;
  size_t capacity = size * 4 + 16;
  char *out = malloc(capacity);
  char *in = (char *)data, *o = out;
  size_t left = size, room = capacity - 1;
  size_t r = iconv(cd, &in, &left, &o, &room);
  if (r != (size_t)-1) r = iconv(cd, NULL, NULL, &o, &room);
  iconv_close(cd);
  if (r == (size_t)-1 || left) {
    free(out);
    return NULL;
  }
  *o = 0;
  *out_size = (size_t)(o - out);
  return out;
}

/// Undeclared 8-bit text: Cyrillic when most letters are 8-bit (windows-1251 if lower case falls in
/// 0xE0–0xFF, koi8-r if it falls in 0xC0–0xDF), else Western European.
static const char *guess(const unsigned char *s, size_t n) {
  size_t ascii_letters = 0, high = 0, upper_half = 0, lower_half = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = s[i];
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ascii_letters++;
    else if (c >= 0xc0) {
      high++;
      if (c >= 0xe0) upper_half++;
      else lower_half++;
    }
  }
  if (high * 2 < ascii_letters) return "WINDOWS-1252";
  return upper_half >= lower_half ? "WINDOWS-1251" : "KOI8-R";
}

char *desk_mail_text_utf8(const char *data, size_t size, const char *charset, size_t *out_size) {
  const unsigned char *u = (const unsigned char *)data;
  char *out;
  if (valid_utf8(u, size)) {
    out = malloc(size + 1);
    memcpy(out, data, size);
    out[size] = 0;
    *out_size = size;
    return out;
  }
  if (charset && *charset && strcasecmp(charset, "us-ascii") && strcasecmp(charset, "utf-8") &&
      (out = convert(data, size, charset, out_size)))
    return out;
  if ((out = convert(data, size, guess(u, size), out_size))) return out;
  // windows-1252 leaves five bytes undefined: Latin-1 takes every byte.
  if ((out = convert(data, size, "ISO-8859-1", out_size))) return out;
  out = calloc(1, 1);
  *out_size = 0;
  return out;
}

static char *utf8_string(const char *s, const char *charset) {
  size_t n;
  return desk_mail_text_utf8(s, strlen(s), charset, &n);
}

/// A raw header value unfolded, its 8-bit text made UTF-8, its RFC 2047 words decoded.
static char *decode_header(const char *raw) {
  if (!raw) return NULL;
  char *unfolded = malloc(strlen(raw) + 1), *o = unfolded;
  for (const char *s = raw; *s; s++)
    if (*s != '\r' && *s != '\n') *o++ = *s;
  *o = 0;
  char *utf8 = utf8_string(unfolded, NULL);
  free(unfolded);
  char *decoded = p_g_mime_utils_header_decode_text(NULL, utf8);
  free(utf8);
  char *result = copy(decoded);
  p_g_free(decoded);
  if (!result) return NULL;
  // Trim.
  char *start = result;
  while (*start == ' ' || *start == '\t') start++;
  size_t len = strlen(start);
  while (len && (start[len - 1] == ' ' || start[len - 1] == '\t')) len--;
  memmove(result, start, len);
  result[len] = 0;
  return result;
}

// MARK: the walk

struct walk {
  struct desk_mail *mail;
  size_t capacity;
};

static void add_part(struct walk *w, int kind, const char *type, const char *filename, const char *cid,
                     unsigned char *data, size_t size) {
  if (w->mail->part_count == MAX_PARTS) {
    free(data);
    w->mail->too_deep = 1;
    return;
  }
  if (w->mail->part_count == w->capacity) {
    w->capacity = w->capacity ? w->capacity * 2 : 8;
    w->mail->parts = realloc(w->mail->parts, w->capacity * sizeof *w->mail->parts);
  }
  struct desk_mail_part *p = &w->mail->parts[w->mail->part_count++];
  p->kind = kind;
  p->content_type = copy(type);
  p->filename = filename ? utf8_string(filename, NULL) : NULL;
  p->content_id = copy(cid);
  p->data = data;
  p->size = size;
}

static unsigned char *take_stream(GMimeStream *stream, size_t *size) {
  GByteArray *bytes = p_g_mime_stream_mem_get_byte_array((GMimeStreamMem *)stream);
  *size = bytes ? bytes->len : 0;
  unsigned char *data = malloc(*size + 1);
  if (*size) memcpy(data, bytes->data, *size);
  data[*size] = 0;
  p_g_object_unref(stream);
  return data;
}

static void type_of(GMimeObject *object, char *out, size_t size) {
  GMimeContentType *ct = p_g_mime_object_get_content_type(object);
  const char *t = ct ? p_g_mime_content_type_get_media_type(ct) : NULL;
  const char *s = ct ? p_g_mime_content_type_get_media_subtype(ct) : NULL;
  snprintf(out, size, "%s/%s", t && *t ? t : "application", s && *s ? s : "octet-stream");
  for (char *c = out; *c; c++)
    if (*c >= 'A' && *c <= 'Z') *c += 32;
}

static void walk(struct walk *w, GMimeObject *object, int depth, int in_report);

static void walk_leaf(struct walk *w, GMimePart *part, int in_report) {
  char type[256];
  type_of((GMimeObject *)part, type, sizeof type);
  size_t size = 0;
  GMimeStream *stream = p_g_mime_stream_mem_new();
  GMimeDataWrapper *content = p_g_mime_part_get_content(part);
  if (content) p_g_mime_data_wrapper_write_to_stream(content, stream);
  unsigned char *data = take_stream(stream, &size);
  const char *filename = p_g_mime_part_get_filename(part);
  const char *cid = p_g_mime_part_get_content_id(part);
  int attachment = p_g_mime_part_is_attachment(part) || filename;
  int kind = DESK_PART_ATTACHMENT;
  if (in_report && !strcmp(type, "message/delivery-status")) kind = DESK_PART_DELIVERY_STATUS;
  else if (in_report && !strcmp(type, "text/rfc822-headers")) kind = DESK_PART_ORIGINAL_HEADERS;
  else if (!attachment && !strcmp(type, "text/plain")) kind = DESK_PART_TEXT;
  else if (!attachment && !strcmp(type, "text/html")) kind = DESK_PART_HTML;
  if (kind == DESK_PART_TEXT || kind == DESK_PART_HTML) {
    const char *charset = p_g_mime_object_get_content_type_parameter((GMimeObject *)part, "charset");
    size_t n;
    char *text = desk_mail_text_utf8((const char *)data, size, charset, &n);
    free(data);
    data = (unsigned char *)text;
    size = n;
  }
  add_part(w, kind, type, filename, cid, data, size);
}

static void walk(struct walk *w, GMimeObject *object, int depth, int in_report) {
  if (!object) return;
  if (depth > MAX_DEPTH) {
    w->mail->too_deep = 1;
    return;
  }
  if (is_a(object, p_g_mime_multipart_get_type())) {
    GMimeMultipart *multipart = (GMimeMultipart *)object;
    char type[256];
    type_of(object, type, sizeof type);
    int count = p_g_mime_multipart_get_count(multipart);
    if (!strcmp(type, "multipart/alternative")) {
      // One of the alternatives: text/plain, else the first that is not a plain leaf (HTML, related…).
      GMimeObject *chosen = NULL;
      for (int i = 0; i < count && !chosen; i++) {
        GMimeObject *child = p_g_mime_multipart_get_part(multipart, i);
        char t[256];
        type_of(child, t, sizeof t);
        if (!strcmp(t, "text/plain") && is_a(child, p_g_mime_part_get_type())) chosen = child;
      }
      for (int i = 0; i < count && !chosen; i++) {
        GMimeObject *child = p_g_mime_multipart_get_part(multipart, i);
        char t[256];
        type_of(child, t, sizeof t);
        if (!strcmp(t, "text/html") || is_a(child, p_g_mime_multipart_get_type())) chosen = child;
      }
      if (!chosen && count) chosen = p_g_mime_multipart_get_part(multipart, 0);
      walk(w, chosen, depth + 1, in_report);
      return;
    }
    if (count == 0) {
      // A multipart whose boundary never comes: its text is all in the prologue.
      const char *prologue = p_g_mime_multipart_get_prologue(multipart);
      if (prologue && *prologue) {
        size_t n;
        char *text = desk_mail_text_utf8(prologue, strlen(prologue), NULL, &n);
        add_part(w, DESK_PART_TEXT, "text/plain", NULL, NULL, (unsigned char *)text, n);
      }
      return;
    }
    int report = !strcmp(type, "multipart/report");
    for (int i = 0; i < count; i++) walk(w, p_g_mime_multipart_get_part(multipart, i), depth + 1, report || in_report);
    return;
  }
  if (is_a(object, p_g_mime_message_part_get_type())) {
    GMimeMessage *message = p_g_mime_message_part_get_message((GMimeMessagePart *)object);
    GMimeStream *stream = p_g_mime_stream_mem_new();
    if (message) p_g_mime_object_write_to_stream((GMimeObject *)message, NULL, stream);
    size_t size;
    unsigned char *data = take_stream(stream, &size);
    char type[256];
    type_of(object, type, sizeof type);
    add_part(w, in_report ? DESK_PART_ORIGINAL_HEADERS : DESK_PART_MESSAGE, type, NULL, NULL, data, size);
    return;
  }
  if (is_a(object, p_g_mime_part_get_type())) walk_leaf(w, (GMimePart *)object, in_report);
}

// MARK: the message

static const char *header(struct desk_mail *mail, GMimeHeaderList *list, const char *name) {
  int count = p_g_mime_header_list_get_count(list);
  for (int i = 0; i < count; i++) {
    GMimeHeader *h = p_g_mime_header_list_get_header_at(list, i);
    if (!strcasecmp(p_g_mime_header_get_name(h), name)) return p_g_mime_header_get_raw_value(h);
  }
  (void)mail;
  return NULL;
}

static void append_ids(char **out, const char *raw) {
  if (!raw) return;
  GMimeReferences *refs = p_g_mime_references_parse(NULL, raw);
  if (!refs) return;
  int n = p_g_mime_references_length(refs);
  for (int i = 0; i < n; i++) {
    const char *id = p_g_mime_references_get_message_id(refs, i);
    if (!id || !*id) continue;
    size_t old = *out ? strlen(*out) : 0;
    *out = realloc(*out, old + strlen(id) + 2);
    if (old) (*out)[old++] = '\n';
    strcpy(*out + old, id);
  }
  p_g_mime_references_free(refs);
}

/// Calls `each` with every mailbox of an address header (a group's members too), in order, until it returns 1.
static void each_mailbox(const char *raw, int (*each)(struct desk_mail *, const char *, const char *), struct desk_mail *mail) {
  if (!raw) return;
  char *utf8 = utf8_string(raw, NULL);
  InternetAddressList *list = p_internet_address_list_parse(NULL, utf8);
  free(utf8);
  if (!list) return;
  int n = p_internet_address_list_length(list);
  int stop = 0;
  for (int i = 0; i < n && !stop; i++) {
    InternetAddress *a = p_internet_address_list_get_address(list, i);
    InternetAddressList *members = NULL;
    if (is_a(a, p_internet_address_group_get_type())) members = p_internet_address_group_get_members((InternetAddressGroup *)a);
    int count = members ? p_internet_address_list_length(members) : 1;
    for (int j = 0; j < count && !stop; j++) {
      InternetAddress *box = members ? p_internet_address_list_get_address(members, j) : a;
      if (!is_a(box, p_internet_address_mailbox_get_type())) continue;
      const char *addr = p_internet_address_mailbox_get_addr((InternetAddressMailbox *)box);
      if (addr && *addr) stop = each(mail, addr, p_internet_address_get_name(box));
    }
  }
  p_g_object_unref(list);
}

static int take_sender(struct desk_mail *mail, const char *addr, const char *name) {
  mail->from_address = copy(addr);
  mail->from_name = name && *name ? copy(name) : NULL;
  return 1;
}

static int add_recipient(struct desk_mail *mail, const char *addr, const char *name) {
  (void)name;
  size_t old = mail->recipients ? strlen(mail->recipients) : 0;
  mail->recipients = realloc(mail->recipients, old + strlen(addr) + 2);
  if (old) mail->recipients[old++] = '\n';
  strcpy(mail->recipients + old, addr);
  return 0;
}

struct desk_mail *desk_mail_parse(const char *data, size_t size, char *why, size_t why_size) {
  pthread_once(&once, resolve);
  if (!resolved) {
    snprintf(why, why_size, "the GMime found lacks a function desk needs");
    return NULL;
  }
  GMimeStream *stream = p_g_mime_stream_mem_new_with_buffer(data, size);
  GMimeParser *parser = p_g_mime_parser_new_with_stream(stream);
  GMimeMessage *message = p_g_mime_parser_construct_message(parser, NULL);
  p_g_object_unref(parser);
  p_g_object_unref(stream);
  if (!message) {
    snprintf(why, why_size, "no mail message could be read");
    return NULL;
  }
  struct desk_mail *mail = calloc(1, sizeof *mail);
  GMimeHeaderList *list = p_g_mime_object_get_header_list((GMimeObject *)message);
  int count = list ? p_g_mime_header_list_get_count(list) : 0;
  mail->headers = calloc((size_t)count + 1, sizeof *mail->headers);
  for (int i = 0; i < count; i++) {
    GMimeHeader *h = p_g_mime_header_list_get_header_at(list, i);
    const char *name = p_g_mime_header_get_name(h);
    char *value = decode_header(p_g_mime_header_get_raw_value(h));
    if (!name || !value) {
      free(value);
      continue;
    }
    mail->headers[mail->header_count].name = utf8_string(name, NULL);
    mail->headers[mail->header_count++].value = value;
  }
  if (list) {
    mail->subject = decode_header(header(mail, list, "Subject"));
    each_mailbox(header(mail, list, "From"), take_sender, mail);
    if (!mail->from_address) each_mailbox(header(mail, list, "Sender"), take_sender, mail);
    each_mailbox(header(mail, list, "To"), add_recipient, mail);
    each_mailbox(header(mail, list, "Cc"), add_recipient, mail);
    const char *id = header(mail, list, "Message-ID");
    if (id) {
      char *decoded = p_g_mime_utils_decode_message_id(id);
      if (decoded && *decoded) mail->message_id = utf8_string(decoded, NULL);
      p_g_free(decoded);
    }
    append_ids(&mail->references, header(mail, list, "In-Reply-To"));
    append_ids(&mail->references, header(mail, list, "References"));
  }
  GMimeObject *top = p_g_mime_message_get_mime_part(message);
  char type[256] = "text/plain";
  if (top) type_of(top, type, sizeof type);
  mail->content_type = copy(type);
  const char *report = top ? p_g_mime_object_get_content_type_parameter(top, "report-type") : NULL;
  mail->report_type = report ? copy(report) : NULL;
  struct walk w = {mail, 0};
  walk(&w, top, 0, 0);
  p_g_object_unref(message);
  return mail;
}

void desk_mail_free(struct desk_mail *mail) {
  if (!mail) return;
  for (size_t i = 0; i < mail->header_count; i++) {
    free(mail->headers[i].name);
    free(mail->headers[i].value);
  }
  free(mail->headers);
  for (size_t i = 0; i < mail->part_count; i++) {
    free(mail->parts[i].content_type);
    free(mail->parts[i].filename);
    free(mail->parts[i].content_id);
    free(mail->parts[i].data);
  }
  free(mail->parts);
  free(mail->subject);
  free(mail->from_name);
  free(mail->from_address);
  free(mail->message_id);
  free(mail->references);
  free(mail->recipients);
  free(mail->content_type);
  free(mail->report_type);
  free(mail);
}
