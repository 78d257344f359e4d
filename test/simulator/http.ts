// Small HTTP helpers shared by the simulator's routes.

import type { IncomingMessage, ServerResponse } from 'http';

export const JSON_TYPE = 'application/json;charset=UTF-8';
const MAX_BODY_BYTES = 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'X-Frame-Options': 'DENY',
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The media type of a request, lower-cased and without parameters ('' when absent). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

export interface ErrorItem {
  type: string;
  message: string;
  path: string[];
  context: Record<string, unknown>;
}

/** Light's ExternalUiClientExceptionV1Model error body. */
export function clientException(name: string, type: string, errors: ErrorItem[]): { name: string; type: string; errors: ErrorItem[] } {
  return { name, type, errors };
}

export function sendNotFound(res: ServerResponse, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, 404, clientException('NotFoundException', 'NOT_FOUND', [{ type: 'NOT_FOUND', message, path: [], context: {} }]), headers);
}

export function sendBadRequest(res: ServerResponse, error: ErrorItem, headers: Record<string, string> = {}): void {
  sendJson(res, 400, clientException('BadRequestException', 'BAD_REQUEST', [error]), headers);
}

/** Raised by request handlers to answer 400 BAD_REQUEST with one error item. */
export class BadRequest extends Error {
  constructor(
    readonly item: ErrorItem,
  ) {
    super(item.message);
  }
}

export function queryRecord(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) {
    out[key] = value;
  }
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
