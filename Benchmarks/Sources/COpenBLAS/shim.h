// OpenBLAS's CBLAS interface (Debian's libopenblas-dev installs it as
// /usr/include/<multiarch>/cblas.h, on the compiler's default search path),
// plus openblas_set_num_threads, which the benchmark uses to pin OpenBLAS to one thread.
#include <cblas.h>
