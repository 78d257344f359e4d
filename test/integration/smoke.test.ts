// The extension is present in a real VS Code host and activates there.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LightExports } from '../../src/lightApi';
import { EXTENSION_ID, activateExtension, describePhase, hostInfo, log } from './helpers';

describePhase(1, 'smoke: the extension in a real VS Code host', () => {
  it('is installed in the host', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not among ${vscode.extensions.all.length} extensions`);
    assert.strictEqual(ext.packageJSON.publisher, 'lightinc');
  });

  it('activates', async () => {
    await activateExtension();
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('exports getApi and nothing that carries a credential', async () => {
    const exports = await activateExtension<LightExports>();
    assert.deepStrictEqual(Object.keys(exports), ['getApi']);
    const api = exports.getApi(1);
    assert.strictEqual(api.version, 1);
    assert.deepStrictEqual(Object.keys(api).sort(), ['client', 'version']);
    for (const gone of ['getSession', 'get', 'list', 'onDidChangeSessions']) {
      assert.strictEqual((exports as unknown as Record<string, unknown>)[gone], undefined, gone);
      assert.strictEqual((api as unknown as Record<string, unknown>)[gone], undefined, gone);
    }
  });

  it('registers the test hooks in this test build', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['light.test.state', 'light.test.session', 'light.test.answerInputs']) assert.ok(commands.includes(c), c);
    assert.ok(!commands.includes('light.internal.state'), 'light.internal.state is gone');
  });

  it('runs in a Node extension host', () => {
    log(`      host: ${hostInfo()}`);
    assert.ok(process.versions?.node, 'expected a Node extension host');
    assert.ok(vscode.env.uriScheme, 'uriScheme is set');
    assert.match(vscode.version, /^1\.\d+\.\d+/);
  });
});
