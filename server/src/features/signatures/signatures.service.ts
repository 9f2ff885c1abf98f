/**
 * Digitally signed reports ("ký số"). A unit's submitted revision, or a consolidating unit's
 * revision sent up, is signed as a detached CMS SignedData (pki.ts) over its canonical data
 * (domain `signed-report.ts`); both are stored, and anyone can check them later from the two
 * files alone. The certificates are a unit's own (uploaded by an administrator with the key) or
 * issued by Baocao's internal certificate authority, created on first use for installations
 * without a national CA. Keys are sealed at rest (key-vault.ts). A revoked, expired or not yet
 * valid certificate cannot sign. Verification says who signed, when, with which certificate,
 * and, cell by cell, where the data now differs from what was signed.
 */
import { createHash } from 'node:crypto';
import {
  type CertificateStatus,
  canonicalSignedReport,
  compareSignedReports,
  type DocumentSignatureView,
  DomainError,
  parseSignedReport,
  type SignatureVerification,
  type SignedReportData,
  type SigningCertificateUpload,
  type SigningCertificateView,
} from '@baocao/domain';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { extractSignature, Signer } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { assertCanCapture, canView } from '../../http/scope';
import { assertCanViewReport } from '../../reporting/recipients';
import type { ReportCatalog } from '../../reporting/report-context';
import { recordAudit } from '../audit/audit.service';
import { documentBytes, documentDetail } from '../documents/documents.service';
import { openPrivateKey, sealPrivateKey } from './key-vault';
import {
  certificateFacts,
  createAuthority,
  firstDerElement,
  type IssuedCertificate,
  issueCertificate,
  issuedBy,
  readCertificate,
  readPkcs12,
  readPrivateKey,
  signDetached,
  verifyDetached,
} from './pki';
import {
  type CertificateRow,
  type DocumentSignatureRow,
  findAuthority,
  findCertificate,
  findCertificateByFingerprint,
  findCertificates,
  findDocumentSignature,
  findDocumentSignatureByPdf,
  findDocumentSignedPdf,
  findRevisionSignatures,
  findRevisionToSign,
  findSignature,
  findSignatureByCms,
  findUsableCertificate,
  insertAuthority,
  insertCertificate,
  insertDocumentSignature,
  insertSignature,
  lockAuthorityCreation,
  lockCertificateKey,
  lockDocumentSigning,
  revokeCertificate,
  type SignatureRow,
} from './signatures.queries';

/** What signing needs besides the database: the master key of sealed keys and the server clock. */
export interface SigningDeps {
  signingKey: Buffer;
  clock: () => number;
}

const AUTHORITY_NAME = 'Baocao – Tổ chức chứng thực nội bộ';
const AUTHORITY_CONTEXT = 'signing-authority';
const DEFAULT_VALID_DAYS = 730;

/** A date as Vietnam reads it (dd/mm/yyyy, Asia/Ho_Chi_Minh), for messages. */
function vietnamDate(date: Date): string {
  return date.toLocaleDateString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

function statusAt(row: { notBefore: Date; notAfter: Date; revokedAt: Date | null }, now: Date): CertificateStatus {
  if (row.revokedAt) return 'revoked';
  if (now < row.notBefore) return 'not_yet_valid';
  if (now >= row.notAfter) return 'expired';
  return 'valid';
}

/** Why a certificate in this state cannot sign, naming `field`; nothing when it can. */
function refuseUnusable(
  row: { notBefore: Date; notAfter: Date; revokedAt: Date | null },
  now: Date,
  field: string,
  code: 'INVALID_STATE' | 'VALIDATION_FAILED',
): void {
  const status = statusAt(row, now);
  if (status === 'revoked')
    throw new DomainError(code, {
      field,
      message: 'SIGNING_CERTIFICATE_REVOKED',
      params: { date: vietnamDate(row.revokedAt!) },
    });
  if (status === 'expired')
    throw new DomainError(code, {
      field,
      message: 'SIGNING_CERTIFICATE_EXPIRED',
      params: { date: vietnamDate(row.notAfter) },
    });
  if (status === 'not_yet_valid')
    throw new DomainError(code, {
      field,
      message: 'SIGNING_CERTIFICATE_NOT_YET_VALID',
      params: { date: vietnamDate(row.notBefore) },
    });
}

function details(facts: ReturnType<typeof certificateFacts>) {
  return {
    subject: facts.subject,
    subjectName: facts.subjectName,
    issuer: facts.issuer,
    serial: facts.serial,
    notBefore: facts.notBefore.toISOString(),
    notAfter: facts.notAfter.toISOString(),
    fingerprint: facts.fingerprint,
  };
}

function certificateView(row: CertificateRow, now: Date): SigningCertificateView {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    source: row.source,
    certificate: {
      subject: row.subject,
      subjectName: row.subjectName,
      issuer: row.issuer,
      serial: row.serial,
      notBefore: row.notBefore.toISOString(),
      notAfter: row.notAfter.toISOString(),
      fingerprint: row.fingerprint,
    },
    status: statusAt(row, now),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revocationReason: row.revocationReason,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdByName,
  };
}

