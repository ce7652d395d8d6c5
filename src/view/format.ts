// Number formatting shared by the readouts, the controls and the notes on the 3-D view.

export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(digits - 1).replace('e+', 'e');
  return Number(x.toPrecision(digits)).toString();
}

export function formatPower10(x: number): string {
  const e = Math.log10(x);
  if (Math.abs(e - Math.round(e)) < 1e-9 && Math.abs(e) >= 3) return `10^${Math.round(e)}`;
  return formatNumber(x, 3);
}

/** A count with its thousands grouped (100,000 neurons), as the charts' axes write them. */
export function formatCount(x: number): string {
  return Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : String(x);
}
