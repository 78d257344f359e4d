import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { openSuccessor, sealSuccessor } from '../../../src/core/auth/handoffSeal';
import { FileWindowCoordinator } from '../../../src/node/windowCoordinator';
import { silentLogger } from '../../../src/core/log';
import { coordinatorFor, machineDir } from '../../support/machine';
import { sampleSession } from '../../support/builders';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('window coordinator (the files windows of one machine share)', () => {
  it('gives the lock to one window at a time, however many ask at once', async () => {
    const dir = machineDir();
    const windows = Array.from({ length: 5 }, (_, i) => coordinatorFor(`w${i}`, dir));
    let inside = 0;
    let most = 0;
    let entered = 0;
    await Promise.all(
      windows.flatMap((w) =>
        Array.from({ length: 4 }, async () => {
          const lock = await w.lock('session', 5_000, 5_000);
          inside++;
          entered++;
          most = Math.max(most, inside);
          await sleep(2);
          inside--;
          await lock.release();
        }),
      ),
    );
    assert.strictEqual(entered, 20);
    assert.strictEqual(most, 1);
  });

  it("takes over a lock whose holder's process is gone, or that outlived its expiry; waits for a live one", async () => {
    const dir = machineDir();
    const holder = new FileWindowCoordinator(dir, { owner: 'holder', logger: silentLogger, isAlive: () => true });
    await holder.lock('s', 60_000, 0);
    const alive = new FileWindowCoordinator(dir, { owner: 'other', logger: silentLogger, isAlive: () => true });
    const t0 = Date.now();
    const late = await alive.lock('s', 60_000, 300);
    assert.ok(Date.now() - t0 >= 290, 'waited for the live holder, up to its bound');
    await late.release();

    const file = fs.readdirSync(dir).find((f) => f.endsWith('.lock'));
    assert.strictEqual(file, undefined, 'released');
    await holder.lock('s', 60_000, 0);
    // The holder's extension host crashed: its pid is gone.
    const other = new FileWindowCoordinator(dir, { owner: 'other', logger: silentLogger, isAlive: () => false });
    fs.writeFileSync(path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.lock')) as string), JSON.stringify({ owner: 'dead', pid: 999_999, until: Date.now() + 60_000 }));
    const t1 = Date.now();
    const taken = await other.lock('s', 60_000, 10_000);
    assert.ok(Date.now() - t1 < 200, 'took over at once');
    await taken.release();
    // A holder that outlived its expiry (a hung request past the lock's life).
    const shortLived = await holder.lock('s', 50, 0);
    void shortLived;
    const t2 = Date.now();
    await (await alive.lock('s', 1_000, 10_000)).release();
    assert.ok(Date.now() - t2 < 500, 'took over after the expiry');
  });

  it("releasing never deletes another window's lock", async () => {
    const dir = machineDir();
    const a = coordinatorFor('a', dir);
    const b = coordinatorFor('b', dir);
    const first = await a.lock('s', 30, 0);
    await sleep(40);
    const second = await b.lock('s', 60_000, 1_000); // took over the expired one
    await first.release();
    const t0 = Date.now();
    const third = await a.lock('s', 60_000, 200);
    assert.ok(Date.now() - t0 >= 190, "b's lock was still there");
    await second.release();
    await third.release();
  });

  it('remembers which refresh tokens were spent and what sealed session replaced them, naming tokens by fingerprint only', async () => {
    const dir = machineDir();
    const a = coordinatorFor('a', dir);
    const b = coordinatorFor('b', dir);
    const next = sampleSession({ accessToken: 'access-token-two', refreshToken: 'refresh-token-two' });
    await a.recordSpent(next.id, 'refresh-token-one', sealSuccessor('refresh-token-one', next));
    const sealed = await b.spent(next.id, 'refresh-token-one');
    assert.ok(sealed);
    assert.strictEqual(await b.spent(next.id, 'refresh-token-two'), undefined);
    assert.strictEqual(openSuccessor('refresh-token-one', next.id, sealed)?.accessToken, 'access-token-two', 'the holder of the spent token opens it');
    assert.strictEqual(openSuccessor('another-token', next.id, sealed), undefined, 'nobody else does');
    assert.strictEqual(openSuccessor('refresh-token-one', 'oauth:another/session', sealed), undefined, 'nor for another session');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    assert.strictEqual(openSuccessor('refresh-token-one', next.id, tampered), undefined, 'a damaged one does not open');
    const written = fs.readdirSync(dir).map((f) => f + fs.readFileSync(path.join(dir, f), 'utf8')).join('');
    assert.doesNotMatch(written, /refresh-token|access-token|Northwind/, 'nothing in the clear');
  });

  it('keeps the latest sign-out time; a folder it cannot use leaves every window on its own, with one log line', async () => {
    const dir = machineDir();
    const a = coordinatorFor('a', dir);
    await a.recordSignOut('s', 200);
    await a.recordSignOut('s', 100);
    assert.strictEqual(await coordinatorFor('b', dir).signedOutAt('s'), 200);
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, '');
    const warnings: string[] = [];
    const broken = new FileWindowCoordinator(path.join(file, 'windows'), { owner: 'x', logger: { ...silentLogger, warn: (m) => warnings.push(m) } });
    await (await broken.lock('s', 1_000, 0)).release();
    await (await broken.lock('s', 1_000, 0)).release();
    assert.strictEqual(await broken.signedOutAt('s'), undefined);
    assert.strictEqual(warnings.length, 1);
  });
});
