// The 2-D plots, in the two places the layout shows them: the overlaps and the loss against
// time beside the view (the presenter strip), and the β_c threshold plot with the thresholds.
import { LossPlot } from './LossPlot.tsx';
import { GenErrorPlot } from './GenErrorPlot.tsx';
import { OverlapPlot } from './OverlapPlot.tsx';
import { ThresholdPlot } from './ThresholdPlot.tsx';
import { TimeAxisSwitch } from './TimeAxisSwitch.tsx';
import './plots.css';

export function RunPlots() {
  return (
    <section className="plots run-plots" aria-label="overlaps and loss against time">
      <TimeAxisSwitch />
      <OverlapPlot />
      <LossPlot />
      <GenErrorPlot />
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
