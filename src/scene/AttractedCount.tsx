// "· 91" after an index vector's label: how many neurons are attracted to it, from the
// throttled readout (~10 Hz, exact on pause and at the end). The selector returns a string,
// so the label re-renders only when the text changes, never per frame. The counts come from
// the run this view draws (its ReadoutSourceContext): a split view's second pane must never
// show the page's counts at its own tips.
import type { OutcomeCounts } from '../core/outcomes/classify.ts';
import { useStore } from 'zustand';
import { useReadoutSource, type ReadoutStore } from './frameSource.ts';

/** The counts of the vectors sharing one label, in label order; '' before the first frame. */
function attractedText(counts: OutcomeCounts | null, names: readonly number[]): string {
  if (!counts) return '';
  const parts: string[] = [];
  for (const j of names) {
    const c = counts.attracted[j];
    if (c === undefined) return ''; // counts of a previous run with fewer index vectors
    parts.push(String(c));
  }
  return parts.join(', ');
}

export function AttractedCount({ names, source }: { names: readonly number[]; source?: ReadoutStore }) {
  const fromView = useReadoutSource();
  const text = useStore(source ?? fromView, (s) => attractedText(s.readout?.counts ?? null, names));
  if (!text) return null;
  return (
    <span className="vector-count" data-testid="attracted-count" data-value={text}>
      {' · '}
      {text}
    </span>
  );
}
