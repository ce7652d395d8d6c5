// The compact, exact form of a list of numbers in a link: the doubles' own bytes
// (little-endian IEEE 754) in base64url, which no host or browser escapes. A k = 16 Gram matrix
// takes 2.7 k characters this way instead of up to 6.6 k as decimals, and reads back bit for
// bit (−0 included). Two forms, told apart by a letter and a dot, which no decimal list starts with:
//   f.<bytes>  every entry, in order
//   u.<bytes>  a k×k matrix with unit diagonal and equal halves: the k(k−1)/2 entries above
//              the diagonal, row by row (what the Gram editor always produces: 1.3 k characters)

const B64URL = /^[A-Za-z0-9_-]*$/;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!B64URL.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function packDoubles(xs: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(xs.length * 8));
  xs.forEach((x, i) => view.setFloat64(i * 8, x, true));
  return toBase64Url(new Uint8Array(view.buffer));
}

/** k when xs is a k×k matrix (k ≥ 2) with diagonal exactly 1 and exactly equal halves, else 0. */
function unitSymmetricOrder(xs: readonly number[]): number {
  const k = Math.round(Math.sqrt(xs.length));
  if (k < 2 || k * k !== xs.length) return 0;
  for (let i = 0; i < k; i++) {
    if (xs[i * k + i] !== 1) return 0;
    // Object.is: 0 and −0 are different numbers to the run, so to the link
    for (let j = i + 1; j < k; j++) if (!Object.is(xs[i * k + j], xs[j * k + i])) return 0;
  }
  return k;
}

/** The packed text of a list (without its key): the triangle when it is a unit symmetric matrix. */
export function packNumbers(xs: readonly number[]): string {
  const k = unitSymmetricOrder(xs);
  if (k === 0) return `f.${packDoubles(xs)}`;
  const upper: number[] = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) upper.push(xs[i * k + j]);
  return `u.${packDoubles(upper)}`;
}

/** Longest packed text of a list of up to `count` entries (the full form of all of them). */
export function longestPacked(count: number): number {
  return 2 + Math.ceil((count * 8 * 4) / 3);
}

export const isPacked = (text: string) => /^[a-z]\./.test(text);

/** The entries of a packed list, or what is wrong with it. Ranges are the caller's to check. */
export function unpackNumbers(text: string, maxEntries: number): { values: number[] } | { error: string } {
  const form = text.slice(0, 2);
  if (form !== 'f.' && form !== 'u.') return { error: `"${text.slice(0, 2)}" is not a packed form (f. or u.)` };
  const bytes = fromBase64Url(text.slice(2));
  if (!bytes || bytes.length % 8 !== 0) return { error: 'packed numbers are damaged (not whole base64url doubles)' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const xs = Array.from({ length: bytes.length / 8 }, (_, i) => view.getFloat64(i * 8, true));
  if (form === 'f.') {
    if (xs.length > maxEntries) return { error: `list has ${xs.length} entries, more than ${maxEntries}` };
    return { values: xs };
  }
  // k(k−1)/2 entries above the diagonal
  const k = (1 + Math.sqrt(1 + 8 * xs.length)) / 2;
  if (!Number.isInteger(k) || xs.length === 0) return { error: `${xs.length} entries are not the upper triangle of a square matrix` };
  if (k * k > maxEntries) return { error: `a ${k}×${k} matrix has more than ${maxEntries} entries` };
  const out = new Array<number>(k * k);
  let m = 0;
  for (let i = 0; i < k; i++) {
    out[i * k + i] = 1;
    for (let j = i + 1; j < k; j++) out[i * k + j] = out[j * k + i] = xs[m++];
  }
  return { values: out };
}
