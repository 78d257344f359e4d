import * as l10n from '@vscode/l10n';
import { LightError } from '../errors';
import type { HostKind, SignInFlow } from './signInFlow';

/** `light.oauth.flow`: 'auto' tries every flow that works here, in ORDER; any other value pins one flow. */
export type FlowPreference = 'auto' | 'uri' | 'loopback' | 'paste';

const ORDER = ['uri', 'loopback', 'paste'];

const WINDOW: Record<HostKind, () => string> = {
  desktop: () => l10n.t('a desktop window'),
  remote: () => l10n.t('a remote window (Remote-SSH, containers, WSL, Codespaces)'),
  web: () => l10n.t('VS Code in a browser (vscode.dev, code-server)'),
};

/** The flows to try in `host`, best first. */
export function selectFlows(all: SignInFlow[], host: HostKind, pinned: FlowPreference): SignInFlow[] {
  const rank = (f: SignInFlow) => (ORDER.includes(f.id) ? ORDER.indexOf(f.id) : ORDER.length);
  const usable = all.filter((f) => f.worksIn.includes(host)).sort((a, b) => rank(a) - rank(b));
  if (pinned === 'auto') return usable;
  const flow = usable.find((f) => f.id === pinned);
  if (!flow) {
    const others = usable.map((f) => `"${f.id}"`).join(', ');
    throw new LightError(
      'config',
      others
        ? l10n.t('Setting "light.oauth.flow" is "{0}", which does not work in {1}. Set it to "auto" or to one of {2}.', pinned, WINDOW[host](), others)
        : l10n.t('Setting "light.oauth.flow" is "{0}", which does not work in {1}. Set it to "auto".', pinned, WINDOW[host]()),
    );
  }
  return [flow];
}

/** The flow to offer after `failed`, if any. */
export function nextFlow(ordered: SignInFlow[], failed: SignInFlow): SignInFlow | undefined {
  const i = ordered.indexOf(failed);
  return i < 0 ? undefined : ordered[i + 1];
}
