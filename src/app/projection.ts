import type { ProjectionChoice } from '../core/projection/projection.ts';
import { tourClock } from '../state/projectionView.ts';
import type { Params } from '../url/schema.ts';
import { parseProjectionKey, projectionChoiceOf } from '../url/projectionKey.ts';

/** The projection a run's parameters ask for (the grand tour where its clock is now). */
export function projectionOf(params: Params): ProjectionChoice {
  const key = parseProjectionKey(params.proj, params.k);
  return projectionChoiceOf(key.ok ? key.value : { choice: 'even' }, tourClock.phase);
}
