import * as vscode from 'vscode';
import type { SessionManager } from '../core/auth/sessionManager';
import type { TokenStore } from '../core/auth/tokenStore';
import { toLightError } from '../core/errors';
import type { Logger } from '../core/log';
import { EXTENSION_ID } from './config';
import { onFirstUse } from '../core/firstUse';
import { linked } from './partLink';

/** The walkthrough "Get Started with Light" (`contributes.walkthroughs`): opened by the extension on its first
 *  activation ever, the context key its OAuth client step completes on, and the commands its steps' buttons run
 *  (besides Light's others: the client ID and secret are `light.setClientSecret`'s prompts, the sign-ins are
 *  `light.signIn` and `light.signInWithApiKey`). The commands hand back only whether they were done and take no
 *  argument. */

export const WALKTHROUGH_ID = 'light.gettingStarted';
/** What `workbench.action.openWalkthrough` takes: `<extension id>#<walkthrough id>`. */
export const WALKTHROUGH = `${EXTENSION_ID}#${WALKTHROUGH_ID}`;
/** globalState: the first activation has decided whether to open the walkthrough (it never decides again). */
const FIRST_ACTIVATION_DONE = 'light.walkthrough.firstActivationDone';
/** A client ID and its secret are both set: the OAuth client step is done (`onContext:light.oauthClientReady`). */
const CLIENT_READY = 'light.oauthClientReady';

/** The commands of the steps' buttons that walkthroughSteps.ts runs. */
export const STEP_COMMANDS = ['light.chooseEnvironment', 'light.showRedirectUris', 'light.copyApiExample'] as const;
export type StepCommand = (typeof STEP_COMMANDS)[number];

export interface WalkthroughDeps {
  context: vscode.ExtensionContext;
  manager: SessionManager;
  store: TokenStore;
  /** resolves once the stored sessions are loaded */
  ready: Promise<void>;
  logger: Logger;
}

export function registerWalkthrough(deps: WalkthroughDeps): vscode.Disposable[] {
  const { store, logger } = deps;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const steps = onFirstUse(() => linked(require('./walkthroughSteps') as typeof import('./walkthroughSteps')).stepCommands(logger));
  const clientReady = () => void updateClientReady(store);
  clientReady();
  void openOnFirstActivation(deps).catch((e) => logger.warn(`Could not open the walkthrough: ${toLightError(e).message}`));
  return [
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('light.oauth.clientId') && clientReady()),
    store.onDidChange((c) => c.kind === 'clientSecret' && clientReady()),
    vscode.commands.registerCommand('light.openWalkthrough', () => openWalkthrough().then(() => true)),
    ...STEP_COMMANDS.map((id) => vscode.commands.registerCommand(id, () => steps()[id]())),
  ];
}

function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
}

/** VS Code opens a walkthrough by itself only for an extension installed from the Extensions view; after any other
 *  install (`code --install-extension`, a .vsix) the first activation opens it, once, unless the user turned
 *  `workbench.welcomePage.walkthroughs.openOnInstall` off or is signed in already. Extension tests never see it. */
async function openOnFirstActivation({ context, manager, ready, logger }: WalkthroughDeps): Promise<void> {
  if (context.extensionMode === vscode.ExtensionMode.Test) return;
  if (context.globalState.get<boolean>(FIRST_ACTIVATION_DONE)) {
    logger.info('Walkthrough: not opened (the first activation opened it or chose not to).');
    return;
  }
  await context.globalState.update(FIRST_ACTIVATION_DONE, true);
  if (vscode.workspace.getConfiguration('workbench.welcomePage.walkthroughs').get<boolean>('openOnInstall') === false) {
    logger.info('Walkthrough: not opened on the first activation (workbench.welcomePage.walkthroughs.openOnInstall is off).');
    return;
  }
  await ready;
  if (manager.sessions().length) {
    logger.info('Walkthrough: not opened on the first activation (signed in already).');
    return;
  }
  await openWalkthrough();
  logger.info('Walkthrough: opened "Get Started with Light" on the first activation.');
}

async function updateClientReady(store: TokenStore): Promise<void> {
  const clientId = (vscode.workspace.getConfiguration('light').get<string>('oauth.clientId') ?? '').trim();
  const ready = !!clientId && !!(await store.clientSecret(clientId).catch(() => undefined));
  await vscode.commands.executeCommand('setContext', CLIENT_READY, ready);
}
