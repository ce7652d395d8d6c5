// Axis arithmetic for the 2-D plots: log-time decades, "nice" linear ticks, tick text.
// Pure functions so they can be tested without a canvas.

export interface Tick {
  value: number;
  label: string;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10 to an integer power as text: 10⁻², 1, 10, 10³. */
export function powerOfTenLabel(e: number): string {
  if (e === 0) return '1';
  if (e === 1) return '10';
  return '10' + String(e).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c]);
}

/** Ticks at whole decades inside [lo, hi] (log10 units), thinned to at most maxTicks. */
export function decadeTicks(lo: number, hi: number, maxTicks = 7): Tick[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return [];
  const first = Math.ceil(lo - 1e-9), last = Math.floor(hi + 1e-9);
  const step = Math.max(1, Math.ceil((last - first + 1) / maxTicks));
  const out: Tick[] = [];
  for (let e = first; e <= last; e += step) out.push({ value: e, label: powerOfTenLabel(e) });
  return out;
}

/** Round ticks (1, 2 or 5 times a power of ten apart) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, target = 4): Tick[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi - lo < 1e-12) {
    const pad = Math.max(Math.abs(lo) * 0.1, 1e-3);
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  const step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const out: Tick[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) {
    const value = clean(i * step);
    out.push({ value, label: value.toFixed(digits).replace('-', '−') });
  }
  return out;
}

/** Strips float noise (0.30000000000000004, −0) from a tick value. */
function clean(v: number): number {
  return parseFloat(v.toPrecision(12)) + 0;
}

/** [lo, hi] of the finite values, widened to nice ticks; fallback when there are none. */
export function niceDomain(values: ArrayLike<number>, count: number, fallback: [number, number]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return fallback;
  const ticks = niceTicks(lo, hi);
  if (ticks.length < 2) return [lo, hi];
  const step = ticks[1].value - ticks[0].value;
  return [clean(Math.min(ticks[0].value, Math.floor(lo / step) * step)), clean(Math.max(ticks[ticks.length - 1].value, Math.ceil(hi / step) * step))];
}
