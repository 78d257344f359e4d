import { knownSecrets, useKnownSecrets, type KnownSecrets } from '../core/log';
import { scriptedAnswers, useScriptedAnswers } from './ask';

/** What a part of the bundle (src/core/firstUse.ts) shares with the activation bundle. Each part has its own copies
 *  of the modules it imports, so the state that must be one for the whole extension is the activation bundle's,
 *  handed to the part when it is loaded (`linked`): the secrets `redact` removes, and a test build's scripted answers. */
export interface PartLink {
  secrets: KnownSecrets;
  answers: string[];
}

/** In a part: use the activation bundle's state. Every part's module exports it (`export { linkPart } from …`),
 *  so that `linked` can call it. */
export function linkPart(link: PartLink): void {
  useKnownSecrets(link.secrets);
  useScriptedAnswers(link.answers);
}

/** In the activation bundle: a part's module just required, linked to this bundle's state before anything of it runs. */
export function linked<T extends { linkPart(link: PartLink): void }>(part: T): T {
  part.linkPart({ secrets: knownSecrets(), answers: scriptedAnswers() });
  return part;
}
