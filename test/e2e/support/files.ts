// Files the tests read: the consumer's summaries and the host's Light logs.
import * as fs from 'fs';
import * as path from 'path';

/** Files named `name` under `dir`, newest last. */
export function findFiles(dir: string, name: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => path.basename(f) === name)
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
}

/** The JSON in `file`, or undefined while there is none (or only part of it). */
export function readJson<T>(file: string | undefined): T | undefined {
  if (!file) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The lines of `file` that are not blank ([] when there is no file). */
export function lines(file: string | undefined): string[] {
  return file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()) : [];
}

export const count = (list: string[], re: RegExp): number => list.filter((l) => re.test(l)).length;
export const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
