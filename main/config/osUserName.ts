import { userInfo } from 'node:os';
import { hiddenCharacter } from '../api/hiddenCharacter.js';

/** What an account name is replaced by where the OS does not say one, or says one no record may hold. */
export const FALLBACK_USER_NAME = 'manager';

/**
 * Who records decisions: the signed-in account of this machine ('manager' where the OS does
 * not say). An account name with a character a name may not hold (a control or bidi character,
 * a broken one: api/hiddenCharacter.ts) is not passed on to the company's records either: it is
 * 'manager' too, as Settings shows, until the manager sets a name there.
 */
export function osUserName(account: () => string = () => userInfo().username): string {
  try {
    const name = account();
    return name && hiddenCharacter(name) === null ? name : FALLBACK_USER_NAME;
  } catch {
    return FALLBACK_USER_NAME;
  }
}
