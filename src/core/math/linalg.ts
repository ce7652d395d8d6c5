// Small dense linear algebra (k ≤ a few dozen): cyclic Jacobi rotations, Gram–Schmidt.

/** Eigenvalues (ascending) and eigenvectors (columns of V, row-major) of symmetric A (m×m). */
export function symmetricEigen(A: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(A);
  const V = new Float64Array(m * m);
  for (let i = 0; i < m; i++) V[i * m + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += a[p * m + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * m + q] - a[p * m + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < m; r++) {
          const arp = a[r * m + p], arq = a[r * m + q];
          a[r * m + p] = c * arp - s * arq;
          a[r * m + q] = s * arp + c * arq;
        }
        for (let r = 0; r < m; r++) {
          const apr = a[p * m + r], aqr = a[q * m + r];
          a[p * m + r] = c * apr - s * aqr;
          a[q * m + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < m; r++) {
          const vrp = V[r * m + p], vrq = V[r * m + q];
          V[r * m + p] = c * vrp - s * vrq;
          V[r * m + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = [...Array(m).keys()].sort((x, y) => a[x * m + x] - a[y * m + y]);
  const values = new Float64Array(m);
  const vectors = new Float64Array(m * m);
  order.forEach((src, dst) => {
    values[dst] = a[src * m + src];
    for (let r = 0; r < m; r++) vectors[r * m + dst] = V[r * m + src];
  });
  return { values, vectors };
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Removes from x its components along the given unit vectors and normalizes; false if nothing is left. */
export function orthonormalize(x: Float64Array, against: readonly Float64Array[]): boolean {
  for (const e of against) {
    const p = dot(x, e);
    for (let i = 0; i < x.length; i++) x[i] -= p * e[i];
  }
  const norm = Math.sqrt(dot(x, x));
  if (!(norm > 1e-9)) return false;
  for (let i = 0; i < x.length; i++) x[i] /= norm;
  return true;
}
