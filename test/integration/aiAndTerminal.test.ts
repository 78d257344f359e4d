// Light in VS Code's AI features and in the terminal, in a real VS Code host: the language-model tools invoked the way
// chat invokes them (vscode.lm.invokeTool; no chat model needed), the terminal's environment, and, where the host
// has the MCP server API (VS Code 1.101 and later), Light's MCP server reached through VS Code.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { DEV_CREDENTIALS, startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { activateExtension, answerInputs, describePhase, logText, lightGet, runCommand, session, setClientSecret, signIn, signInWithApiKey, signOutOf, state, useSimulator, waitFor } from './helpers';

const text = (r: vscode.LanguageModelToolResult) => r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
const invoke = async (name: string, input: object) => text(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }));

/** What a new integrated terminal's shell sees of these variables. */
async function terminalSees(...names: string[]): Promise<Record<string, string>> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'light-terminal-')), 'env.json');
  const script = `printf '{${names.map((n) => `"${n}":"%s"`).join(',')}}' ${names.map((n) => `"$${n}"`).join(' ')} > '${out}'`;
  const terminal = vscode.window.createTerminal({ name: 'Light env probe', shellPath: '/bin/sh', shellArgs: ['-c', script] });
  try {
    return await waitFor(() => (fs.existsSync(out) && fs.statSync(out).size ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, string>) : undefined), 'the terminal to write its environment', 20_000);
  } finally {
    terminal.dispose();
  }
}

