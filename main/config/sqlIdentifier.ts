import { z } from 'zod';

/** A table or column name as config files may give it: plain SQL identifier characters only. */
export const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'not a column name');