/** The certificates of the units the caller sees (one unit's with `unitId`). */
export async function listCertificates(
  db: Db,
  deps: SigningDeps,
  context: RequestContext,
  query: { unitId?: number },
): Promise<SigningCertificateView[]> {
  if (query.unitId !== undefined && !(await canView(db, context.actor, query.unitId)))
    throw new DomainError('NOT_FOUND', { field: 'unitId' });
  const rows = await findCertificates(db, query.unitId === undefined ? null : [query.unitId]);
  const now = new Date(deps.clock());
  const visible: SigningCertificateView[] = [];
  for (const row of rows) if (await canView(db, context.actor, row.unitId)) visible.push(certificateView(row, now));
  return visible;
}

/** The internal certificate authority, created (and audited) on first use. */
async function authorityOf(tx: Tx, deps: SigningDeps, context: RequestContext): Promise<IssuedCertificate> {
  let row = await findAuthority(tx);
  if (!row) {
    await lockAuthorityCreation(tx);
    row = await findAuthority(tx);
    if (!row) {
      const created = await createAuthority(AUTHORITY_NAME, new Date(deps.clock()));
      row = await insertAuthority(tx, {
        certificatePem: created.certificatePem,
        keyEncrypted: sealPrivateKey(deps.signingKey, created.privateKey, AUTHORITY_CONTEXT),
      });
      const facts = certificateFacts(created.certificatePem);
      await recordAudit(tx, context, [
        {
          action: 'signing_authority.create',
          objectType: 'signing_authority',
          objectId: 1,
          unitId: null,
          after: { subject: facts.subject, serial: facts.serial, notAfter: facts.notAfter.toISOString() },
        },
      ]);
    }
  }
  return {
    certificatePem: row.certificatePem,
    privateKey: openPrivateKey(deps.signingKey, row.keyEncrypted, AUTHORITY_CONTEXT),
  };
}

/** The internal authority's certificate (PEM) for relying parties, or null before its first use. */
export async function authorityCertificate(db: Db): Promise<string | null> {
  return (await findAuthority(db))?.certificatePem ?? null;
}

async function storeCertificate(
  tx: Tx,
  deps: SigningDeps,
  context: RequestContext,
  input: { unitId: number; source: 'upload' | 'internal_ca'; certificatePem: string; pkcs8: Buffer; field: string },
): Promise<SigningCertificateView> {
  const facts = certificateFacts(input.certificatePem);
  if (await findCertificateByFingerprint(tx, facts.fingerprint))
    throw new DomainError('ALREADY_EXISTS', { field: input.field, message: 'SIGNING_CERTIFICATE_EXISTS' });
  const id = await insertCertificate(tx, {
    unitId: input.unitId,
    source: input.source,
    subject: facts.subject,
    subjectName: facts.subjectName,
    issuer: facts.issuer,
    serial: facts.serial,
    fingerprint: facts.fingerprint,
    notBefore: facts.notBefore,
    notAfter: facts.notAfter,
    certificatePem: input.certificatePem,
    keyEncrypted: sealPrivateKey(deps.signingKey, input.pkcs8, facts.fingerprint),
    createdBy: context.actor.userId,
  });
  await recordAudit(tx, context, [
    {
      action: input.source === 'upload' ? 'signing_certificate.upload' : 'signing_certificate.issue',
      objectType: 'signing_certificate',
      objectId: id,
      unitId: input.unitId,
      after: {
        subject: facts.subject,
        issuer: facts.issuer,
        serial: facts.serial,
        fingerprint: facts.fingerprint,
        notBefore: facts.notBefore.toISOString(),
        notAfter: facts.notAfter.toISOString(),
      },
    },
  ]);
  return certificateView((await findCertificate(tx, id))!, new Date(deps.clock()));
}

