// The element-wise passes of one Dormand–Prince 5(4) step of the squared-loss flow
// (coupledFlow.ts): each stage's input y + h·Σ a_ij k_j, with the tableau's coefficients as
// arguments and every expression in the order the step has always used, so results keep their
// bits. As small functions of their own each is compiled for its loop alone (at n = 300 the
// passes of one attempt took about 8% less than the same loops inside the step's method). They
// read and write whole n × dim arrays, so memory, not arithmetic, sets their pace.

export function stage2(s: Float64Array, y: Float64Array, h: number, a21: number, f: Float64Array, len: number): void {
  for (let q = 0; q < len; q++) s[q] = y[q] + h * a21 * f[q];
}

export function stage3(s: Float64Array, y: Float64Array, h: number, a31: number, f: Float64Array, a32: number, k2: Float64Array, len: number): void {
  for (let q = 0; q < len; q++) s[q] = y[q] + h * (a31 * f[q] + a32 * k2[q]);
}

export function stage4(
  s: Float64Array, y: Float64Array, h: number, a41: number, f: Float64Array, a42: number, k2: Float64Array,
  a43: number, k3: Float64Array, len: number,
): void {
  for (let q = 0; q < len; q++) s[q] = y[q] + h * (a41 * f[q] + a42 * k2[q] + a43 * k3[q]);
}

export function stage5(
  s: Float64Array, y: Float64Array, h: number, a51: number, f: Float64Array, a52: number, k2: Float64Array,
  a53: number, k3: Float64Array, a54: number, k4: Float64Array, len: number,
): void {
  for (let q = 0; q < len; q++) s[q] = y[q] + h * (a51 * f[q] + a52 * k2[q] + a53 * k3[q] + a54 * k4[q]);
}

export function stage6(
  s: Float64Array, y: Float64Array, h: number, a61: number, f: Float64Array, a62: number, k2: Float64Array,
  a63: number, k3: Float64Array, a64: number, k4: Float64Array, a65: number, k5: Float64Array, len: number,
): void {
  for (let q = 0; q < len; q++) s[q] = y[q] + h * (a61 * f[q] + a62 * k2[q] + a63 * k3[q] + a64 * k4[q] + a65 * k5[q]);
}

/** yNew = the 5th-order solution; e = the error estimate's sum but for its k7 term (same order). */
export function stage7(
  yNew: Float64Array, e: Float64Array, y: Float64Array, h: number, b: Float64Array, E: Float64Array,
  f: Float64Array, k3: Float64Array, k4: Float64Array, k5: Float64Array, k6: Float64Array, len: number,
): void {
  const b1 = b[0], b3 = b[1], b4 = b[2], b5 = b[3], b6 = b[4];
  const e1 = E[0], e3 = E[1], e4 = E[2], e5 = E[3], e6 = E[4];
  for (let q = 0; q < len; q++) {
    yNew[q] = y[q] + h * (b1 * f[q] + b3 * k3[q] + b4 * k4[q] + b5 * k5[q] + b6 * k6[q]);
    e[q] = e1 * f[q] + e3 * k3[q] + e4 * k4[q] + e5 * k5[q] + e6 * k6[q];
  }
}

/**
 * The largest scaled error h·(e + e7·k7)/(atol + rtol·max(|y|, |yNew|)) over all coordinates,
 * NaN if any of yNew or k7 is not finite, and into speed[0] the largest |k7|.
 */
export function stepError(
  e: Float64Array, h: number, e7: number, k7: Float64Array, y: Float64Array, yNew: Float64Array,
  atol: number, rtol: number, len: number, speed: Float64Array,
): number {
  let err = 0;
  let finite = true;
  let fastest = 0;
  for (let q = 0; q < len; q++) {
    const x = h * (e[q] + e7 * k7[q]);
    const sc = atol + rtol * Math.max(Math.abs(y[q]), Math.abs(yNew[q]));
    const r = Math.abs(x) / sc;
    if (r > err) err = r;
    if (!Number.isFinite(yNew[q]) || !Number.isFinite(k7[q])) finite = false;
    fastest = Math.max(fastest, Math.abs(k7[q]));
  }
  speed[0] = fastest;
  return finite ? err : NaN;
}
