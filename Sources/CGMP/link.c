// CGMP is a C target only so that SwiftPM links GMP's runtime library for it (Package.swift's
// linkerSettings); everything it offers is declared in include/CGMP.h.
#include "CGMP.h"
