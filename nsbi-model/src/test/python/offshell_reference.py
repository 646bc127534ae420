#!/usr/bin/env python3
"""Independent reference values for the off-shell toy (shared/spec/offshell-toy.md), from SciPy.

Writes src/test/resources/org/nsbi/model/offshell/interference-yields.csv: the interference yield
nu_I(alpha) = integral of sigma_I over the true masses [200/s, 1000/s], s = 1 + 0.01 alpha, by
scipy.integrate.quad, with k_S^2 = 35/160, k_B^2 = 150/96 and the c-factor integrated by quad too
(not the closed form the Java code uses). Run from nsbi-model/: python3 src/test/python/offshell_reference.py
"""
import numpy as np
import scipy
from scipy.integrate import quad

K_S2, K_B2 = 35 / 160, 150 / 96
phi = lambda m: np.pi / 2 * (1 + np.tanh((m - 260) / 40))
c_factor, _ = quad(lambda c: np.sqrt(0.5) * np.sqrt(3 * (1 + c * c) / 8), -1, 1, epsabs=1e-14, epsrel=1e-13)


def nu_i(alpha):
    s = 1 + 0.01 * alpha
    mass, _ = quad(lambda m: (m / 200) ** -2.5 * np.cos(phi(m)), 200 / s, 1000 / s,
                   limit=500, epsabs=1e-13, epsrel=1e-13)
    return 2 * np.sqrt(K_S2 * K_B2) * c_factor * mass


with open("src/test/resources/org/nsbi/model/offshell/interference-yields.csv", "w") as out:
    out.write(f"# nu_I(energy_scale alpha) of the off-shell toy, from scipy.integrate.quad (scipy {scipy.__version__}),\n")
    out.write("# written by nsbi-model/src/test/python/offshell_reference.py\n")
    out.write("alpha_energy_scale,nu_I\n")
    for a in (-2.5, -1.0, 0.0, 1.0, 2.5):
        out.write(f"{a},{float(nu_i(a))!r}\n")
