// The CProbe fixture's C API, imported by its Swift as the module CProbeC (module.modulemap).
#include <stddef.h>

/// a, the separator byte CPROBE_SEPARATOR, and b in a new malloc'd buffer; its length in *length.
/// NULL when malloc fails.
char *cp_join(const char *a, size_t aLength, const char *b, size_t bLength, size_t *length);
/// strlen of a NUL-terminated copy of the bytes (malloc, memcpy, strlen, free); -1 when malloc fails.
long cp_length(const char *bytes, size_t count);
/// Frees what cp_join returned.
void cp_free(void *pointer);
/// Sorts doubles ascending with qsort.
void cp_sort(double *values, size_t count);
/// y = factor·x (wasm SIMD intrinsics when compiled with -msimd128).
void cp_scale(float factor, const float *x, float *y, size_t count);
/// The generated table (primes.c).
int cp_prime_count(void);
int cp_prime(int index);
