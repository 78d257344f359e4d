import * as fs from 'fs';
import * as path from 'path';
import { oneLine } from '../pages/text';
import { ROOT } from './constants';
import { findFiles } from './files';
import type { E2eRun } from './fixtures';

/** What the run looked like when a step failed: a screenshot (to `shot`), the console, what was shown, what the spec
 *  adds (`more`), the Light log. */
export async function failureReport(run: E2eRun, shot: string, more: () => Promise<string[]> | string[] = () => []): Promise<string[]> {
  const out: string[] = [];
  const { wb, running } = run;
  try {
    await wb.page.screenshot({ path: shot, timeout: 5000 });
    out.push(`screenshot: ${path.relative(ROOT, shot)}`);
  } catch (e) {
    out.push(`screenshot failed: ${(e as Error).message}`);
  }
  const errors = running.browser.errors;
  out.push(`workbench console errors (${errors.length}):`);
  for (const e of errors.slice(-40)) out.push(`  ${oneLine(e).slice(0, 400)}`);
  out.push(`notifications seen: ${JSON.stringify([...wb.overlays.seen.values()])}`);
  out.push(`dialogs and quick inputs seen: ${JSON.stringify([...new Set(wb.overlays.prompts.map((p) => p.text.slice(0, 160)))])}`);
  out.push(...(await more()));
  const log = findFiles(path.join(running.server.dirs.data, 'logs'), 'Light.log').pop();
  if (log) {
    out.push('Light log (last 40 lines):');
    for (const line of fs.readFileSync(log, 'utf8').trim().split('\n').slice(-40)) out.push(`  ${line}`);
  }
  return out;
}
