// The text of a chart's tick labels, from the values and the step uPlot chose.

/** The fewest decimals that write x exactly (up to 12): 0.25 → 2, 0.5 → 1, 20 → 0. */
function decimalsOf(x: number): number {
  for (let d = 0; d < 12; d++) {
    const scaled = Math.abs(x) * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) <= 1e-6 * scaled) return d;
  }
  return 12;
}

/**
 * Tick text with the decimals the step needs (uPlot's default keeps three, so a loss axis in
 * steps of 0.0005 read 0, 0, −0; a step of 0.25 needs two, or −0.25 reads −0.3), and a true
 * minus sign. Steps finer than 10⁻⁴ would print a row of zeros (a loss near 10⁻¹⁰ at d = 10⁶
 * read 0.0000000002): those ticks are a mantissa with the digits the step needs and a power of ten.
 */
export function tickText(splits: (number | null)[], incr: number): string[] {
  const zero = (v: number) => Math.abs(v) < incr * 1e-6;
  const decimals = decimalsOf(incr);
  if (decimals <= 4) return splits.map((v) => (v === null ? '' : (zero(v) ? 0 : v).toFixed(decimals).replace('-', '−')));
  const top = Math.max(...splits.map((v) => (v === null ? 0 : Math.abs(v))));
  const power = Math.floor(Math.log10(incr) + 1e-9);
  const digits = Math.min(12, Math.max(0, Math.floor(Math.log10(top) + 1e-9) - power) + decimalsOf(incr / 10 ** power));
  return splits.map((v) => (v === null ? '' : zero(v) ? '0' : v.toExponential(digits).replace('e+', 'e').replace(/-/g, '−')));
}
