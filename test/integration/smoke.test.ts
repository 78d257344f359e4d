// The extension is present in a real VS Code host and activates there.
import * as assert from 'assert';
import * as vscode from 'vscode';
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

  it('runs in a Node extension host', () => {
    log(`      host: ${hostInfo()}`);
    assert.ok(process.versions?.node, 'expected a Node extension host');
    assert.ok(vscode.env.uriScheme, 'uriScheme is set');
    assert.match(vscode.version, /^1\.\d+\.\d+/);
  });
});