/**
 * Registers a unit's certificate with its private key (PEM, or a PKCS#12 file). A certificate
 * that cannot be read, belongs to a CA, is expired or not yet valid, or does not match its key
 * is refused with the field it is about, and nothing is stored.
 */
export async function uploadCertificate(
  tx: Tx,
  deps: SigningDeps,
  context: RequestContext,
  input: SigningCertificateUpload,
): Promise<SigningCertificateView> {
  await assertCanCapture(tx, context.actor, input.unitId);
  let certificateText: string;
  let keyText: string;
  let passphrase = input.keyPassphrase;
  let certificateField = 'certificatePem';
  let keyField = 'privateKeyPem';
  if (input.pkcs12 !== undefined) {
    if (input.pkcs12Password === undefined)
      throw new DomainError('VALIDATION_FAILED', { field: 'pkcs12Password', message: 'SIGNING_UPLOAD_INCOMPLETE' });
    const opened = await readPkcs12(Buffer.from(input.pkcs12, 'base64'), input.pkcs12Password);
    if (!opened) throw new DomainError('VALIDATION_FAILED', { field: 'pkcs12', message: 'SIGNING_PKCS12_UNREADABLE' });
    certificateText = opened.certificatePem;
    keyText = opened.keyPem;
    passphrase = undefined;
    certificateField = 'pkcs12';
    keyField = 'pkcs12';
  } else {
    if (input.certificatePem === undefined || input.privateKeyPem === undefined)
      throw new DomainError('VALIDATION_FAILED', {
        field: input.certificatePem === undefined ? 'certificatePem' : 'privateKeyPem',
        message: 'SIGNING_UPLOAD_INCOMPLETE',
      });
    certificateText = input.certificatePem;
    keyText = input.privateKeyPem;
  }
  const certificatePem = readCertificate(certificateText);
  if (!certificatePem)
    throw new DomainError('VALIDATION_FAILED', { field: certificateField, message: 'SIGNING_CERTIFICATE_UNREADABLE' });
  const facts = certificateFacts(certificatePem);
  if (facts.isCa)
    throw new DomainError('VALIDATION_FAILED', { field: certificateField, message: 'SIGNING_CERTIFICATE_IS_CA' });
  refuseUnusable({ ...facts, revokedAt: null }, new Date(deps.clock()), certificateField, 'VALIDATION_FAILED');
  const key = readPrivateKey(keyText, certificatePem, passphrase);
  if ('problem' in key)
    throw new DomainError('VALIDATION_FAILED', {
      field: keyField,
      message:
        key.problem === 'mismatch'
          ? 'SIGNING_KEY_MISMATCH'
          : key.problem === 'unsupported'
            ? 'SIGNING_KEY_UNSUPPORTED'
            : 'SIGNING_KEY_UNREADABLE',
    });
  return storeCertificate(tx, deps, context, {
    unitId: input.unitId,
    source: 'upload',
    certificatePem,
    pkcs8: key.pkcs8,
    field: certificateField,
  });
}

