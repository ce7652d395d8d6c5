// The 2-D plots, in the two places the layout shows them: the overlaps and the loss against
// time beside the view (the presenter strip), and the β_c threshold plot with the thresholds.
// With the squared loss its two loss charts share one place as tabs (LossTabs.tsx).
import { useApp } from '../state/store.ts';
import { LossPlot } from './LossPlot.tsx';
import { LossTabs } from './LossTabs.tsx';
import { OverlapPlot } from './OverlapPlot.tsx';
import { ThresholdPlot } from './ThresholdPlot.tsx';
import { TimeAxisSwitch } from './TimeAxisSwitch.tsx';
import './plots.css';

export function RunPlots() {
  const squared = useApp((s) => s.params.loss === 'mse');
  return (
    <section className="plots run-plots" aria-label="overlaps and loss against time">
      <TimeAxisSwitch />
      <OverlapPlot />
      {squared ? <LossTabs /> : <LossPlot />}
    </section>
  );
}

export function ThresholdPlots() {
  return (
    <section className="plots" aria-label="threshold plot">
      <ThresholdPlot />
    </section>
  );
}
