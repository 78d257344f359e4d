// A stand-in for the little of the `vscode` module that an adapter tested in plain Node uses (EventEmitter).
// Importing this file makes `require('vscode')` load it: import it before the adapter under test.
import Module from 'module';

export class EventEmitter<T> {
  private readonly listeners = new Set<(e: T) => unknown>();

  readonly event = (listener: (e: T) => unknown): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }

  dispose(): void {
    this.listeners.clear();
  }
}

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'vscode' ? __filename : resolve.call(this, request, ...rest);
};
