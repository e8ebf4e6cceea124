"""Small numerical tools of the forensic fits: projected BFGS on a box and a block-structured
numerical Hessian (plain numpy; the problems are small and many)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kazpolity.forensics.table import FloatArray


@dataclass(frozen=True)
class BoxMinimum:
    """Where ``minimize_box`` stopped, and whether a convergence criterion stopped it (the
    projected gradient below ``gtol`` or the relative decrease below ``ftol``) rather than
    the iteration cap or a failed line search."""

    x: FloatArray
    f: float
    converged: bool
    iterations: int


def minimize_box(
    fun: Callable[[FloatArray], tuple[float, FloatArray]],
    x0: FloatArray, lower: FloatArray, upper: FloatArray,
    max_iter: int = 60, ftol: float = 1e-9, gtol: float = 1e-5,
    h_inv0: FloatArray | None = None,
) -> BoxMinimum:
    """Projected BFGS on a box (active-set variant with Armijo backtracking along the
    projected path), from the inverse Hessian ``h_inv0`` if given. Plain numpy, no BLAS
    calls: the problems are small and many, and a threaded BLAS spends more time waking
    threads than computing on them."""
    x = np.clip(x0, lower, upper)
    f, g = fun(x)
    h_inv = h_inv0
    for it in range(max_iter):
        active = ((x <= lower) & (g > 0)) | ((x >= upper) & (g < 0))
        pg = np.where(active, 0.0, g)
        if float(np.max(np.abs(pg))) < gtol:
            return BoxMinimum(x, f, True, it)
        if h_inv is None:
            direction = -pg / max(1.0, float(np.sqrt(np.sum(pg * pg))))
        else:
            direction = _free_direction(h_inv, pg, active)
            if float(np.sum(direction * pg)) >= 0:
                h_inv = None
                direction = -pg / max(1.0, float(np.sqrt(np.sum(pg * pg))))
        t = 1.0
        while True:
            x_new = np.clip(x + t * direction, lower, upper)
            f_new, g_new = fun(x_new)
            if np.isfinite(f_new) and f_new <= f + 1e-4 * float(np.sum(g * (x_new - x))):
                break
            t *= 0.5
            if t < 1e-14:
                return BoxMinimum(x, f, False, it)
        step, dg = x_new - x, g_new - g
        sy = float(np.sum(step * dg))
        if sy > 1e-14:
            if h_inv is None:
                h_inv = np.eye(x.size) * (sy / float(np.sum(dg * dg)))
            rho = 1.0 / sy
            hy = np.sum(h_inv * dg[None, :], axis=1)
            h_inv = (h_inv - rho * (np.outer(hy, step) + np.outer(step, hy))
                     + (rho * rho * float(np.sum(dg * hy)) + rho) * np.outer(step, step))
        converged = f - f_new < ftol * max(1.0, abs(f))
        x, f, g = x_new, f_new, g_new
        if converged:
            return BoxMinimum(x, f, True, it + 1)
    return BoxMinimum(x, f, False, max_iter)


def _free_direction(h_inv: FloatArray, pg: FloatArray, active: NDArray[np.bool_]) -> FloatArray:
    """The quasi-Newton step in the free variables with the active ones held at their bound:
    the inverse of the free block of the Hessian is the Schur complement
    B_ff - B_fa B_aa^-1 B_af of the inverse B (zeroing the active rows of B pg instead gives
    a step that ignores how the held variables correlate with the free ones)."""
    if not active.any():
        out: FloatArray = -np.sum(h_inv * pg[None, :], axis=1)
        return out
    free = ~active
    b_fa = h_inv[np.ix_(free, active)]
    try:
        x = np.linalg.solve(h_inv[np.ix_(active, active)], b_fa.T)
        reduced = h_inv[np.ix_(free, free)] - np.sum(b_fa[:, :, None] * x[None, :, :], axis=1)
    except np.linalg.LinAlgError:
        reduced = h_inv[np.ix_(free, free)]
    direction = np.zeros_like(pg)
    direction[free] = -np.sum(reduced * pg[free][None, :], axis=1)
    return direction


def block_jacobian(
    theta: FloatArray, n_g: int, gradient: Callable[[FloatArray], FloatArray], h: float
) -> FloatArray:
    """Jacobian of ``gradient`` by central differences, using the block structure of the
    model: a precinct depends on one group effect only, so the group-effect block of the
    Hessian is diagonal and one perturbation of all group effects at once yields it; the
    four global parameters are perturbed one by one (their columns hold the cross terms).
    2 * (1 + 4) gradient evaluations instead of 2 * (n_groups + 4)."""
    p = theta.size
    hess = np.zeros((p, p))
    for j in range(n_g, p):
        up, dn = theta.copy(), theta.copy()
        up[j] += h
        dn[j] -= h
        hess[:, j] = (gradient(up) - gradient(dn)) / (2 * h)
    up, dn = theta.copy(), theta.copy()
    up[:n_g] += h
    dn[:n_g] -= h
    diff = (gradient(up) - gradient(dn)) / (2 * h)
    hess[np.arange(n_g), np.arange(n_g)] = diff[:n_g]
    hess[n_g:, :n_g] = hess[:n_g, n_g:].T
    return hess
