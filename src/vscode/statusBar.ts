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
      item.text = '$(loading~spin) Signing in to Light…';
      item.tooltip = 'Signing in to Light: approve the request in your browser. Click to cancel.';
      item.command = 'light.cancelSignIn';
      return;
    }
    if (!session) {
      item.text = '$(sign-in) Sign in to Light';
      item.tooltip = 'Sign in to Light';
      item.command = 'light.signIn';
      return;
    }
    const state = this.manager.state(session.id);
    const now = this.clock.now();
    let suffix: string;
    if (session.kind === 'apiKey') suffix = 'API key';
    else if (state?.status === 'refreshing') suffix = 'refreshing…';
    else if (state?.status === 'retrying') suffix = 'refresh failed, retrying';
    else if (state?.status === 'needsAttention') suffix = 'refresh stopped';
    else if (session.expiresAt !== undefined && session.expiresAt <= now) suffix = 'expired';
    else suffix = `${formatLeft((session.expiresAt ?? now) - now)} left`;
    const icon = state?.status === 'refreshing' ? '$(sync~spin)' : state?.status === 'retrying' || state?.status === 'needsAttention' || suffix === 'expired' ? '$(warning)' : '$(pass)';
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
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  return m % 60 ? `${Math.floor(m / 60)}h ${m % 60}m` : `${m / 60}h`;
}

function tooltip(s: StoredSession, lastRefreshedAt?: number, lastError?: string, nextRetryAt?: number): vscode.MarkdownString {
  const time = (t: number) => new Date(t).toLocaleString();
  const lines = [
    `**Light** — ${escape(redact(s.label))}`,
    '',
    `Environment: ${s.environment} (${s.apiBaseUrl})`,
    `Company: ${escape(redact(s.company.name))}`,
    `Signed in with: ${s.kind === 'apiKey' ? 'API key' : 'OAuth'}`,
  ];
  if (s.expiresAt !== undefined) lines.push(`Access token expires: ${time(s.expiresAt)}`);
  if (lastRefreshedAt !== undefined) lines.push(`Last refreshed: ${time(lastRefreshedAt)}`);
  if (lastError) lines.push(`Last refresh failed: ${escape(redact(lastError))}${nextRetryAt ? ` — retrying at ${time(nextRetryAt)}` : ' — not retrying until this is fixed'}`);
  const md = new vscode.MarkdownString(lines.join('  \n'));
  md.isTrusted = false;
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
