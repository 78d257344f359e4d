// VS Code's own prompts for an extension that asks for a Light session: the consent dialog and the account pick.
import { CONSUMER_NAME } from '../support/constants';
import { assert, note } from '../support/wait';
import { said, type Dialog, type DialogParts } from './dialog';
import type { QuickInput } from './quickInput';

/** VS Code's title of the account pick it shows the consumer. */
export const ACCOUNT_PICK_TITLE = `The extension '${CONSUMER_NAME}' wants to access a Light account`;
/** VS Code's consent dialog for the consumer. */
export const CONSENT_MESSAGE = `The extension '${CONSUMER_NAME}' wants to sign in using Light.`;
/** VS Code's dialog for forceNewSession. */
export const SIGN_IN_AGAIN_MESSAGE = `The extension '${CONSUMER_NAME}' wants you to sign in again using Light.`;

export class AuthenticationPrompts {
  constructor(
    readonly dialog: Dialog,
    readonly quickInput: QuickInput,
  ) {}

  /** Is the account pick for the consumer on screen? */
  async accountPickShown(): Promise<boolean> {
    return (await this.quickInput.title()) === ACCOUNT_PICK_TITLE;
  }

  /** The consent dialog (`consent`, from Dialog.parts): checks its words, clicks "Allow", then picks the one
   *  Northwind account (Light supports several accounts, so VS Code asks which one). */
  async allowAndPickNorthwind(consent: DialogParts): Promise<void> {
    const words = said(consent);
    note(`dialog: "${words}" ${JSON.stringify(consent.buttons)}`);
    assert(words === CONSENT_MESSAGE, `the dialog says "${words}", not "${CONSENT_MESSAGE}"`);
    assert(consent.buttons.includes('Allow'), `the dialog has no "Allow" button: ${JSON.stringify(consent.buttons)}`);
    await this.dialog.click('Allow');
    await this.quickInput.waitForTitle(ACCOUNT_PICK_TITLE, `the account pick "${ACCOUNT_PICK_TITLE}"`, 10000);
    await this.pickNorthwind();
  }

  /** In VS Code's account pick for the consumer, clicks the one Northwind account. */
  async pickNorthwind(): Promise<void> {
    const labels = await this.quickInput.labels();
    note(`account pick: ${JSON.stringify(labels)}`);
    const northwind = labels.filter((l) => /^Northwind Trading \(/.test(l));
    assert(northwind.length === 1, `the pick offers ${northwind.length} Northwind accounts: ${JSON.stringify(labels)}`);
    await this.quickInput.row('Northwind Trading').click();
  }
}