/** Issues a certificate and key for the unit from the internal authority (created on first use). */
export async function issueUnitCertificate(
  tx: Tx,
  deps: SigningDeps,
  context: RequestContext,
  input: { unitId: number; validDays?: number },
): Promise<SigningCertificateView> {
  await assertCanCapture(tx, context.actor, input.unitId);
  const unit = await tx.selectFrom('units').select(['name', 'code']).where('id', '=', input.unitId).executeTakeFirst();
  if (!unit) throw new DomainError('NOT_FOUND', { field: 'unitId' });
  const authority = await authorityOf(tx, deps, context);
  const notBefore = new Date(deps.clock());
  const notAfter = new Date(notBefore.getTime() + (input.validDays ?? DEFAULT_VALID_DAYS) * 86_400_000);
  const issued = await issueCertificate(
    authority,
    { commonName: unit.name, organization: unit.name },
    notBefore,
    notAfter,
  );
  return storeCertificate(tx, deps, context, {
    unitId: input.unitId,
    source: 'internal_ca',
    certificatePem: issued.certificatePem,
    pkcs8: issued.privateKey,
    field: 'unitId',
  });
}

/** Revokes a certificate: it signs nothing more; signatures it made before stay verifiable, and say so. */
export async function revokeUnitCertificate(
  tx: Tx,
  deps: SigningDeps,
  context: RequestContext,
  id: number,
  reason: string,
): Promise<SigningCertificateView> {
  const row = await findCertificate(tx, id);
  if (!row) throw new DomainError('NOT_FOUND');
  await assertCanCapture(tx, context.actor, row.unitId);
  if (row.revokedAt)
    throw new DomainError('INVALID_STATE', {
      field: 'id',
      message: 'SIGNING_CERTIFICATE_REVOKED',
      params: { date: vietnamDate(row.revokedAt) },
    });
  const now = new Date(deps.clock());
  await revokeCertificate(tx, id, context.actor.userId, now, reason);
  await recordAudit(tx, context, [
    {
      action: 'signing_certificate.revoke',
      objectType: 'signing_certificate',
      objectId: id,
      unitId: row.unitId,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString(), reason },
    },
  ]);
  return certificateView((await findCertificate(tx, id))!, now);
}

type RevisionRow = NonNullable<Awaited<ReturnType<typeof findRevisionToSign>>>;

/** The canonical data of a revision as it is stored now. */
function signedDataOf(row: RevisionRow): SignedReportData {
  return {
    format: 'baocao.signed-report/1',
    kind: row.channel === 'consolidation' ? 'consolidation' : 'submission',
    regime: { code: row.regimeCode, name: row.regimeName },
    form: { code: row.formCode, name: row.formName, version: row.formVersion },
    unit: { code: row.unitCode, name: row.unitName },
    period: row.periodId,
    revision: {
      id: Number(row.id),
      number: row.number,
      submittedAt: row.submittedAt.toISOString(),
      isNil: row.isNil,
    },
    cells: row.values as SignedReportData['cells'],
  };
}

async function revisionInView(
  db: Db | Tx,
  reports: ReportCatalog,
  context: RequestContext,
  revisionId: number,
): Promise<RevisionRow> {
  const revision = await findRevisionToSign(db, revisionId);
  if (!revision) throw new DomainError('NOT_FOUND');
  const { regime } = await reports.form(db, revision.formId);
  const onDate = await reports.reportDate(db, revision);
  await assertCanViewReport(db, reports, context.actor, regime, revision.unitId, onDate);
  return revision;
}

function signatureView(row: SignatureRow) {
  return {
    id: Number(row.id),
    revisionId: Number(row.revisionId),
    signedAt: row.signedAt.toISOString(),
    signedByName: row.signedByName,
    certificateId: row.certificateId,
    certificate: details(certificateFacts(row.certificatePem)),
  };
}

/**
 * Signs a revision (a unit's report, or a consolidation sent up) with the unit's certificate:
 * the one named, or its newest usable one. The caller must be able to change the unit's data.
 */
