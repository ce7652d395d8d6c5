// "· 91" after an index vector's label: how many neurons have arrived there — at v_j itself
// (recovered) or at the distorted minimum near it (docs/model.md §8) — and, fainter, how many
// more are on the way (attracted, not yet arrived). Colours say where a neuron is heading; the
// number says who is there. From the throttled readout (~10 Hz, exact on pause and at the end);
// the selector returns a string, so the label re-renders only when the text changes, never per
// frame. The counts come from the run this view draws (its ReadoutSourceContext): a split
// view's second pane must never show the page's counts at its own tips.
import { arrivedCount, type OutcomeCounts } from '../core/outcomes/classify.ts';
import { useStore } from 'zustand';
import { useReadoutSource, type ReadoutStore } from './frameSource.ts';

/** Beyond this many index vectors the "on the way" part is a bare "+m", to keep tips short. */
const SHORT_ABOVE = 6;

/** "attracted|arrived|onTheWay" of the vectors sharing one label; '' before the first frame. */
function countKey(counts: OutcomeCounts | null, names: readonly number[]): string {
  if (!counts) return '';
  const attracted: number[] = [], arrived: number[] = [], onTheWay: number[] = [];
  for (const j of names) {
    const c = counts.attracted[j];
    if (c === undefined) return ''; // counts of a previous run with fewer index vectors
    const a = arrivedCount(counts, j);
    attracted.push(c);
    arrived.push(a);
    onTheWay.push(Math.max(0, c - a));
  }
  return `${attracted.join(', ')}|${arrived.join(', ')}|${onTheWay.reduce((s, m) => s + m, 0)}|${counts.attracted.length}`;
}

export function AttractedCount({ names, source }: { names: readonly number[]; source?: ReadoutStore }) {
  const fromView = useReadoutSource();
  const key = useStore(source ?? fromView, (s) => countKey(s.readout?.counts ?? null, names));
  if (!key) return null;
  const [attracted, arrived, way, k] = key.split('|');
  const onTheWay = Number(way);
  return (
    // data-value keeps its meaning (attracted); what the label claims as arrived is data-arrived
    <span className="vector-count" data-testid="attracted-count" data-value={attracted} data-arrived={arrived} data-on-the-way={onTheWay}>
      {' · '}
      {arrived}
      {onTheWay > 0 && <span className="on-the-way">{Number(k) > SHORT_ABOVE ? ` +${onTheWay}` : ` (+${onTheWay} on the way)`}</span>}
    </span>
  );
}
