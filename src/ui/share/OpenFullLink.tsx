// In embed mode, a way out of the frame: the same parameters on the full page, in a new tab.
import { useApp } from '../../state/store.ts';
import { permalink } from '../../app/location.ts';

export function OpenFullLink() {
  const params = useApp((s) => s.params);
  // built from the parameters (through encode), never from the frame's own address text
  const href = permalink({ ...params, embed: false });
  return (
    <a className="open-full" data-testid="open-full" href={href} target="_blank" rel="noopener">
      Open in Flowsphere<span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
