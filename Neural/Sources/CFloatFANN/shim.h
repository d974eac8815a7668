// CFloatFANN: libfann 2.2 (float build), the peer our tests and benchmarks compare against.
#include <floatfann.h>
