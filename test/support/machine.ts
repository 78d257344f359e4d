import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WindowCoordinator } from '../../src/auth/windowCoordinator';
import { Logger, silentLogger } from '../../src/log';

const made: string[] = [];
process.once('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder that the windows of one machine share (the extension's global storage), removed at exit. */
export function machineDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'light-machine-'));
  made.push(dir);
  return dir;
}

/** One window's coordinator on the machine `dir` (a machine of its own when none is given). */
export function coordinatorFor(owner: string, dir = machineDir(), logger: Logger = silentLogger): WindowCoordinator {
  return new WindowCoordinator(dir, { owner, logger });
}
