import { userInfo } from 'node:os';

/** Who records decisions: the signed-in account of this machine ('manager' where the OS does not say). */
export function osUserName(): string {
  try {
    return userInfo().username || 'manager';
  } catch {
    return 'manager';
  }
}
