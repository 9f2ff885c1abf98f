/** The SQL of digital signatures: the internal CA, units' signing certificates, signatures over revisions. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

export async function findAuthority(db: Reader) {
  return db.selectFrom('signingAuthority').select(['certificatePem', 'keyEncrypted']).executeTakeFirst();
}

/** Stores the authority unless another request stored one first; returns the one stored. */
export async function insertAuthority(tx: Tx, row: { certificatePem: string; keyEncrypted: Buffer }) {
  await tx
    .insertInto('signingAuthority')
    .values({ id: 1, ...row })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return (await findAuthority(tx))!;
}

/** Serializes the creation of the authority between concurrent first uses. */
export async function lockAuthorityCreation(tx: Tx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('baocao.signing_authority'))`.execute(tx);
}

const certificateColumns = [
  'c.id',
  'c.unitId',
  'un.name as unitName',
  'c.source',
  'c.subject',
  'c.subjectName',
  'c.issuer',
  'c.serial',
  'c.fingerprint',
  'c.notBefore',
  'c.notAfter',
  'c.certificatePem',
  'c.createdAt',
  'cu.displayName as createdByName',
  'c.revokedAt',
  'c.revocationReason',
] as const;

function certificates(db: Reader) {
  return db
    .selectFrom('signingCertificates as c')
    .innerJoin('units as un', 'un.id', 'c.unitId')
    .innerJoin('users as cu', 'cu.id', 'c.createdBy');
}

export type CertificateRow = Awaited<ReturnType<typeof findCertificate>> & {};

export async function findCertificate(db: Reader, id: number) {
  return certificates(db).select(certificateColumns).where('c.id', '=', id).executeTakeFirst();
}

export async function findCertificateByFingerprint(db: Reader, fingerprint: string) {
  return certificates(db).select(certificateColumns).where('c.fingerprint', '=', fingerprint).executeTakeFirst();
}

/** Certificates of the given units (all units when null), newest first. */
export async function findCertificates(db: Reader, unitIds: number[] | null) {
  let query = certificates(db).select(certificateColumns);
  if (unitIds) query = query.where('c.unitId', 'in', unitIds.length ? unitIds : [0]);
  return query.orderBy('c.createdAt', 'desc').orderBy('c.id', 'desc').execute();
}

/** The sealed key of a certificate, locked against a concurrent revocation until the signing commits. */
export async function lockCertificateKey(tx: Tx, id: number) {
  return tx
    .selectFrom('signingCertificates')
    .select(['keyEncrypted', 'fingerprint', 'revokedAt'])
    .where('id', '=', id)
    .forShare()
    .executeTakeFirst();
}

/** The unit's newest certificate that is valid at `at` and not revoked. */
export async function findUsableCertificate(db: Reader, unitId: number, at: Date) {
  return certificates(db)
    .select(certificateColumns)
    .where('c.unitId', '=', unitId)
    .where('c.revokedAt', 'is', null)
    .where('c.notBefore', '<=', at)
    .where('c.notAfter', '>', at)
    .orderBy('c.notAfter', 'desc')
    .orderBy('c.id', 'desc')
    .executeTakeFirst();
}

export async function insertCertificate(
  tx: Tx,
  row: {
    unitId: number;
    source: 'upload' | 'internal_ca';
    subject: string;
    subjectName: string;
    issuer: string;
    serial: string;
    fingerprint: string;
    notBefore: Date;
    notAfter: Date;
    certificatePem: string;
    keyEncrypted: Buffer;
    createdBy: number;
  },
): Promise<number> {
  const inserted = await tx.insertInto('signingCertificates').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function revokeCertificate(tx: Tx, id: number, by: number, at: Date, reason: string) {
  await tx
    .updateTable('signingCertificates')
    .set({ revokedAt: at, revokedBy: by, revocationReason: reason })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute();
}

/** A revision with what its canonical data names: regime, form (and version), unit, period. */
export async function findRevisionToSign(db: Reader, revisionId: number) {
  return db
    .selectFrom('submissionRevisions as r')
    .innerJoin('submissions as s', 's.id', 'r.submissionId')
    .innerJoin('formVersions as fv', 'fv.id', 'r.formVersionId')
    .innerJoin('forms as f', 'f.id', 's.formId')
    .innerJoin('regimes as rg', 'rg.id', 's.regimeId')
    .innerJoin('units as u', 'u.id', 's.unitId')
    .select([
      'r.id',
      'r.number',
      'r.values',
      'r.isNil',
      'r.channel',
      'r.submittedAt',
      's.unitId',
      's.formId',
      's.periodId',
      'u.code as unitCode',
      'u.name as unitName',
      'f.code as formCode',
      sql<string>`fv.definition->'title'->>'vi'`.as('formName'),
      'fv.number as formVersion',
      'rg.code as regimeCode',
      sql<string>`rg.definition->'name'->>'vi'`.as('regimeName'),
    ])
    .where('r.id', '=', revisionId)
    .executeTakeFirst();
}

export async function insertSignature(
  tx: Tx,
  row: {
    revisionId: number;
    certificateId: number;
    signedBy: number;
    signedAt: Date;
    canonicalData: Buffer;
    cms: Buffer;
    cmsSha256: string;
  },
): Promise<number> {
  const inserted = await tx.insertInto('signatures').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

function signatures(db: Reader) {
  return db
    .selectFrom('signatures as g')
    .innerJoin('users as su', 'su.id', 'g.signedBy')
    .innerJoin('signingCertificates as c', 'c.id', 'g.certificateId')
    .select([
      'g.id',
      'g.revisionId',
      'g.certificateId',
      'g.signedAt',
      'g.canonicalData',
      'g.cms',
      'su.displayName as signedByName',
      'c.certificatePem',
    ]);
}

export type SignatureRow = NonNullable<Awaited<ReturnType<typeof findSignature>>>;

export async function findSignature(db: Reader, id: number) {
  return signatures(db).where('g.id', '=', id).executeTakeFirst();
}

export async function findSignatureByCms(db: Reader, cmsSha256: string) {
  return signatures(db).where('g.cmsSha256', '=', cmsSha256).executeTakeFirst();
}

export async function findRevisionSignatures(db: Reader, revisionId: number) {
  return signatures(db).where('g.revisionId', '=', revisionId).orderBy('g.id').execute();
}

// ——— Signed generated reports (document_signatures) ———

export async function insertDocumentSignature(
  tx: Tx,
  row: { documentId: number; certificateId: number; signedBy: number; signedAt: Date; pdf: Buffer; pdfSha256: string },
): Promise<number> {
  const inserted = await tx.insertInto('documentSignatures').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

function documentSignatures(db: Reader) {
  return db
    .selectFrom('documentSignatures as ds')
    .innerJoin('users as su', 'su.id', 'ds.signedBy')
    .innerJoin('signingCertificates as c', 'c.id', 'ds.certificateId')
    .select([
      'ds.id',
      'ds.documentId',
      'ds.certificateId',
      'ds.signedAt',
      'su.displayName as signedByName',
      'c.certificatePem',
    ]);
}

export type DocumentSignatureRow = NonNullable<Awaited<ReturnType<typeof findDocumentSignature>>>;

export async function findDocumentSignature(db: Reader, documentId: number) {
  return documentSignatures(db).where('ds.documentId', '=', documentId).executeTakeFirst();
}

/** The stored signed PDF whose bytes are exactly these (by SHA-256). */
export async function findDocumentSignatureByPdf(db: Reader, pdfSha256: string) {
  return documentSignatures(db).where('ds.pdfSha256', '=', pdfSha256).executeTakeFirst();
}

export async function findDocumentSignedPdf(db: Reader, documentId: number) {
  return db
    .selectFrom('documentSignatures')
    .select(['pdf', 'id'])
    .where('documentId', '=', documentId)
    .executeTakeFirst();
}

/** Serializes the signing of one document, so that two requests make one signature. */
export async function lockDocumentSigning(tx: Tx, documentId: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('baocao.document_signature'), ${documentId}::int)`.execute(tx);
}
