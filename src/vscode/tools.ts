import * as vscode from 'vscode';
import { LightClient, signedOut } from '../core/api/lightClient';
import type { SessionManager } from '../core/auth/sessionManager';
import type { StoredSession } from '../core/auth/tokenStore';
import { companyText, describeSearch, errorText, GetInput, getText, resourceOf, SearchInput, searchText } from '../core/tools/lightTools';
import type { Logger } from '../core/log';
import type { Company } from '../lightApi';
import type { ActiveAccount } from './activeAccount';
import type { ToolName } from './toolsShell';

/** Light's language-model tools (light_company, light_search, light_get) for chat and agents, on the active
 *  account. Read-only. Every call is confirmed through VS Code's own tool confirmation, which names the account and
 *  what is read; results are compact text with bank details masked; failures are text the model can act on. A part
 *  of the bundle of its own, which toolsShell.ts loads on the first call. */

export interface ToolDeps {
  manager: SessionManager;
  active: ActiveAccount;
  logger: Logger;
}

export { linkPart } from './partLink';

type Run<T> = (session: StoredSession, client: LightClient, input: T, signal: AbortSignal) => Promise<string>;

export function createTools(deps: ToolDeps): Record<ToolName, vscode.LanguageModelTool<unknown>> {
  /** The account each confirmation named, by tool and input: a call reads only from the account the user confirmed. */
  const confirmed = new Map<string, string>();
  const tool = <T>(name: ToolName, what: (input: T) => string, run: Run<T>) => [name, {
      prepareInvocation(options) {
        const session = deps.active.get();
        const reading = safely(() => what(options.input)) ?? vscode.l10n.t('Light data');
        const title = vscode.l10n.t('Read from Light?');
        if (!session) return { invocationMessage: vscode.l10n.t('Light: not signed in'), confirmationMessages: { title, message: vscode.l10n.t('You are not signed in to Light: nothing will be read.') } };
        confirmed.set(callKey(name, options.input), session.accountId);
        const message =
          session.kind === 'oauth'
            ? vscode.l10n.t('Read {0} from {1} (signed in with OAuth). Nothing is changed in Light.', reading, session.label)
            : vscode.l10n.t('Read {0} from {1}. Nothing is changed in Light.', reading, session.label);
        return {
          invocationMessage: vscode.l10n.t('Reading {0} from {1}', reading, session.label),
          confirmationMessages: { title, message: new vscode.MarkdownString().appendText(message) },
        };
      },
      async invoke(options, token) {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          const session = deps.active.get();
          const key = callKey(name, options.input);
          const expected = confirmed.get(key);
          confirmed.delete(key);
          if (!session) return result(errorText(signedOut()));
          if (expected && expected !== session.accountId) return result(vscode.l10n.t('The active Light account changed after the user confirmed reading from another one; nothing was read. Ask again.'));
          deps.logger.info(`Tool ${name}: reading from ${session.label}.`);
          return result(await run(session, new LightClient(deps.manager, session.id), options.input, abort.signal));
        } catch (e) {
          deps.logger.warn(`Tool ${name} failed: ${(e as Error).message}`);
          return result(errorText(e));
        } finally {
          sub.dispose();
        }
      },
    } satisfies vscode.LanguageModelTool<T>] as const;
  return Object.fromEntries([
    tool<Record<string, never>>('light_company', () => vscode.l10n.t('who is signed in'), async (session, client, _input, signal) =>
      companyText(session, await client.get<Company>('/v1/companies/current', undefined, { signal }).catch(() => undefined)),
    ),
    tool<SearchInput>('light_search', describeSearch, (_s, client, input, signal) => searchText(client, input, signal)),
    tool<GetInput>('light_get', (input) => vscode.l10n.t('the {0} {1}', resourceOf(input).noun, String(input.id)), (_s, client, input, signal) => getText(client, input, signal)),
  ]) as Record<ToolName, vscode.LanguageModelTool<unknown>>;
}

function callKey(name: string, input: unknown): string {
  return `${name}:${JSON.stringify(input)}`;
}

function result(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
