// What both end-to-end specs share: where things are, and the simulator's OAuth client.
import * as path from 'path';
import { ROOT } from '../../runners/codeServer';

export { ROOT };
/** code-server rewrites links to 127.0.0.1:P into its /proxy/P/ form; 127.0.0.2 is opened as is. */
export const SIM_HOST = '127.0.0.2';
export const CLIENT_ID = 'light-vscode-dev';
export const CLIENT_SECRET = 'light-vscode-dev-secret';
/** The consumer fixture's displayName, which VS Code names in its prompts. */
export const CONSUMER_NAME = 'Light Consumer';
export const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'consumer');
/** Screenshots go here (beside the code-server install); Playwright's own output (traces) under e2e-results/. */
export const SHOT_DIR = path.join(ROOT, '.vscode-test');
export const RESULTS_DIR = path.join(SHOT_DIR, 'e2e-results');
export const SIGN_IN_COMMAND = 'Sign in to Light';
