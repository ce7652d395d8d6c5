// Problems with what the user gave (a link, an import, an edit) and faults of the flow,
// as plain text: nothing here is ever interpreted as HTML.
import { getAppStore, useApp } from '../state/store.ts';

const NO_WARNINGS: string[] = [];

const SOURCE_TITLE = { link: 'This link had problems', input: 'That value was adjusted', import: 'The imported file had problems', flow: 'The flow' };

export function NoticeBar() {
  const notices = useApp((s) => s.notices);
  const fault = useApp((s) => s.fault);
  const warnings = useApp((s) => s.info?.warnings ?? NO_WARNINGS);
  const dismiss = getAppStore().getState().dismissNotice;
  return (
    <div className="notices" aria-live="polite">
      {fault && (
        <div className="notice fault" role="alert" data-testid="fault">
          <strong>The flow stopped:</strong> {fault}. The last good frame stays on screen; the worker was restarted with the
          current parameters (press Play to run again).
        </div>
      )}
      {warnings.map((w) => (
        <div key={w} className="notice warning" data-testid="warning">Note: {w}</div>
      ))}
      {notices.map((n) => (
        <div key={n.id} className="notice" data-testid="notice" role="status">
          <strong>{SOURCE_TITLE[n.source]}:</strong>
          <ul>
            {n.problems.map((p, i) => (
              <li key={i}>
                <code>{p.key}</code>: {p.message}; {p.used === 'ignored' ? 'ignored' : `using ${p.used}`}.
              </li>
            ))}
          </ul>
          <button type="button" className="dismiss" onClick={() => dismiss(n.id)} aria-label="Dismiss notice">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
