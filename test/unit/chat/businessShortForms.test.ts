import { describe, expect, it } from 'vitest';
import { businessAliases } from '../../../main/chat/businessAliases.js';

const b = (id: string, name: string, nameEn: string | null) => ({ id, name, aliases: [], nameEn, from: 'source' as const });

describe('a business named by the first word of its English name', () => {
  it('"medical" is Medical claims, where no other English name starts with it; the kind of work («claims») names none', () => {
    const a = businessAliases([b('611040', '医療レセプト', 'Medical claims'), b('704518', '顧客アンケート', 'Customer survey'), b('523201', 'SS', 'SS')], {});
    expect(a['medical']).toBe('611040');
    expect(a['customer']).toBe('704518');
    expect(a['claims']).toBeUndefined();
    expect(a['survey']).toBeUndefined();
  });
  it('a first word two names share, or one that is already a name, is no short form; a configured alias wins', () => {
    const a = businessAliases([b('1', 'A', 'Medical claims'), b('2', 'B', 'Medical dental')], {});
    expect(a['medical']).toBeUndefined();
    expect(businessAliases([b('1', 'A', 'Medical claims'), b('2', 'medical', null)], {})['medical']).toBe('2');
    expect(businessAliases([b('1', 'A', 'Medical claims')], { medical: '札幌' })['medical']).toBe('札幌');
    expect(businessAliases([b('1', 'A', 'Medical claims')], {}, { shortForms: false })['medical']).toBeUndefined();
  });
});
