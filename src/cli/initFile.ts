// --init FILE: the initial overlaps as a JSON array of n rows of k numbers, checked to be
// overlap vectors of points on the unit sphere before anything runs.
import { readFileSync } from 'node:fs';
import { spanCoordinates } from '../core/model/geometry.ts';
import type { Model } from '../core/model/model.ts';
import { UsageError } from './errors.ts';

/** Slack on uᵀG⁺u ≤ 1 for rows rounded when they were written. */
export const SPHERE_SLACK = 1e-9;

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--init ${path}: cannot read the file (${code ?? String(err)})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--init ${path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

/**
 * Checks one row: k finite numbers that are the overlaps Vᵀw of a unit w, i.e. u lies in the
 * range of G (always, for a nonsingular G) and uᵀG⁺u ≤ 1. Returns what is wrong, or null.
 */
export function sphereRowProblem(model: Model, row: unknown): string | null {
  const { k } = model.spec;
  if (!Array.isArray(row)) return `is not an array of ${k} numbers`;
  if (row.length !== k) return `has ${row.length} entries, but the query has k = ${k}`;
  const bad = row.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
  if (bad >= 0) return `entry ${bad + 1} (${JSON.stringify(row[bad])}) is not a finite number`;
  const L = model.geometry.chol;
  const c = new Float64Array(k);
  spanCoordinates(L, k, row, 0, c);
  let q = 0;
  for (let j = 0; j < k; j++) q += c[j] * c[j];
  // a singular G constrains u to its range: L c must give back every entry, dependent ones too
  for (let j = 0; j < k; j++) {
    let back = 0;
    for (let m = 0; m <= j; m++) back += L[j * k + m] * c[m];
    if (Math.abs(back - row[j]) > 1e-9) return `is not an overlap vector of this geometry (entry ${j + 1} is inconsistent with the others for the singular Gram matrix)`;
  }
  if (q > 1 + SPHERE_SLACK) return `has uᵀG⁻¹u = ${q.toPrecision(6)} > 1, so it is not the overlap vector of a point on the unit sphere`;
  return null;
}

/** Reads and validates the file against the query's n, k and geometry; row-major n·k overlaps. */
export function readInitialOverlaps(path: string, model: Model): Float64Array {
  const { n, k } = model.spec;
  const data = readJson(path);
  if (!Array.isArray(data)) throw new UsageError(`--init ${path}: expected a JSON array of ${n} rows of ${k} numbers`);
  if (data.length !== n) {
    throw new UsageError(`--init ${path}: has ${data.length} rows, but the query has n = ${n} (set n=${data.length} in the query)`);
  }
  const u = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const problem = sphereRowProblem(model, data[i]);
    if (problem) throw new UsageError(`--init ${path}: row ${i + 1} ${problem}`);
    for (let j = 0; j < k; j++) u[i * k + j] = (data[i] as number[])[j];
  }
  return u;
}
