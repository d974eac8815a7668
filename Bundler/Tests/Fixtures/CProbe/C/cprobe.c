/*
** The CProbe fixture's C: what a chunk's C code may use. Memory comes from the runtime chunk's
** allocator (malloc, free), the memory primitives and qsort are the runtime's wasi-libc exports, and
** qsort calls back into this chunk through the shared function table.
*/
#include <stdlib.h>
#include <string.h>
#include "cprobe.h"
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#ifndef CPROBE_SEPARATOR
#error "cflags did not reach the compiler"
#endif

char *cp_join(const char *a, size_t aLength, const char *b, size_t bLength, size_t *length) {
  char *joined = malloc(aLength + bLength + 1);
  if (joined == NULL) return NULL;
  if (aLength > 0) memcpy(joined, a, aLength);
  joined[aLength] = (char)CPROBE_SEPARATOR;
  if (bLength > 0) memcpy(joined + aLength + 1, b, bLength);
  *length = aLength + bLength + 1;
  return joined;
}

long cp_length(const char *bytes, size_t count) {
  char *copy = malloc(count + 1);
  if (copy == NULL) return -1;
  if (count > 0) memcpy(copy, bytes, count);
  copy[count] = 0;
  long length = (long)strlen(copy);
  free(copy);
  return length;
}

void cp_free(void *pointer) { free(pointer); }

static int ascending(const void *left, const void *right) {
  double a = *(const double *)left, b = *(const double *)right;
  return (a > b) - (a < b);
}

void cp_sort(double *values, size_t count) { qsort(values, count, sizeof(double), ascending); }

void cp_scale(float factor, const float *x, float *y, size_t count) {
  size_t i = 0;
#ifdef __wasm_simd128__
  v128_t f = wasm_f32x4_splat(factor);
  for (; i + 4 <= count; i += 4) wasm_v128_store(y + i, wasm_f32x4_mul(f, wasm_v128_load(x + i)));
#endif
  for (; i < count; i++) y[i] = factor * x[i];
}
