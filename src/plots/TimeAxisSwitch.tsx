// The time charts' axis in flow time t or in samples, for a run that draws samples (online
// SGD). Two native radio buttons under one label: arrow keys move between them, and the
// choice is a view key of the link (taxis), so a shared link opens with the same axis.
import { getAppStore, useApp } from '../state/store.ts';
import { samplesPerTText, type TimeAxisChoice } from './timeUnit.ts';

const CHOICES: { value: TimeAxisChoice; text: string }[] = [
  { value: 't', text: 'flow time t' },
  { value: 'samples', text: 'samples' },
];

export function TimeAxisSwitch() {
  const plan = useApp((s) => s.info?.sampling);
  const choice = useApp((s) => s.params.taxis);
  // a population flow has no samples: nothing to switch to
  if (!plan) return null;
  return (
    <fieldset className="time-axis-switch" data-testid="time-axis-switch">
      <legend>Time axis</legend>
      {CHOICES.map((c) => (
        <label key={c.value}>
          <input
            type="radio"
            name="taxis"
            value={c.value}
            checked={choice === c.value}
            onChange={() => getAppStore().getState().setParam('taxis', c.value)}
          />
          {c.text}
          {c.value === 'samples' && <span className="time-axis-rate"> = {samplesPerTText(plan)}·t</span>}
        </label>
      ))}
    </fieldset>
  );
}
