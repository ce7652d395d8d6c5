// The keyboard-shortcuts help: a modal dialog that ? toggles and Escape closes.
import { useEffect, useId, useRef, type SyntheticEvent } from 'react';
import { helpStore, useHelpOpen } from './helpDialog.ts';
import { SHORTCUTS } from './useShortcuts.ts';
import './shortcutsHelp.css';

export function ShortcutsHelp() {
  const open = useHelpOpen();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const close = () => helpStore.getState().setOpen(false);
  // The store opens and closes the dialog. Escape goes through it too, rather than closing the
  // dialog natively; and a 'close' event, which comes a task later, only says the dialog is shut
  // when it still is: Escape then ? in quick succession reopened it, and the close event of the
  // first left the help shut with ? pressed.
  const cancel = (e: SyntheticEvent<HTMLDialogElement>) => {
    e.preventDefault();
    close();
  };
  const closed = () => {
    if (!ref.current?.open) close();
  };
  return (
    <dialog ref={ref} className="shortcuts-help" data-testid="shortcuts-help" aria-labelledby={titleId} onCancel={cancel} onClose={closed}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Shortcuts are off while typing in a text field or a menu.</p>
      <button type="button" name="help-close" onClick={close}>
        Close
      </button>
    </dialog>
  );
}
