// JSON for people and programs at once: objects one key a line, arrays of plain values on one
// line, so `u` prints one neuron a line. Non-finite numbers become null, as in JSON.stringify.

function isPlain(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

export function readableJson(value: unknown, indent = ''): string {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) value = Array.from(value as unknown as ArrayLike<number>);
  if (isPlain(value)) return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isPlain)) return `[${value.map((v) => readableJson(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + readableJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const body = entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${readableJson(v, inner)}`).join(',\n');
  return `{\n${body}\n${indent}}`;
}

/** n rows of k from a flat row-major array. */
export function rowsOf(flat: ArrayLike<number>, n: number, k: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from({ length: k }, (_, j) => flat[i * k + j]));
  return rows;
}
