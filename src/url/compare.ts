// The second run of a split view (compare=…), derived through the permalink codec. The grammar
// and the derivation are in comparison.ts, below the codec, which uses them to check links.
import { decode, encode } from './codec.ts';
import { secondRunOf, type ComparedRunResult } from './comparison.ts';
import type { Params } from './schema.ts';

/** The second run of a comparison, or the problem that prevents it; null when `compare` is empty. */
export function comparedRun(params: Params): ComparedRunResult {
  return secondRunOf(params, { encode, decode });
}
