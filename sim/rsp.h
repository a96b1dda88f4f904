/* GDB Remote Serial Protocol framing, shared by the stub (server side)
 * and difftest's gdb: reference (client side).
 * A packet is $data#cc (cc = sum of data bytes mod 256, two hex digits),
 * acknowledged with + or - until QStartNoAckMode turns acks off. */
#ifndef TRAPEZE_RSP_H
#define TRAPEZE_RSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RSP_MAX 0x4000          /* our PacketSize */

struct rsp {
    int fd;
    bool noack;
    uint8_t in[4096];           /* read buffer */
    size_t inpos, inlen;
};

/* "PORT", "HOST:PORT" or "unix:PATH".  Server: listen, accept one
 * connection (printing where it waits on stderr).  Client: connect,
 * retrying for up to `wait_ms`.  Return the fd or -1 (errno set). */
int rsp_listen_accept(const char *where);
int rsp_connect(const char *where, int wait_ms);

/* Send one packet (binary safe: data is escaped as needed only by the
 * caller); waits for the ack unless noack.  0 or -1 (connection lost). */
int rsp_send(struct rsp *r, const char *data, size_t len);
int rsp_send_str(struct rsp *r, const char *s);

/* Receive one packet into buf (NUL-terminated, length returned).
 * Returns -1 on a lost connection, RSP_INTERRUPT for a bare ^C byte.
 * A packet with a bad checksum is nak'ed and read again. */
#define RSP_INTERRUPT (-3)
long rsp_recv(struct rsp *r, char *buf, size_t cap);
/* Bytes wait to be read (no blocking). */
bool rsp_readable(struct rsp *r);

/* Hex helpers. */
void rsp_hex(char *out, const void *in, size_t n);       /* writes 2n chars + NUL */
int rsp_unhex(void *out, const char *in, size_t n);      /* n bytes from 2n chars; -1 if bad */
int rsp_hexval(int ch);
/* Parse a hex number at *p, advance *p; -1 if none. */
int rsp_parse_hex(const char **p, uint64_t *v);
/* Binary data of an X packet or a qXfer reply: escape }#$* as }x^0x20. */
size_t rsp_escape(char *out, size_t cap, const uint8_t *in, size_t n, size_t *used);
size_t rsp_unescape(uint8_t *out, const char *in, size_t n);

#endif
