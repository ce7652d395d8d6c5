// Text of the 3-D labels.
const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

function subscript(i: number): string {
  return String(i).replace(/[0-9]/g, (c) => SUBSCRIPT_DIGITS[Number(c)]);
}

/** v₁, v₂, … for index vector j (0-based). */
export function vectorLabel(j: number): string {
  return `v${subscript(j + 1)}`;
}
