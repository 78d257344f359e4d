// Queued faults: the next N requests to a target get a broken answer instead of the normal one.

import type { IncomingMessage, ServerResponse } from 'http';
import { JSON_TYPE, sendHtml } from './http';
import type { Fault, FaultTarget } from './types';

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

const DEFAULT_STATUS_BODY: Record<FaultTarget, unknown> = {
  token: { error: 'server_error', error_description: 'The authorization server encountered an unexpected condition' },
  api: { type: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' },
  authorize: { type: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' },
  mcp: { type: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' },
};

const KINDS = new Set(['status', 'malformed', 'html', 'hang', 'reset', 'noRefreshToken', 'lostAnswer']);

export class FaultQueue {
  private readonly queues: Record<FaultTarget, QueuedFault[]> = { token: [], api: [], authorize: [], mcp: [] };
  /** Responses held open by 'hang' faults, ended when the simulator stops. */
  readonly hung = new Set<ServerResponse>();

  add(target: FaultTarget, count: number, fault: Fault): void {
    if (!(target in this.queues)) {
      throw new TypeError(`Unknown fault target '${String(target)}'`);
    }
    if (!Number.isInteger(count) || count < 1) {
      throw new TypeError('count must be a positive integer');
    }
    if (!fault || !KINDS.has(fault.kind)) {
      throw new TypeError(`Unknown fault kind '${String(fault?.kind)}'`);
    }
    if (fault.kind === 'lostAnswer' && target !== 'api') {
      throw new TypeError("The 'lostAnswer' fault only applies to the 'api' target");
    }
    if (fault.kind === 'noRefreshToken' && target !== 'token') {
      throw new TypeError("The 'noRefreshToken' fault only applies to the 'token' target");
    }
    if (fault.kind === 'status' && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
      throw new TypeError('A status fault needs an HTTP status between 100 and 599');
    }
    this.queues[target].push({ fault, remaining: count });
  }

  clear(): void {
    for (const key of Object.keys(this.queues) as FaultTarget[]) {
      this.queues[key] = [];
    }
  }

  /** The fault for the current request to `target`, if one is queued (it is consumed). */
  take(target: FaultTarget): Fault | undefined {
    const queue = this.queues[target];
    const head = queue[0];
    if (!head) {
      return undefined;
    }
    head.remaining--;
    if (head.remaining <= 0) {
      queue.shift();
    }
    return head.fault;
  }

  /**
   * Answer with `fault`. Returns false when the fault does not replace the answer
   * ('noRefreshToken' only changes a successful token response).
   */
  apply(target: FaultTarget, fault: Fault, req: IncomingMessage, res: ServerResponse): boolean {
    switch (fault.kind) {
      case 'status': {
        const body = fault.body === undefined ? DEFAULT_STATUS_BODY[target] : fault.body;
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : JSON_TYPE;
        res.writeHead(fault.status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text), ...fault.headers });
        res.end(text);
        return true;
      }
      case 'malformed': {
        const text = target === 'token' ? '{"access_token": "eyJhbGciOi' : target === 'mcp' ? '{"jsonrpc": "2.0", "id": 1, "result": {"proto' : '{"records": [{"id": "0b7c';
        res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
        return true;
      }
      case 'html': {
        const status = fault.status ?? 502;
        const title = `${status} ${status === 503 ? 'Service Temporarily Unavailable' : status === 504 ? 'Gateway Time-out' : 'Bad Gateway'}`;
        sendHtml(res, status, `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`);
        return true;
      }
      case 'hang':
        this.hung.add(res);
        res.on('close', () => this.hung.delete(res));
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      case 'noRefreshToken':
      case 'lostAnswer':
        return false;
    }
  }

  /** Drop every hung connection (used when the simulator stops). */
  releaseHung(): void {
    for (const res of this.hung) {
      res.socket?.destroy();
    }
    this.hung.clear();
  }
}
