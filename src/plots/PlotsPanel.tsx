// The 2-D plots, in the two places the layout shows them: the overlaps and the loss against
// time beside the view (the presenter strip), and the β_c threshold plot with the thresholds.
// With the squared loss its two loss charts share one place as tabs (LossTabs.tsx).
import { traitsOf } from '../core/dynamics/kind.ts';
import { useApp } from '../state/store.ts';
import { LossPlot } from './LossPlot.tsx';
import { LossTabs } from './LossTabs.tsx';
import { OverlapPlot } from './OverlapPlot.tsx';
import { ThresholdPlot } from './ThresholdPlot.tsx';
import { TimeAxisSwitch } from './TimeAxisSwitch.tsx';
import { useEffect, useState } from 'react';
import { thresholdViewStore, useThresholdViewOpen } from '../state/thresholdView.ts';
import './plots.css';

/** A screen tall enough (in the three-column layout) for the threshold view beside the plots against time. */
const ROOM_FOR_BOTH = '(min-width: 1100px) and (min-aspect-ratio: 5/4) and (min-height: 1000px)';

function useMedia(query: string): boolean {
  const list = typeof matchMedia === 'function' ? matchMedia(query) : null;
  const [matches, setMatches] = useState(list?.matches ?? false);
  useEffect(() => {
    if (!list) return;
    const update = () => setMatches(list.matches);
    list.addEventListener('change', update);
    update();
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}

/** Whether the threshold view is in the presenter strip (else it is in the side column). */
export function useThresholdInStage(): boolean {
  const open = useThresholdViewOpen();
  return useMedia(ROOM_FOR_BOTH) || open;
}

/** On a screen without room for both, the threshold view replaces the plots against time once asked for. */
export function useRoomForBoth(): boolean {
  return useMedia(ROOM_FOR_BOTH);
}

/**
 * The presenter strip's plots: against time, and the threshold view — on a tall screen both;
 * otherwise the threshold view replaces the others when opened from the β control, with a
 * button back (the plots against time stay mounted while hidden, so their history is kept).
 */
export function StagePlots() {
  const both = useMedia(ROOM_FOR_BOTH);
  const open = useThresholdViewOpen();
  return (
    <>
      <RunPlots hidden={open && !both} />
      {open && !both && (
        <button type="button" className="plots-back" name="plots-time" onClick={() => thresholdViewStore.getState().setOpen(false)}>
          ← Back to the plots against time
        </button>
      )}
      {(open || both) && <ThresholdPlots />}
    </>
  );
}

export function RunPlots({ hidden = false }: { hidden?: boolean } = {}) {
  // the squared loss's coupled flow has a second loss chart (E[(f − f*)²]): the two share tabs
  const squared = useApp((s) => traitsOf(s.params).interacting);
  return (
    <section className="plots run-plots" aria-label="overlaps and loss against time" hidden={hidden}>
      <TimeAxisSwitch />
      <OverlapPlot />
      {squared ? <LossTabs /> : <LossPlot />}
    </section>
  );
}

export function ThresholdPlots() {
  return (
    <section className="plots threshold-plots" aria-label="threshold plot">
      <ThresholdPlot />
    </section>
  );
}