describePhase(1, "Light's language-model tools, terminal and MCP server in a real VS Code host", () => {
  let sim: Simulator;

  before(async () => {
    await activateExtension();
    sim = await startSimulator({ host: '127.0.0.2', autoApprove: true, counts: { vendors: 120, invoicePayables: 40 } });
    await useSimulator(sim);
    assert.strictEqual(await setClientSecret(DEV_CREDENTIALS.production.clientSecret), true);
  });

  after(async () => {
    const c = vscode.workspace.getConfiguration('light');
    for (const key of ['terminal.environment', 'terminal.includeApiKeys', 'mcp.enabled']) await c.update(key, undefined, vscode.ConfigurationTarget.Global);
    await signOutOf(sim);
    await sim.stop();
  });

  it('registers light_company, light_search and light_get, which chat can reference', async () => {
    const tools = await waitFor(() => {
      const ours = vscode.lm.tools.filter((t) => t.name.startsWith('light_'));
      return ours.length === 3 ? ours : undefined;
    }, 'the tools to be listed');
    assert.deepStrictEqual(tools.map((t) => t.name).sort(), ['light_company', 'light_get', 'light_search']);
    const search = tools.find((t) => t.name === 'light_search');
    assert.deepStrictEqual((search?.inputSchema as { required: string[] }).required, ['resource']);
  });

  it('signed out, a tool answers what the user should do, and asks Light nothing', async () => {
    assert.deepStrictEqual((await state()).sessions, [], 'no session is left from the suites before');
    sim.control.resetCounters();
    assert.match(await invoke('light_search', { resource: 'vendors' }), /not signed in to Light\. Ask them to run "Sign in to Light"/);
    assert.strictEqual(sim.control.counters().api, 0);
  });

  it("light_company names the account; light_search lists a page of vendors from Light with a cursor to go on", async () => {
    assert.ok(await signIn());
    const company = await invoke('light_company', {});
    assert.match(company, /^Signed in to Light as Northwind Trading \(127\.0\.0\.2:\d+\) \(OAuth\)\./);
    assert.match(company, /base currency [A-Z]{3}/);
    const expected = await lightGet<{ records: Array<{ vendorId: string; name: string }>; nextCursor: string }>('/v1/vendors', undefined, { limit: 5, cursor: '0', sort: 'name:desc' });
    const page = await invoke('light_search', { resource: 'vendors', sort: 'name:desc', limit: 5 });
    assert.match(page, /^5 vendors:/);
    for (const v of expected.records) assert.ok(page.includes(`Name: ${v.name};`) && page.includes(`id: ${v.vendorId}`), `${v.name} in ${page}`);
    assert.match(page, new RegExp(`call again with cursor "${expected.nextCursor}"`));
    const searched = await invoke('light_search', { resource: 'vendors', searchTerm: expected.records[0].name });
    assert.ok(searched.includes(expected.records[0].vendorId));
  });

  it('light_get reads one record with bank details masked; bad input is text the model can act on', async () => {
    const bills = await lightGet<{ records: Array<{ id: string; payeeIban?: string }> }>('/v1/bff/invoice-payables', undefined, { limit: 40, cursor: '0' });
    const bill = bills.records.find((b) => b.payeeIban);
    assert.ok(bill);
    const got = await invoke('light_get', { resource: 'bills', id: bill.id });
    assert.match(got, /\(bank details masked\)/);
    assert.ok(got.includes(bill.id) && !got.includes(bill.payeeIban as string), 'the IBAN is masked');
    assert.match(await invoke('light_get', { resource: 'vendors', id: 'no-such-vendor' }), /Light has no vendor with id "no-such-vendor"/);
    assert.match(await invoke('light_search', { resource: 'vendors', filter: 'colour:eq:red' }), /cannot filter vendors by "colour"\. It can filter them by: id, status/);
    assert.match(await invoke('light_search', { resource: 'planets' }), /Unknown resource "planets"\. Use one of: vendors, customers, bills/);
    sim.control.failNext('api', 1, { kind: 'status', status: 429, body: { type: 'TOO_MANY_REQUESTS', message: 'slow down' }, headers: { 'Retry-After': '120' } });
    assert.match(await invoke('light_search', { resource: 'customers' }), /rate limit was reached\. Try again in 120 seconds/);
  });

  it('gives new terminals LIGHT_API_URL and LIGHT_ACCESS_TOKEN only when asked, renews them after a refresh, and removes them on sign-out', async () => {
    const vars = ['LIGHT_API_URL', 'LIGHT_ACCESS_TOKEN', 'LIGHT_API_KEY'];
    assert.deepStrictEqual(await terminalSees(...vars), { LIGHT_API_URL: '', LIGHT_ACCESS_TOKEN: '', LIGHT_API_KEY: '' }, 'off by default');
    await vscode.workspace.getConfiguration('light').update('terminal.environment', true, vscode.ConfigurationTarget.Global);
    const before = await session();
    assert.ok(before);
    assert.deepStrictEqual(await terminalSees(...vars), { LIGHT_API_URL: sim.url, LIGHT_ACCESS_TOKEN: before.accessToken, LIGHT_API_KEY: '' });

    sim.control.expireAccessTokens();
    assert.match(await invoke('light_search', { resource: 'vendors', limit: 1 }), /^1 vendor:/, 'Light refused the token, the client refreshed and asked again');
    const after = await waitFor(async () => ((s) => (s && s.accessToken !== before.accessToken ? s : undefined))(await session()), 'a refresh');
    assert.strictEqual((await terminalSees('LIGHT_ACCESS_TOKEN')).LIGHT_ACCESS_TOKEN, after.accessToken, 'the new token, not the old one');

    const key = await signInWithApiKey(DEV_CREDENTIALS.production.apiKey);
    assert.ok(key);
    assert.deepStrictEqual(await terminalSees(...vars), { LIGHT_API_URL: '', LIGHT_ACCESS_TOKEN: '', LIGHT_API_KEY: '' }, 'an API key only when opted in');
    await vscode.workspace.getConfiguration('light').update('terminal.includeApiKeys', true, vscode.ConfigurationTarget.Global);
    assert.deepStrictEqual(await terminalSees(...vars), { LIGHT_API_URL: sim.url, LIGHT_ACCESS_TOKEN: '', LIGHT_API_KEY: DEV_CREDENTIALS.production.apiKey });

    await signOutOf(sim);
    assert.deepStrictEqual(await terminalSees(...vars), { LIGHT_API_URL: '', LIGHT_ACCESS_TOKEN: '', LIGHT_API_KEY: '' }, 'gone after sign-out');
  });

  it("offers Light's MCP server where VS Code has the API, and VS Code lists its tools through it with a fresh token", async function () {
    const [major, minor] = vscode.version.split('.').map(Number);
    if (major === 1 && minor < 101) this.skip(); // the API is stable from VS Code 1.101; the newest host runs this
    this.timeout(60_000);
    assert.ok(await signIn());
    await vscode.workspace.getConfiguration('light').update('mcp.enabled', true, vscode.ConfigurationTarget.Global);
    sim.control.resetCounters();
    // VS Code collects the definition asynchronously after the setting changes: start the servers it has until Light's is among them.
    let started = 'not started';
    await waitFor(async () => {
      started = await Promise.resolve(vscode.commands.executeCommand('workbench.mcp.startServer', '*', { waitForLiveTools: true })).then(
        () => 'started',
        (e: Error) => `start failed: ${e.message}`,
      );
      return sim.control.counters().mcp.requests > 0;
    }, "VS Code to start Light's MCP server", 30_000, 1_000).catch(() => undefined);
    const tools = await waitFor(() => ((t) => (t.length ? t : undefined))(vscode.lm.tools.filter((x) => /list_vendors/.test(x.name))), "Light's MCP tools to be listed", 30_000).catch(async (e: Error) => {
      const log = (await logText()).split('\n').filter((l) => /MCP/i.test(l));
      throw new Error(`${e.message} (${started}; simulator: ${JSON.stringify(sim.control.counters().mcp)}; Light's log: ${log.join(' | ')})`);
    });
    const mcp = sim.control.counters().mcp;
    assert.ok(mcp.byMethod['tools/list'] >= 1, JSON.stringify(mcp));
    assert.strictEqual(mcp.lastAuthorization, 'oauth', 'the OAuth token of the session (no personal token is set)');
    const answer = text(await vscode.lm.invokeTool(tools[0].name, { input: { limit: 3 }, toolInvocationToken: undefined }));
    assert.ok(answer.length > 0, 'a tools/call through VS Code');

    await answerInputs(DEV_CREDENTIALS.production.mcpToken);
    assert.strictEqual(await runCommand('light.mcp.setToken'), true);
    await vscode.commands.executeCommand('workbench.mcp.restartServer', 'lightinc.light-vscode/Light', { waitForLiveTools: true });
    await waitFor(() => sim.control.counters().mcp.lastAuthorization === 'personal', 'the personal MCP token to be used');
    await answerInputs('');
    assert.strictEqual(await runCommand('light.mcp.setToken'), true);
    await vscode.commands.executeCommand('workbench.mcp.stopServer', 'lightinc.light-vscode/Light');
  });
});
