// The README's pictures are screenshots the end-to-end specs take of what they have just checked. Each goes to
// <SHOT_DIR>/pictures/<name>.png; with LIGHT_README_PICTURES=1, on the default host, also to media/readme/<name>.png,
// the files README.md shows (`LIGHT_README_PICTURES=1 npm run test:e2e` renews them).
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_HOST } from '../../runners/codeServer';
import type { Workbench } from '../pages/workbench';
import { HOST, ROOT, SHOT_DIR } from './constants';
import { note } from './wait';

export const README_PICTURES = path.join(ROOT, 'media', 'readme');

/** Screenshots the workbench as `name` (see above). */
export async function picture(wb: Workbench, name: string): Promise<void> {
  const file = path.join(SHOT_DIR, 'pictures', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await wb.screenshot(file);
  const renew = process.env.LIGHT_README_PICTURES === '1' && HOST === DEFAULT_HOST;
  if (renew) fs.copyFileSync(file, path.join(README_PICTURES, `${name}.png`));
  note(`picture ${path.relative(ROOT, file)}${renew ? `, and ${path.relative(ROOT, path.join(README_PICTURES, `${name}.png`))}` : ''}`);
}
