// Imports the Embedded Swift runtime needs, answered without WASI: the hashing seed (fixed: the
// engine never lets hashing order influence a decision) and print (unused by the bench).
#include <stddef.h>
#include <stdint.h>
void arc4random_buf(void *buf, size_t n) {
  uint8_t *p = (uint8_t *)buf;
  for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(i * 131 + 7);
}
int putchar(int c) { return c; }