export async function signRevision(
  tx: Tx,
  reports: ReportCatalog,
  deps: SigningDeps,
  context: RequestContext,
  revisionId: number,
  input: { certificateId?: number },
) {
  const revision = await revisionInView(tx, reports, context, revisionId);
  await assertCanCapture(tx, context.actor, revision.unitId, await reports.reportDate(tx, revision));
  const now = new Date(deps.clock());
  const certificate = await chooseCertificate(
    tx,
    { id: revision.unitId, name: revision.unitName },
    input.certificateId,
    now,
  );
  // Locked against a revocation committing in between: a revoked certificate never signs.
  const sealed = await lockCertificateKey(tx, certificate.id);
  if (!sealed) throw new DomainError('NOT_FOUND', { field: 'certificateId' });
  refuseUnusable({ ...certificate, revokedAt: sealed.revokedAt }, now, 'certificateId', 'INVALID_STATE');
  const privateKey = openPrivateKey(deps.signingKey, sealed.keyEncrypted, sealed.fingerprint);
  const canonicalData = Buffer.from(canonicalSignedReport(signedDataOf(revision)), 'utf8');
  const cms = await signDetached(canonicalData, { certificatePem: certificate.certificatePem, privateKey }, now);
  const cmsSha256 = createHash('sha256').update(cms).digest('hex');
  // RSA PKCS#1 v1.5 is deterministic and the signing time counts whole seconds: signing the same
  // data with the same certificate twice within a second makes the very same signature; it is
  // that one, already stored (and audited).
  const same = await findSignatureByCms(tx, cmsSha256);
  if (same) return signatureView(same);
  const id = await insertSignature(tx, {
    revisionId,
    certificateId: certificate.id,
    signedBy: context.actor.userId,
    signedAt: now,
    canonicalData,
    cms,
    cmsSha256,
  });
  await recordAudit(tx, context, [
    {
      action: 'revision.sign',
      objectType: 'submission_revision',
      objectId: revisionId,
      unitId: revision.unitId,
      after: {
        signatureId: id,
        certificateId: certificate.id,
        serial: certificate.serial,
        dataSha256: createHash('sha256').update(canonicalData).digest('hex'),
        cmsSha256,
      },
    },
  ]);
  return signatureView((await findSignature(tx, id))!);
}

export async function listRevisionSignatures(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  revisionId: number,
) {
  await revisionInView(db, reports, context, revisionId);
  return (await findRevisionSignatures(db, revisionId)).map(signatureView);
}

async function signatureInView(db: Db, reports: ReportCatalog, context: RequestContext, id: number) {
  const signature = await findSignature(db, id);
  if (!signature) throw new DomainError('NOT_FOUND');
  const revision = await revisionInView(db, reports, context, Number(signature.revisionId));
  return { signature, revision };
}

/** The two files of a signature: the canonical data and the .p7s, with a file name stem. */
export async function signatureFiles(db: Db, reports: ReportCatalog, context: RequestContext, id: number) {
  const { signature, revision } = await signatureInView(db, reports, context, id);
  const stem = `bao-cao-${revision.unitCode}-${revision.formCode}-${revision.periodId}-r${revision.number}-ky-so-${id}`
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 150);
  return { data: signature.canonicalData, p7s: signature.cms, stem };
}

/** What a detached signature and the data say: the common part of every verification. */
async function examine(
  db: Db,
  deps: SigningDeps,
  cms: Buffer,
  data: Buffer,
  field: string,
): Promise<{ result: SignatureVerification; stored: SignatureRow | undefined }> {
  const checked = await verifyDetached(cms, data);
  if (!checked) throw new DomainError('VALIDATION_FAILED', { field, message: 'SIGNATURE_UNREADABLE' });
  const facts = checked.certificatePem ? certificateFacts(checked.certificatePem) : null;
  const known = facts ? await findCertificateByFingerprint(db, facts.fingerprint) : undefined;
  const authority = await findAuthority(db);
  const fromAuthority =
    !!checked.certificatePem && !!authority && (await issuedBy(checked.certificatePem, authority.certificatePem));
  const now = new Date(deps.clock());
  const revokedAt = known?.revokedAt ?? null;
  const signedAt = checked.signingTime;
  const stored = await findSignatureByCms(db, createHash('sha256').update(cms).digest('hex'));
  return {
    stored,
    result: {
      signatureId: stored ? Number(stored.id) : null,
      format: 'report',
      valid: checked.valid,
      signedAt: signedAt?.toISOString() ?? null,
      signedByName: stored?.signedByName ?? null,
      certificate: facts ? details(facts) : null,
      certificateStatus: facts ? statusAt({ ...facts, revokedAt }, now) : 'unknown',
      revokedAt: revokedAt?.toISOString() ?? null,
      certificateValidAtSigning:
        !!facts &&
        !!signedAt &&
        signedAt >= facts.notBefore &&
        signedAt < facts.notAfter &&
        (!revokedAt || revokedAt > signedAt),
      certificateKnown: !!known || fromAuthority,
      report: null,
      dataMatches: null,
      comparedWith: null,
      differences: [],
    },
  };
}

