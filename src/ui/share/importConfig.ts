// Loading a configuration file (file picker or drop): read, validated like a link, then a
// history entry of its own; every problem goes to a notice marked as coming from the import.
import { getAppStore } from '../../state/store.ts';
import { navigateTo } from '../../app/location.ts';
import { MAX_CONFIG_BYTES, parseConfig } from './exportFormats.ts';

/** Returns a one-line status for the share panel. */
export async function importConfigFile(file: File): Promise<string> {
  const st = getAppStore().getState();
  const name = file.name.slice(0, 60);
  if (file.size > MAX_CONFIG_BYTES) {
    st.addNotice('import', [{ key: '(file)', message: `${name} is larger than ${MAX_CONFIG_BYTES / 1e6} MB`, used: 'nothing imported; the current parameters stay' }]);
    return `${name} was not imported`;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    st.addNotice('import', [{ key: '(file)', message: `${name} could not be read`, used: 'nothing imported; the current parameters stay' }]);
    return `${name} was not imported`;
  }
  const parsed = parseConfig(text);
  if (!parsed.ok) {
    st.addNotice('import', [parsed.problem]);
    return `${name} was not imported`;
  }
  if (parsed.problems.length > 0) st.addNotice('import', parsed.problems);
  navigateTo(parsed.query, 'import');
  return `loaded ${name}`;
}
