import * as vscode from 'vscode';
import { resolveEnvironment } from '../core/auth/environment';
import type { SessionManager } from '../core/auth/sessionManager';
import type { TokenStore } from '../core/auth/tokenStore';
import type { Logger } from '../core/log';
import type { ActiveAccount } from './activeAccount';
import { ask } from './ask';
import { readConfig } from './config';

/** Light's hosted MCP server, offered to VS Code's chat where VS Code has the MCP server definition API (1.101 and
 *  later; detected at run time, so engines.vscode stays ^1.100), behind `light.mcp.enabled`. The request carries a
 *  personal Light MCP token (`lmcp_…`, kept in secret storage) when the user set one, else a fresh OAuth access token
 *  of the active account: Light documents personal tokens for MCP, and does not say whether it takes OAuth tokens. */

/** The few MCP types this extension uses (vscode.d.ts 1.101), declared here because @types/vscode is 1.100. */
interface McpHttpServerDefinition {
  readonly label: string;
  uri: vscode.Uri;
  headers: Record<string, string>;
  version?: string;
}
type McpHttpServerDefinitionClass = new (label: string, uri: vscode.Uri, headers?: Record<string, string>, version?: string) => McpHttpServerDefinition;
interface McpServerDefinitionProvider {
  readonly onDidChangeMcpServerDefinitions?: vscode.Event<void>;
  provideMcpServerDefinitions(token: vscode.CancellationToken): vscode.ProviderResult<McpHttpServerDefinition[]>;
  resolveMcpServerDefinition?(server: McpHttpServerDefinition, token: vscode.CancellationToken): vscode.ProviderResult<McpHttpServerDefinition>;
}
interface McpApi {
  registerMcpServerDefinitionProvider(id: string, provider: McpServerDefinitionProvider): vscode.Disposable;
}

export const MCP_PROVIDER_ID = 'light';

export interface McpDeps {
  manager: SessionManager;
  store: TokenStore;
  active: ActiveAccount;
  logger: Logger;
}

/** The Set MCP Token command, always; the server definition where VS Code has the API. */
export function registerMcpServer(deps: McpDeps): vscode.Disposable[] {
  const setToken = vscode.commands.registerCommand('light.mcp.setToken', () => setMcpToken(deps));
  const lm = vscode.lm as unknown as Partial<McpApi>;
  const Definition = (vscode as unknown as { McpHttpServerDefinition?: McpHttpServerDefinitionClass }).McpHttpServerDefinition;
  if (typeof lm.registerMcpServerDefinitionProvider !== 'function' || !Definition) {
    deps.logger.info(`VS Code ${vscode.version} has no MCP server definition API (1.101 and later): Light's MCP server is not offered.`);
    return [setToken];
  }
  const changed = new vscode.EventEmitter<void>();
  const environment = () => environmentInUse(deps);
  const provider: McpServerDefinitionProvider = {
    onDidChangeMcpServerDefinitions: changed.event,
    async provideMcpServerDefinitions() {
      if (!vscode.workspace.getConfiguration('light.mcp').get<boolean>('enabled')) return [];
      const env = environment();
      const session = deps.active.get();
      if (!session && !(await deps.store.mcpToken(env.key))) return [];
      deps.logger.info(`Offering Light's MCP server at ${env.mcpUrl} to VS Code.`);
      // The version names the account: VS Code reloads the server's tools when it changes.
      return [new Definition(vscode.l10n.t('Light'), vscode.Uri.parse(env.mcpUrl), {}, session?.accountId ?? env.key)];
    },
    async resolveMcpServerDefinition(server) {
      const env = environment();
      const session = deps.active.get();
      const personal = await deps.store.mcpToken(env.key);
      const token = personal ?? (session?.kind === 'oauth' ? (await deps.manager.fresh(session.id))?.accessToken : undefined);
      if (!token) {
        const set = vscode.l10n.t('Set MCP Token');
        void vscode.window
          .showWarningMessage(vscode.l10n.t("Light's MCP server needs a sign-in to Light with OAuth, or a personal Light MCP token (Light: Settings > MCP)."), set)
          .then((c) => c === set && vscode.commands.executeCommand('light.mcp.setToken'));
        return undefined;
      }
      deps.logger.info(`Starting Light's MCP server at ${env.mcpUrl} with ${personal ? 'the personal MCP token' : `the OAuth session of ${session?.label}`}.`);
      server.headers = { ...server.headers, Authorization: `Bearer ${token}` };
      return server;
    },
  };
  let registration: vscode.Disposable;
  try {
    registration = lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider);
  } catch (e) {
    // VS Code 1.100 has an earlier, proposed form of the API under the same name, which refuses this extension.
    deps.logger.info(`VS Code ${vscode.version} did not take Light's MCP server (${(e as Error).message}): it is not offered.`);
    changed.dispose();
    return [setToken];
  }
  const fire = () => changed.fire();
  return [
    setToken,
    changed,
    registration,
    deps.manager.onDidChangeSessions((c) => (c.added.length || c.removed.length) && fire()),
    deps.active.onDidChange(fire),
    deps.store.onDidChange((c) => c.kind === 'mcpToken' && fire()),
    vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration('light.mcp') || e.affectsConfiguration('light.environment') || e.affectsConfiguration('light.apiUrl')) && fire()),
  ];
}

/** The active account's environment, or the one the settings name when signed out. */
function environmentInUse(deps: McpDeps) {
  const session = deps.active.get();
  return session ? resolveEnvironment('custom', session.apiBaseUrl) : readConfig().env;
}

/** Asks for a personal Light MCP token for the environment in use; an empty answer removes the stored one. Always
 *  asks: a token passed as an argument is never used. */
async function setMcpToken(deps: McpDeps): Promise<boolean> {
  const env = environmentInUse(deps);
  const input = await ask({
    title: vscode.l10n.t('Light MCP token ({0})', env.apiBaseUrl),
    prompt: vscode.l10n.t('Paste a personal MCP token from Light (Settings > MCP; it starts with lmcp_). Leave empty to remove the stored one. It is kept in VS Code secret storage.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (!v.trim() || /^lmcp_\S+$/.test(v.trim()) ? undefined : vscode.l10n.t("Light's personal MCP tokens start with lmcp_ and have no spaces.")),
  });
  if (input === undefined) return false;
  await deps.store.setMcpToken(env.key, input.trim() || undefined);
  deps.logger.info(input.trim() ? `Stored a personal Light MCP token for ${env.apiBaseUrl}.` : `Removed the personal Light MCP token for ${env.apiBaseUrl}.`);
  return true;
}
