// The query argument through the shared permalink codec. The app repairs a bad link and says
// what it used instead; the command line refuses it, so a script never runs a model nobody asked for.
import { buildModel, type Model } from '../core/model/model.ts';
import { decode, modelSpecOf, type Problem } from '../url/codec.ts';
import type { Params } from '../url/schema.ts';
import { UsageError } from './errors.ts';

export function problemLine(p: Problem): string {
  return `${p.key}: ${p.message} (${p.used === 'ignored' ? 'ignored' : `using ${p.used}`})`;
}

/** Decoded parameters of a query; any problem at all is a UsageError listing every one. */
export function paramsOfQuery(query: string): Params {
  const { params, problems } = decode(query);
  if (problems.length > 0) throw new UsageError(problems.map(problemLine));
  return params;
}

export function modelOfQuery(query: string): { params: Params; model: Model } {
  const params = paramsOfQuery(query);
  return { params, model: buildModel(modelSpecOf(params)) };
}
