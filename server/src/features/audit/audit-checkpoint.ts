/**
 * Audit checkpoints: anchoring the chain's head outside the database.
 *
 * The hash chain (audit-chain.ts) finds a row altered, removed or inserted in the
 * middle, but not the newest rows deleted from its end: what is left is still a valid
 * chain. A checkpoint records, at a moment, how many rows the chain had, its last id
 * and the hash of that row, signed with an Ed25519 key that lives in a file, not in
 * the database. Each is stored in `audit_checkpoints`, printed to the server's log and
 * appended to a file beside the key; `npm run audit:verify` then refuses a chain
 * shorter than, or different from, any checkpoint.
 *
 * Limits: rows written after the latest checkpoint (at most one interval of
 * checkpoint-audit.job.ts) can still be deleted unnoticed; and whoever holds both the
 * key and the database can rewrite everything and sign new checkpoints. The printed
 * log and the checkpoint file are the copies such a person must also reach.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson } from './audit-chain';

export interface CheckpointContent {
  at: string;
  rowCount: number;
  lastId: number;
  headHash: string;
  keyId: string;
}

export interface SignedCheckpoint extends CheckpointContent {
  /** The checkpoint's id in `audit_checkpoints`. */
  id: number;
  /** Ed25519 over the canonical JSON of the content, base64. */
  signature: string;
}

export interface CheckpointSigner {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

/** A short name of a public key: the first 16 hex digits of the sha256 of its DER form. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

const signedBytes = (c: CheckpointContent) =>
  Buffer.from(
    canonicalJson({ at: c.at, rowCount: c.rowCount, lastId: c.lastId, headHash: c.headHash, keyId: c.keyId }),
  );

export function signCheckpoint(signer: CheckpointSigner, content: CheckpointContent): string {
  return sign(null, signedBytes(content), signer.privateKey).toString('base64');
}

export function checkpointSignatureValid(publicKey: KeyObject, checkpoint: SignedCheckpoint): boolean {
  try {
    return verify(null, signedBytes(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * The signing key in `keyFile` (PEM, PKCS#8), created at the first start with mode 0600, its
 * public key written beside it (`.pub`) for verifying elsewhere.
 */
export async function loadOrCreateCheckpointSigner(keyFile: string): Promise<CheckpointSigner & { created: boolean }> {
  if (existsSync(keyFile)) {
    const privateKey = createPrivateKey(await readFile(keyFile));
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${keyFile} is not an Ed25519 private key`);
    const publicKey = createPublicKey(privateKey);
    return { privateKey, publicKey, keyId: keyIdOf(publicKey), created: false };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  await mkdir(path.dirname(keyFile), { recursive: true });
  await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  await writeFile(`${keyFile}.pub`, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), created: true };
}

/** The public key that verifies checkpoints: from a public key file, else derived from the key file; null if neither exists. */
export async function readCheckpointPublicKey(files: {
  keyFile: string;
  publicKeyFile: string | undefined;
}): Promise<KeyObject | null> {
  if (files.publicKeyFile) return createPublicKey(await readFile(files.publicKeyFile));
  if (!existsSync(files.keyFile)) return null;
  return createPublicKey(createPrivateKey(await readFile(files.keyFile)));
}

/** One JSON line per checkpoint, appended to the file beside the key. */
export async function appendCheckpointFile(file: string, checkpoint: SignedCheckpoint): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o644 });
}

/** The checkpoints of the file (none if it does not exist); a line that is not a checkpoint is an error. */
export async function readCheckpointFile(file: string): Promise<SignedCheckpoint[]> {
  if (!existsSync(file)) return [];
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line, i) => {
    const c = JSON.parse(line) as SignedCheckpoint;
    if (
      typeof c.id !== 'number' ||
      typeof c.at !== 'string' ||
      typeof c.rowCount !== 'number' ||
      typeof c.lastId !== 'number' ||
      typeof c.headHash !== 'string' ||
      typeof c.keyId !== 'string' ||
      typeof c.signature !== 'string'
    )
      throw new Error(`${file}, line ${i + 1}: not a checkpoint`);
    return c;
  });
}

/** How a checkpoint reads in the log and in audit:verify. */
export function describeCheckpoint(c: SignedCheckpoint): string {
  return `checkpoint #${c.id} of ${c.at}: ${c.rowCount} rows, last row ${c.lastId}, head ${c.headHash}`;
}
