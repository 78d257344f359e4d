// Settings of the machine a code-server window runs on. A code-server window is a remote window: VS Code applies
// machine-scoped settings there only from the remote machine's settings (`<user-data-dir>/Machine/settings.json` on
// the server), not from the user settings, where it shows them as "cannot be applied in this window".
import * as fs from 'fs';
import * as path from 'path';
import { homeDirs, type Env, type Settings } from '../../runners/codeServer';

/** Merges `settings` into the remote machine's settings of the host whose home is `stateDir`. */
export function writeMachineSettings(stateDir: string, settings: Settings): void {
  const file = path.join(homeDirs(stateDir).data, 'Machine', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current: Settings = {};
  try {
    current = JSON.parse(fs.readFileSync(file, 'utf8')) as Settings;
  } catch {
    // none yet
  }
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2) + '\n');
}

/**
 * A spec's host set-up, with Light's walkthrough kept shut: Light opens "Get Started with Light" on its first
 * activation (walkthrough.spec.ts shows it), a tab that takes the focus, and so closes a quick input, in the middle of a
 * step. `workbench.welcomePage.walkthroughs.openOnInstall` is machine-scoped: in a code-server window only the machine's
 * settings can turn it off.
 */
export function keepWalkthroughShut<T extends { settings: Settings; env: Env }>(stateDir: string, host: T): T {
  writeMachineSettings(stateDir, { 'workbench.welcomePage.walkthroughs.openOnInstall': false });
  return host;
}