function header(data: SignedReportData) {
  const { cells, format: _format, ...rest } = data;
  return { ...rest, cellCount: Object.keys(cells).length };
}

/** Compares what was signed with the revision as it is stored now. */
async function compareWithCurrent(db: Db, result: SignatureVerification, signed: SignedReportData, revisionId: number) {
  const revision = await findRevisionToSign(db, revisionId);
  if (!revision) return;
  result.differences = compareSignedReports(signed, signedDataOf(revision));
  result.comparedWith = 'current';
  result.dataMatches = result.differences.length === 0;
}

/** Verifies a stored signature, and compares what it signed with the revision's data now, cell by cell. */
export async function verifyStoredSignature(
  db: Db,
  reports: ReportCatalog,
  deps: SigningDeps,
  context: RequestContext,
  id: number,
): Promise<SignatureVerification> {
  const { signature } = await signatureInView(db, reports, context, id);
  const { result } = await examine(db, deps, signature.cms, signature.canonicalData, 'id');
  const signed = parseSignedReport(signature.canonicalData.toString('utf8'));
  if (signed) {
    result.report = header(signed);
    if (result.valid) await compareWithCurrent(db, result, signed, Number(signature.revisionId));
    else result.dataMatches = false;
  }
  return result;
}

/**
 * Verifies files without signing in: the canonical data with its .p7s, or a signed PDF. When
 * this installation made the signature, the data is also compared with what it stores: with the
 * data signed when the file given was altered (naming the cells), else with the data now.
 */
export async function verifyFiles(
  db: Db,
  deps: SigningDeps,
  input: { data?: string; signature?: string; pdf?: string },
): Promise<SignatureVerification> {
  if (input.pdf !== undefined) return verifyPdf(db, deps, Buffer.from(input.pdf, 'base64'));
  if (input.data === undefined || input.signature === undefined)
    throw new DomainError('VALIDATION_FAILED', {
      field: input.data === undefined ? 'data' : 'signature',
      message: 'SIGNATURE_FILES_INCOMPLETE',
    });
  const data = Buffer.from(input.data, 'base64');
  const { result, stored } = await examine(db, deps, Buffer.from(input.signature, 'base64'), data, 'signature');
  const given = parseSignedReport(data.toString('utf8'));
  const signed = stored ? parseSignedReport(stored.canonicalData.toString('utf8')) : null;
  if (given) result.report = header(given);
  if (result.valid && given && stored) await compareWithCurrent(db, result, given, Number(stored.revisionId));
  else if (!result.valid) {
    result.dataMatches = false;
    if (signed && given) {
      result.report = header(signed);
      result.differences = compareSignedReports(signed, given);
      result.comparedWith = 'uploaded';
    }
  }
  return result;
}

