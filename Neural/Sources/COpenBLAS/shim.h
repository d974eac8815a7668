// COpenBLAS: the CBLAS interface of Debian's libopenblas-dev, for Neural's native fast paths.
#include <x86_64-linux-gnu/cblas.h>
