import { randomBytes } from 'node:crypto';
import { DomainError, joinLocalized, localize, passwordProblems } from '@baocao/domain';
import { hash, verify } from '@node-rs/argon2';
import type { Db, Tx } from '../../db/database';
import { readSecuritySettings } from '../settings/settings.service';
import { isCommonPassword } from './auth.queries';

// argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Unknown accounts still pay for one verification, so timing does not reveal them.
  const target = passwordHash ?? DUMMY_HASH;
  try {
    return (await verify(target, password)) && passwordHash !== null;
  } catch {
    return false;
  }
}

const DUMMY_HASH = await hash('not-a-real-password-baocao');

/** A temporary password for resets and new accounts: 16 characters from an unambiguous alphabet. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Throws WEAK_PASSWORD with every problem when the password breaks the policy. */
export async function assertPasswordAcceptable(db: Db | Tx, password: string, username: string): Promise<void> {
  const { passwordPolicy } = await readSecuritySettings(db);
  const problems = passwordProblems(password, passwordPolicy, { username });
  if (passwordPolicy.checkCommon) {
    if (await isCommonPassword(db, password)) problems.push(localize('PASSWORD_TOO_COMMON'));
  }
  if (problems.length > 0) {
    throw new DomainError('WEAK_PASSWORD', {
      field: 'password',
      message: 'PASSWORD_PROBLEMS',
      params: { problems: joinLocalized(problems) },
    });
  }
}