async function verifyPdf(db: Db, deps: SigningDeps, pdf: Buffer): Promise<SignatureVerification> {
  let extracted: { ByteRange: number[]; signature: string; signedData: Buffer };
  try {
    extracted = extractSignature(pdf);
  } catch {
    throw new DomainError('VALIDATION_FAILED', { field: 'pdf', message: 'SIGNATURE_PDF_UNSIGNED' });
  }
  // The signature sits between the signed ranges as <hex> padded with zeros; @signpdf strips every trailing
  // "00" pair, which also cuts a signature that ends in a zero byte, so it is read here by its DER length.
  const [start, firstLength, second, secondLength] = extracted.ByteRange as [number, number, number, number];
  const hex = pdf.subarray(start + firstLength + 1, second - 1).toString('latin1');
  const signature = firstDerElement(Buffer.from(hex, 'hex')) ?? Buffer.alloc(0);
  const { result } = await examine(db, deps, Buffer.from(signature), extracted.signedData, 'pdf');
  // The signed ranges must cover the whole file but the signature itself: bytes added after signing are a change.
  const coversAll = start === 0 && second + secondLength === pdf.length && firstLength < second;
  result.format = 'pdf';
  result.valid = result.valid && coversAll;
  const stored = await findDocumentSignatureByPdf(db, createHash('sha256').update(pdf).digest('hex'));
  if (stored) result.signedByName = stored.signedByName;
  result.dataMatches = result.valid;
  return result;
}

/** @signpdf's signer, through the same CMS code as reports (pki.ts), with the unit's key. */
class CmsSigner extends Signer {
  constructor(private readonly signer: { certificatePem: string; privateKey: Buffer }) {
    super();
  }
  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return signDetached(pdfBuffer, this.signer, signingTime ?? new Date());
  }
}

/** ASCII for the PDF signature dictionary's text strings (PDFDocEncoding has no Vietnamese letters). */
const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '?');

/**
 * Signs a PDF with the unit's newest usable certificate: an embedded signature (adbe.pkcs7.detached)
 * that PDF readers show. For generated documents (features that produce PDFs call this); not audited
 * here: the caller records what it issued.
 */
export async function signPdf(
  db: Db | Tx,
  deps: SigningDeps,
  bytes: Uint8Array,
  unitId: number,
  options: { reason?: string; location?: string } = {},
): Promise<Buffer> {
  const now = new Date(deps.clock());
  const certificate = await findUsableCertificate(db, unitId, now);
  if (!certificate) {
    const unit = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
    throw new DomainError('INVALID_STATE', {
      field: 'unitId',
      message: 'SIGNING_NO_CERTIFICATE',
      params: { unit: unit?.name ?? String(unitId) },
    });
  }
  const sealed = await db
    .selectFrom('signingCertificates')
    .select(['keyEncrypted', 'fingerprint'])
    .where('id', '=', certificate.id)
    .executeTakeFirstOrThrow();
  const privateKey = openPrivateKey(deps.signingKey, sealed.keyEncrypted, sealed.fingerprint);
  return embedPdfSignature(bytes, certificate, privateKey, now, options);
}

/** Embeds an adbe.pkcs7.detached signature made with the certificate's key into a PDF. */
async function embedPdfSignature(
  bytes: Uint8Array,
  certificate: { subjectName: string; certificatePem: string },
  privateKey: Buffer,
  now: Date,
  options: { reason?: string; location?: string },
): Promise<Buffer> {
  const document = await PDFDocument.load(bytes);
  pdflibAddPlaceholder({
    pdfDoc: document,
    reason: ascii(options.reason ?? 'Ky so bao cao'),
    contactInfo: '',
    name: ascii(certificate.subjectName),
    location: ascii(options.location ?? 'Viet Nam'),
    signingTime: now,
  });
  const prepared = Buffer.from(await document.save({ useObjectStreams: false }));
  return new SignPdf().sign(prepared, new CmsSigner({ certificatePem: certificate.certificatePem, privateKey }), now);
}

// ——— Signed generated reports ———

function documentSignatureView(row: DocumentSignatureRow): DocumentSignatureView {
  return {
    id: Number(row.id),
    documentId: Number(row.documentId),
    signedAt: row.signedAt.toISOString(),
    signedByName: row.signedByName,
    certificateId: row.certificateId,
    certificate: details(certificateFacts(row.certificatePem)),
  };
}

