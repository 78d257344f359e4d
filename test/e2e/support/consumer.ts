// The consumer fixture (test/fixtures/consumer): another extension, installed in the host, and what it reports.
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURE } from './constants';

/**
 * Installs the consumer the way a user has other extensions: a folder in the extensions dir of the host whose home
 * is `stateDir`, which the server lists in extensions.json on its first start. (Only one extensionDevelopmentPath
 * reaches code-server: the web workbench reads the URL payload into a Map, so a second one would replace ours.)
 * Returns that extensions dir (startCodeServer's --extensions-dir for this stateDir).
 */
export function installConsumer(stateDir: string): string {
  const extensionsDir = path.join(stateDir, 'extensions');
  const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  fs.cpSync(FIXTURE, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  return extensionsDir;
}

export interface FailureDetail {
  call: number;
  atMs: number;
  reason: string;
}

/** What the long-running commands ("Use Light Session", "Poll Light") count. */
export interface UseSummary {
  state: 'starting' | 'running' | 'done';
  seconds: number;
  calls: number;
  failures: number;
  failureReasons?: Record<string, number>;
  failureDetails: FailureDetail[];
  statuses: Record<string, number>;
  distinctTokens: number;
  tokenChanges: number;
  minSecondsLeft?: number;
  company?: string;
  account?: string;
  consentMs?: number;
  startedAt?: number;
  endedAt?: number;
  durationMs?: number;
  error?: string;
}

/** poll-<window id>.json */
export interface PollSummary extends UseSummary {
  windowId: string;
  everyMs: number;
}

export interface Thrown {
  threw: boolean;
  name?: string;
  type?: string;
  status?: number;
  message?: string;
}

export interface ProbeCommand {
  command: string;
  argument: string;
  n: number;
  resultType?: string;
  result?: boolean;
  error?: string;
}

export interface Busy {
  n?: number;
  what?: string;
  command?: string;
  argument?: string;
}

export interface Probe {
  state: 'running' | 'done';
  busy?: Busy;
  ms?: number;
  error?: string;
  exportsWalk?: { sameObject: boolean; strings: string[]; keys: string[]; paths: string[]; accessors: string[] };
  getApi: (Thrown & { version: string; got?: string })[];
  forgedClients: (Thrown & { tried: string; realId: boolean; got?: string })[];
  commandsFound: string[];
  leftOut: { command: string; why: string }[];
  commands: ProbeCommand[];
  silentSession?: string;
  consent?: { rejected: boolean; message?: string; gotSession?: boolean; ms: number };
}

/** A one-shot command's part ('waiting', then 'done' with `ms`). */
interface OneShot {
  state: string;
  ms?: number;
  error?: string;
}

export interface Vendors extends OneShot {
  records: number;
  distinctVendorIds: number;
  missingVendorIds: number;
  sessionMs?: number;
  account?: string;
  sessionId?: string;
  company?: string;
  firstVendorName?: string;
  firstPage?: { records: number; hasMore: boolean; hasNextCursor: boolean };
}

export interface SignInAgain extends OneShot {
  previousAccount?: string;
  previousSessionId?: string;
  previousTokenSha256?: string;
  account?: string;
  sessionId?: string;
  tokenSha256?: string;
  tokenChanged?: boolean;
  status?: number | string;
  company?: string;
}

export interface ChooseAccountAgain extends OneShot {
  withPreference?: { account: string; sessionId: string; ms: number };
  account?: string;
  sessionId?: string;
  tokenSha256?: string;
}

/** "Ask Light's Tools": one vscode.lm.invokeTool call outside chat, numbered `call` (1, 2, … in the window). */
export interface ToolCall extends Omit<OneShot, 'error'> {
  call: number;
  tool?: string;
  input?: Record<string, unknown>;
  /** the tool's text parts, joined (only when it ran) */
  text?: string;
  parts?: number;
  cancelled?: boolean;
  error?: { name?: string; message?: string; cancellationError?: boolean };
}

/** consumer-summary.json: the summary of "Use Light Session" and a part per one-shot command. */
export interface ConsumerSummary extends Partial<UseSummary> {
  probe?: Probe;
  probeVsCodeAccounts?: { count?: number; labels?: string[]; error?: string };
  vendors?: Vendors;
  signInAgain?: SignInAgain;
  chooseAccountAgain?: ChooseAccountAgain;
  tools?: ToolCall;
}
