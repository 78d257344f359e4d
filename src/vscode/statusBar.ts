import * as vscode from 'vscode';
import type { SessionManager } from '../core/auth/sessionManager';
import type { StoredSession } from '../core/auth/tokenStore';
import { Clock, systemClock } from '../core/clock';
import { redact } from '../core/log';

/** One status-bar item that follows the active session: signed out, signing in, time left, refreshing,
 *  retrying, stopped, expired. It reads the manager on every render and keeps no copy of its own. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('light.status', vscode.StatusBarAlignment.Left, 10);
  private ticker?: unknown;
  private readonly subs: Array<{ dispose(): void }> = [];

  constructor(
    private readonly manager: SessionManager,
    private readonly active: () => StoredSession | undefined,
    private readonly signingIn: () => boolean,
    private readonly clock: Clock = systemClock,
  ) {
    this.item.name = 'Light';
    this.subs.push(
      manager.onDidChangeSessions(() => this.render()),
      manager.onDidChangeState(() => this.render()),
    );
    this.render();
    this.item.show();
  }

  /** The next render of the time left, timed for the session shown now (so a new sign-in or another account gets its
   *  own): every 15 s, and every second from two minutes before the end (the tick that crosses into the last two
   *  minutes lands on it, not up to 15 s after). */
  private schedule(): void {
    this.clock.clearTimeout(this.ticker);
    const expiresAt = this.active()?.expiresAt;
    const untilLastMinutes = expiresAt === undefined ? Infinity : expiresAt - 120_000 - this.clock.now();
    this.ticker = this.clock.setTimeout(() => this.render(), untilLastMinutes <= 0 ? 1_000 : Math.max(1_000, Math.min(15_000, untilLastMinutes)));
  }

  render(): void {
    this.schedule();
    const session = this.active();
    const item = this.item;
    item.backgroundColor = undefined;
    if (this.signingIn() && !session) {
      item.text = `$(loading~spin) ${vscode.l10n.t('Signing in to Light…')}`;
      item.tooltip = vscode.l10n.t('Signing in to Light: approve the request in your browser. Click to cancel.');
      item.command = 'light.cancelSignIn';
      return;
    }
    if (!session) {
      item.text = `$(sign-in) ${vscode.l10n.t('Sign in to Light')}`;
      item.tooltip = vscode.l10n.t('Sign in to Light');
      item.command = 'light.signIn';
      return;
    }
    const state = this.manager.state(session.id);
    const now = this.clock.now();
    const expired = session.kind !== 'apiKey' && session.expiresAt !== undefined && session.expiresAt <= now;
    let suffix: string;
    if (session.kind === 'apiKey') suffix = vscode.l10n.t('API key');
    else if (state?.status === 'refreshing') suffix = vscode.l10n.t('refreshing…');
    else if (state?.status === 'retrying') suffix = vscode.l10n.t('refresh failed, retrying');
    else if (state?.status === 'needsAttention') suffix = vscode.l10n.t('refresh stopped');
    else if (expired) suffix = vscode.l10n.t('expired');
    else suffix = vscode.l10n.t('{0} left', formatLeft((session.expiresAt ?? now) - now));
    const icon = state?.status === 'refreshing' ? '$(sync~spin)' : state?.status === 'retrying' || state?.status === 'needsAttention' || expired ? '$(warning)' : '$(pass)';
    if (icon === '$(warning)') item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    item.text = `${icon} ${redact(session.company.name)} · ${suffix}`;
    item.tooltip = tooltip(session, state?.lastRefreshedAt, state?.lastError, state?.nextRetryAt);
    item.command = 'light.statusMenu';
  }

  /** What the item shows, as plain values (for the status-bar state command and tests). */
  snapshot(): { text: string; tooltip: string; command?: string } {
    const t = this.item.tooltip;
    const cmd = this.item.command;
    return { text: this.item.text, tooltip: typeof t === 'string' ? t : (t?.value ?? ''), command: typeof cmd === 'string' ? cmd : cmd?.command };
  }

  dispose(): void {
    this.clock.clearTimeout(this.ticker);
    for (const s of this.subs) s.dispose();
    this.item.dispose();
  }
}

export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return vscode.l10n.t('{0}s', s);
  const m = Math.floor(s / 60);
  if (m < 60) return vscode.l10n.t('{0}m', m);
  return m % 60 ? vscode.l10n.t('{0}h {1}m', Math.floor(m / 60), m % 60) : vscode.l10n.t('{0}h', m / 60);
}

function tooltip(s: StoredSession, lastRefreshedAt?: number, lastError?: string, nextRetryAt?: number): vscode.MarkdownString {
  const time = (t: number) => new Date(t).toLocaleString();
  const lines = [
    `**${vscode.l10n.t('Light')}** — ${escape(redact(s.label))}`,
    '',
    vscode.l10n.t('Environment: {0} ({1})', s.environment, s.apiBaseUrl),
    vscode.l10n.t('Company: {0}', escape(redact(s.company.name))),
    s.kind === 'apiKey' ? vscode.l10n.t('Signed in with: API key') : vscode.l10n.t('Signed in with: OAuth'),
  ];
  if (s.expiresAt !== undefined) lines.push(vscode.l10n.t('Access token expires: {0}', time(s.expiresAt)));
  if (lastRefreshedAt !== undefined) lines.push(vscode.l10n.t('Last refreshed: {0}', time(lastRefreshedAt)));
  if (lastError) {
    const error = escape(redact(lastError));
    lines.push(nextRetryAt ? vscode.l10n.t('Last refresh failed: {0} — retrying at {1}', error, time(nextRetryAt)) : vscode.l10n.t('Last refresh failed: {0} — not retrying until this is fixed', error));
  }
  const md = new vscode.MarkdownString(lines.join('  \n'));
  md.isTrusted = false;
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
