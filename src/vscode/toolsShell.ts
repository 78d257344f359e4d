import * as vscode from 'vscode';
import { onFirstUse } from '../core/firstUse';
import { linked } from './partLink';
import type { ToolDeps } from './tools';

/** Light's language-model tools as VS Code knows them from package.json, registered at activation; what they do
 *  (tools.ts, a part of the bundle of its own) is loaded on the first call. */

export const TOOL_NAMES = ['light_company', 'light_search', 'light_get'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export function registerTools(deps: ToolDeps): vscode.Disposable[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tools = onFirstUse(() => linked(require('./tools') as typeof import('./tools')).createTools(deps));
  return TOOL_NAMES.map((name) =>
    vscode.lm.registerTool<unknown>(name, {
      prepareInvocation: (options, token) => tools()[name].prepareInvocation?.(options, token),
      invoke: (options, token) => tools()[name].invoke(options, token),
    }),
  );
}
