import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FileWindowCoordinator } from '../../src/node/windowCoordinator';
import { Logger, silentLogger } from '../../src/core/log';

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
export function coordinatorFor(owner: string, dir = machineDir(), logger: Logger = silentLogger): FileWindowCoordinator {
  return new FileWindowCoordinator(dir, { owner, logger });
}