/**
 * Signs a generated report's PDF (one signature per issued version) with its unit's certificate:
 * the one named, or the newest usable one. The caller must see the document and be able to change
 * its unit's data. A document signed already answers its signature. Audited as `document.sign`.
 */
export async function signDocument(
  tx: Tx,
  deps: SigningDeps,
  context: RequestContext,
  documentId: number,
  input: { certificateId?: number },
): Promise<{ view: DocumentSignatureView; created: boolean }> {
  const document = await documentDetail(tx, context, documentId);
  await assertCanCapture(tx, context.actor, document.unit.id);
  await lockDocumentSigning(tx, documentId);
  const existing = await findDocumentSignature(tx, documentId);
  if (existing) return { view: documentSignatureView(existing), created: false };
  const now = new Date(deps.clock());
  const certificate = await chooseCertificate(tx, document.unit, input.certificateId, now);
  const sealed = await lockCertificateKey(tx, certificate.id);
  if (!sealed) throw new DomainError('NOT_FOUND', { field: 'certificateId' });
  refuseUnusable({ ...certificate, revokedAt: sealed.revokedAt }, now, 'certificateId', 'INVALID_STATE');
  const privateKey = openPrivateKey(deps.signingKey, sealed.keyEncrypted, sealed.fingerprint);
  const file = await documentBytes(tx, documentId, 'pdf');
  if (!file) throw new DomainError('NOT_FOUND');
  const pdf = await embedPdfSignature(file.content, certificate, privateKey, now, {
    reason: `Ky so ${document.number}`,
  });
  const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
  const id = await insertDocumentSignature(tx, {
    documentId,
    certificateId: certificate.id,
    signedBy: context.actor.userId,
    signedAt: now,
    pdf,
    pdfSha256,
  });
  await recordAudit(tx, context, [
    {
      action: 'document.sign',
      objectType: 'document',
      objectId: documentId,
      unitId: document.unit.id,
      after: { documentSignatureId: id, certificateId: certificate.id, serial: certificate.serial, pdfSha256 },
    },
  ]);
  return { view: documentSignatureView((await findDocumentSignature(tx, documentId))!), created: true };
}

/** The certificate named (it must be the unit's and usable now), or the unit's newest usable one. */
async function chooseCertificate(
  tx: Tx,
  unit: { id: number; name: string },
  certificateId: number | undefined,
  now: Date,
): Promise<CertificateRow> {
  if (certificateId !== undefined) {
    const certificate = await findCertificate(tx, certificateId);
    if (!certificate) throw new DomainError('NOT_FOUND', { field: 'certificateId' });
    if (certificate.unitId !== unit.id)
      throw new DomainError('VALIDATION_FAILED', { field: 'certificateId', message: 'SIGNING_CERTIFICATE_OTHER_UNIT' });
    refuseUnusable(certificate, now, 'certificateId', 'INVALID_STATE');
    return certificate;
  }
  const certificate = await findUsableCertificate(tx, unit.id, now);
  if (!certificate)
    throw new DomainError('INVALID_STATE', {
      field: 'certificateId',
      message: 'SIGNING_NO_CERTIFICATE',
      params: { unit: unit.name },
    });
  return certificate;
}

/** A generated report's signature, or null when it is not signed (the caller must see the document). */
export async function documentSignature(
  db: Db,
  context: RequestContext,
  documentId: number,
): Promise<{ signature: DocumentSignatureView | null }> {
  await documentDetail(db, context, documentId);
  const row = await findDocumentSignature(db, documentId);
  return { signature: row ? documentSignatureView(row) : null };
}

/** The signed PDF of a generated report, for a caller who sees the document. */
export async function documentSignedPdf(db: Db, context: RequestContext, documentId: number) {
  await documentDetail(db, context, documentId);
  const signed = await findDocumentSignedPdf(db, documentId);
  const file = signed ? await documentBytes(db, documentId, 'pdf') : null;
  if (!signed || !file) throw new DomainError('NOT_FOUND');
  return { content: signed.pdf, fileName: file.fileName.replace(/\.pdf$/, '_ky-so.pdf') };
}
