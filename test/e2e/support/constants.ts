// What both end-to-end specs share: where things are, and the simulator's OAuth client.
import * as path from 'path';
import { DEFAULT_HOST, hostName, ROOT } from '../../runners/codeServer';

export { ROOT };
/** code-server rewrites links to 127.0.0.1:P into its /proxy/P/ form; 127.0.0.2 is opened as is. */
export const SIM_HOST = '127.0.0.2';
export const CLIENT_ID = 'light-vscode-dev';
export const CLIENT_SECRET = 'light-vscode-dev-secret';
/** The consumer fixture's displayName, which VS Code names in its prompts. */
export const CONSUMER_NAME = 'Light Consumer';
export const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'consumer');
/** The host the specs run on (LIGHT_HOST: `oldest`, the default, or `newest`). */
export const HOST = hostName();
/** Screenshots go here (beside the code-server installs; for a host other than the default, in a folder named after
 *  it: .vscode-test/newest/); Playwright's own output (traces) under e2e-results/ there. */
export const SHOT_DIR = HOST === DEFAULT_HOST ? path.join(ROOT, '.vscode-test') : path.join(ROOT, '.vscode-test', HOST);
export const RESULTS_DIR = path.join(SHOT_DIR, 'e2e-results');
export const SIGN_IN_COMMAND = 'Sign in to Light';
