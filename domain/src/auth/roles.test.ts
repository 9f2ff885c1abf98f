import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canGrantRoles, defaultPasswordPolicy, passwordProblems, permissionsOf, type Role, roles } from './roles';

describe('roles', () => {
  it('a unit administrator grants only roles it holds, never system_admin', () => {
    fc.assert(
      fc.property(fc.subarray([...roles]), fc.subarray([...roles]), (held, requested) => {
        const allowed = canGrantRoles(held as Role[], requested as Role[]);
        if (held.includes('system_admin')) return allowed === true;
        if (!held.includes('unit_admin')) return allowed === false;
        const expected = requested.every((r) => r !== 'system_admin' && held.includes(r));
        return allowed === expected;
      }),
    );
  });

  it('permissions are the union of the roles', () => {
    expect(permissionsOf(['viewer']).has('data.enter')).toBe(false);
    expect(permissionsOf(['viewer', 'entry_officer']).has('data.enter')).toBe(true);
    expect(permissionsOf([]).size).toBe(0);
  });

  it('checks the password length and the user name', () => {
    expect(passwordProblems('ngắn', defaultPasswordPolicy)).toHaveLength(1);
    expect(passwordProblems('một mật khẩu đủ dài', defaultPasswordPolicy)).toHaveLength(0);
    expect(passwordProblems('canbo.hanoi-2024-x', defaultPasswordPolicy, { username: 'canbo.hanoi' })).toHaveLength(1);
  });
});
