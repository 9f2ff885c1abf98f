/**
 * Private keys of signing certificates are never stored in clear: each is sealed with
 * AES-256-GCM under one master key, with the certificate's fingerprint as additional data (a
 * sealed key copied onto another certificate's row does not open). The master key comes from
 * BAOCAO_SIGNING_KEY (64 hexadecimal digits or 32 bytes in base64), or from a file in the data
 * folder, created with mode 0600 at the first start, like the audit checkpoint key. Whoever
 * holds the database alone cannot sign.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The 32-byte master key from its text form (hex or base64); throws on anything else. */
export function parseSigningKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(trimmed) && key.toString('base64') !== trimmed))
    throw new Error(`${source} must be 32 bytes as 64 hexadecimal digits or base64`);
  return key;
}

/** The master key: BAOCAO_SIGNING_KEY when set, else the key file (created with mode 0600 when missing). */
export async function loadOrCreateSigningKey(setting: {
  key: string | undefined;
  file: string;
}): Promise<{ key: Buffer; created: boolean }> {
  if (setting.key) return { key: parseSigningKey(setting.key, 'BAOCAO_SIGNING_KEY'), created: false };
  if (existsSync(setting.file))
    return { key: parseSigningKey(await readFile(setting.file, 'utf8'), setting.file), created: false };
  const key = randomBytes(32);
  await mkdir(path.dirname(setting.file), { recursive: true });
  await writeFile(setting.file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, created: true };
}

/** `version (1) | iv (12) | tag (16) | ciphertext`, bound to `context` (the certificate's fingerprint). */
export function sealPrivateKey(masterKey: Buffer, plaintext: Buffer, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/** The key sealed by {@link sealPrivateKey}; throws when the master key or the context is not the one it was sealed with. */
export function openPrivateKey(masterKey: Buffer, sealed: Buffer, context: string): Buffer {
  if (sealed[0] !== VERSION) throw new Error('unknown sealed key version');
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', masterKey, iv);
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
}
