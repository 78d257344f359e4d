import { knownSecrets, useKnownSecrets, type KnownSecrets } from '../core/log';
import { scriptedAnswers, useScriptedAnswers } from './ask';

/** What a part of the bundle (src/core/firstUse.ts) shares with the activation bundle. Each part has its own copies
 *  of the modules it imports, so the state that must be one for the whole extension is the activation bundle's,
 *  handed to the part when it is loaded: the secrets `redact` removes, and a test build's scripted answers. */
export interface PartLink {
  secrets: KnownSecrets;
  answers: string[];
}

/** In the activation bundle: what to hand a part. */
export function partLink(): PartLink {
  return { secrets: knownSecrets(), answers: scriptedAnswers() };
}

/** In a part, before anything else: use the activation bundle's state. */
export function linkPart(link: PartLink): void {
  useKnownSecrets(link.secrets);
  useScriptedAnswers(link.answers);
}
