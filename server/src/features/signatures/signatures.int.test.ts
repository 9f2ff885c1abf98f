import { createPrivateKey } from 'node:crypto';
import { canonicalSignedReport, parseSignedReport } from '@baocao/domain';
import { sql } from 'kysely';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, expectError, snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';
import { openPrivateKey } from './key-vault';
import { createAuthority, issueCertificate } from './pki';
import { signPdf } from './signatures.service';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
let officer: Client;
let approver: Client;
let viewer: Client;
let outsider: Client;
const DAY = '20240401';
const DAY_MS = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-04-01');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
  viewer = await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD);
  outsider = await signIn(t.app, 'entry_officer.h2', FIXTURE_PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

const CERTIFICATE_TABLES = ['signing_certificates', 'signing_authority', 'signatures'];
const pem = (pkcs8: Buffer) =>
  createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();

/** Files as the public verification page sends them. */
const base64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
async function download(client: Client, url: string): Promise<Buffer> {
  const response = await t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.rawPayload;
}
const verify = (body: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/signatures/verify',
    payload: body,
    headers: { 'accept-language': 'vi' },
  });

async function currentRevision(unitId: number): Promise<number> {
  const report = await admin.request('GET', `/api/v1/reports?unitId=${unitId}&formId=${rg.formId}&period=${DAY}`);
  return report.json.submission.currentRevision.id;
}

describe('certificates', () => {
  let x1Certificate: number;

  it('issues a unit certificate from the internal authority, created on first use; both audited, the key sealed', async () => {
    const issued = await admin.request('POST', '/api/v1/signing-certificates/issue', { unitId: fx.units.X1 });
    expect(issued.status, JSON.stringify(issued.json)).toBe(201);
    x1Certificate = issued.json.id;
    expect(issued.json).toMatchObject({
      unitId: fx.units.X1,
      source: 'internal_ca',
      status: 'valid',
      revokedAt: null,
      certificate: { subjectName: 'UBND xã Lũng Cú' },
    });
    expect(issued.json.certificate.issuer).toContain('Baocao');
    expect(Date.parse(issued.json.certificate.notAfter) - t.clock.now!).toBe(730 * DAY_MS);
    const audit = await auditOf(admin, 'signing_certificate', x1Certificate);
    expect(audit.map((a) => a.action)).toEqual(['signing_certificate.issue']);
    expect((await auditOf(admin, 'signing_authority', 1)).map((a) => a.action)).toEqual(['signing_authority.create']);
    // The authority's certificate is public, for relying parties.
    const authority = await t.app.inject({ method: 'GET', url: '/api/v1/signing-authority.pem' });
    expect(authority.statusCode).toBe(200);
    expect(authority.body).toContain('-----BEGIN CERTIFICATE-----');
    // The key at rest opens only with the master key, bound to its certificate's fingerprint.
    const row = await t.db
      .selectFrom('signingCertificates')
      .select(['keyEncrypted', 'fingerprint'])
      .where('id', '=', x1Certificate)
      .executeTakeFirstOrThrow();
    const key = openPrivateKey(t.app.deps.signingKey, row.keyEncrypted, row.fingerprint);
    expect(createPrivateKey({ key, format: 'der', type: 'pkcs8' }).asymmetricKeyType).toBe('rsa');
    expect(row.keyEncrypted.includes(key.subarray(0, 64))).toBe(false);
    expect(() => openPrivateKey(t.app.deps.signingKey, row.keyEncrypted, 'another certificate')).toThrow();
  });

  it('registers an uploaded certificate with its key; refuses a key that does not match, an expired one and a CA, naming the field and changing nothing', async () => {
    const now = new Date(t.clock.now!);
    const ca = await createAuthority('CA thử nghiệm', new Date(now.getTime() - 1000 * DAY_MS));
    const subject = { commonName: 'UBND huyện Mèo Vạc', organization: 'UBND tỉnh Hà Giang' };
    const good = await issueCertificate(
      ca,
      subject,
      new Date(now.getTime() - DAY_MS),
      new Date(now.getTime() + 365 * DAY_MS),
    );
    const other = await issueCertificate(
      ca,
      subject,
      new Date(now.getTime() - DAY_MS),
      new Date(now.getTime() + 365 * DAY_MS),
    );
    const expired = await issueCertificate(
      ca,
      subject,
      new Date(now.getTime() - 400 * DAY_MS),
      new Date(now.getTime() - 35 * DAY_MS),
    );
    const before = await snapshot(t.db, CERTIFICATE_TABLES);

    const mismatch = await admin.request('POST', '/api/v1/signing-certificates', {
      unitId: fx.units.H2,
      certificatePem: good.certificatePem,
      privateKeyPem: pem(other.privateKey),
    });
    expectError(mismatch, 400, 'VALIDATION_FAILED', 'privateKeyPem');
    expect(mismatch.json.message).toContain('không khớp');

    const old = await admin.request('POST', '/api/v1/signing-certificates', {
      unitId: fx.units.H2,
      certificatePem: expired.certificatePem,
      privateKeyPem: pem(expired.privateKey),
    });
    expectError(old, 400, 'VALIDATION_FAILED', 'certificatePem');
    expect(old.json.message).toContain('hết hạn');

    const authority = await admin.request('POST', '/api/v1/signing-certificates', {
      unitId: fx.units.H2,
      certificatePem: ca.certificatePem,
      privateKeyPem: pem(ca.privateKey),
    });
    expectError(authority, 400, 'VALIDATION_FAILED', 'certificatePem');

    const garbage = await admin.request('POST', '/api/v1/signing-certificates', {
      unitId: fx.units.H2,
      certificatePem: 'không phải chứng thư',
      privateKeyPem: pem(good.privateKey),
    });
    expectError(garbage, 400, 'VALIDATION_FAILED', 'certificatePem');
    const half = await admin.request('POST', '/api/v1/signing-certificates', {
      unitId: fx.units.H2,
      certificatePem: good.certificatePem,
    });
    expectError(half, 400, 'VALIDATION_FAILED', 'privateKeyPem');
    const unknown = await admin.request('POST', '/api/v1/signing-certificates', {
      unitId: fx.units.H2,
      certificatePem: good.certificatePem,
      privateKeyPem: pem(good.privateKey),
      extra: true,
    });
    expect(unknown.status).toBe(400);
    expect(await snapshot(t.db, CERTIFICATE_TABLES)).toEqual(before);

    const uploaded = await admin.request('POST', '/api/v1/signing-certificates', {
      unitId: fx.units.H2,
      certificatePem: good.certificatePem,
      privateKeyPem: pem(good.privateKey),
    });
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    expect(uploaded.json).toMatchObject({
      source: 'upload',
      status: 'valid',
      certificate: { subjectName: subject.commonName },
    });
    const again = await admin.request('POST', '/api/v1/signing-certificates', {
      unitId: fx.units.H2,
      certificatePem: good.certificatePem,
      privateKeyPem: pem(good.privateKey),
    });
    expectError(again, 409, 'ALREADY_EXISTS', 'certificatePem');
    expect((await auditOf(admin, 'signing_certificate', uploaded.json.id)).map((a) => a.action)).toEqual([
      'signing_certificate.upload',
    ]);
  });

  it('lists the certificates of the units in view only; only administrators manage them', async () => {
    const mine = await viewer.request('GET', '/api/v1/signing-certificates');
    expect(mine.status).toBe(200);
    expect(mine.json.map((c: any) => c.unitId)).toEqual([fx.units.X1]);
    const all = await admin.request('GET', '/api/v1/signing-certificates');
    expect(all.json.map((c: any) => c.unitId).sort()).toEqual([fx.units.X1, fx.units.H2].sort());
    expectError(
      await approver.request('POST', '/api/v1/signing-certificates/issue', { unitId: fx.units.H1 }),
      403,
      'FORBIDDEN',
    );
  });
});

describe('signing and verifying', () => {
  let x1Revision: number;
  let signatureId: number;
  let data: Buffer;
  let p7s: Buffer;

  it('signs a submitted report by a person with the unit’s rights, audited; others are refused', async () => {
    const submitted = await officer.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.X1,
      formId: rg.formId,
      period: DAY,
      values: { nhan: 5, duyet: 3 },
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    x1Revision = await currentRevision(fx.units.X1);
    expectError(await viewer.request('POST', `/api/v1/revisions/${x1Revision}/signatures`, {}), 403, 'FORBIDDEN');
    expectError(await outsider.request('POST', `/api/v1/revisions/${x1Revision}/signatures`, {}), 404, 'NOT_FOUND');

    const signed = await officer.request('POST', `/api/v1/revisions/${x1Revision}/signatures`, {});
    expect(signed.status, JSON.stringify(signed.json)).toBe(201);
    signatureId = signed.json.id;
    expect(signed.json).toMatchObject({
      revisionId: x1Revision,
      signedAt: new Date(t.clock.now!).toISOString(),
      certificate: { subjectName: 'UBND xã Lũng Cú' },
    });
    const audit = await auditOf(admin, 'submission_revision', x1Revision);
    expect(audit.map((a) => a.action)).toEqual(['revision.sign']);
    expect(audit[0]!.after).toMatchObject({ signatureId, certificateId: signed.json.certificateId });
    const list = await viewer.request('GET', `/api/v1/revisions/${x1Revision}/signatures`);
    expect(list.json.map((s: any) => s.id)).toEqual([signatureId]);
  });

  it('gives the canonical data and the .p7s; the data names the report and its cells', async () => {
    data = await download(viewer, `/api/v1/signatures/${signatureId}/data.json`);
    p7s = await download(viewer, `/api/v1/signatures/${signatureId}/signature.p7s`);
    const report = parseSignedReport(data.toString('utf8'))!;
    expect(report).toMatchObject({
      format: 'baocao.signed-report/1',
      kind: 'submission',
      unit: { name: 'UBND xã Lũng Cú' },
      form: { code: 'B03', version: 1 },
      period: DAY,
      revision: { id: x1Revision, number: 1 },
      cells: { nhan: 5, duyet: 3 },
    });
    expect(canonicalSignedReport(report)).toBe(data.toString('utf8'));
    // DER: a SEQUENCE holding the signedData content type (1.2.840.113549.1.7.2).
    expect(p7s[0]).toBe(0x30);
    expect(p7s.includes(Buffer.from('06092a864886f70d010702', 'hex'))).toBe(true);
  });

  it('verifies from the files alone, without signing in: who, when, which certificate, data unchanged', async () => {
    const answer = await verify({ data: base64(data), signature: base64(p7s) });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({
      signatureId,
      format: 'report',
      valid: true,
      signedAt: new Date(t.clock.now!).toISOString(),
      signedByName: expect.any(String),
      certificate: { subjectName: 'UBND xã Lũng Cú' },
      certificateStatus: 'valid',
      certificateValidAtSigning: true,
      certificateKnown: true,
      report: { kind: 'submission', unit: { name: 'UBND xã Lũng Cú' }, period: DAY, cellCount: 2 },
      dataMatches: true,
      comparedWith: 'current',
      differences: [],
    });
  });

  it('detects a tampered value in the data file and names the cell', async () => {
    const altered = JSON.parse(data.toString('utf8'));
    altered.cells.nhan = 50;
    const answer = await verify({ data: base64(canonicalSignedReport(altered)), signature: base64(p7s) });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ valid: false, dataMatches: false, comparedWith: 'uploaded' });
    expect(answer.json().differences).toEqual([{ path: 'cells.nhan', cell: 'nhan', signed: 5, current: 50 }]);
    // A file this installation never signed is still found invalid; it just cannot name the cell.
    const foreign = await verify({ data: base64(data), signature: base64(p7s.subarray(0, p7s.length - 1)) });
    expect([200, 400]).toContain(foreign.statusCode);
    if (foreign.statusCode === 200) expect(foreign.json().valid).toBe(false);
  });

  it('detects a value changed in the database behind the signature, naming the cell', async () => {
    await sql`ALTER TABLE submission_revisions DISABLE TRIGGER submission_revisions_immutable`.execute(t.db);
    try {
      await sql`UPDATE submission_revisions SET values = jsonb_set(values, '{duyet}', '4') WHERE id = ${x1Revision}`.execute(
        t.db,
      );
      const checked = await viewer.request('GET', `/api/v1/signatures/${signatureId}/verification`);
      expect(checked.status).toBe(200);
      expect(checked.json).toMatchObject({ valid: true, dataMatches: false, comparedWith: 'current' });
      expect(checked.json.differences).toEqual([{ path: 'cells.duyet', cell: 'duyet', signed: 3, current: 4 }]);
    } finally {
      await sql`UPDATE submission_revisions SET values = jsonb_set(values, '{duyet}', '3') WHERE id = ${x1Revision}`.execute(
        t.db,
      );
      await sql`ALTER TABLE submission_revisions ENABLE TRIGGER submission_revisions_immutable`.execute(t.db);
    }
    const restored = await viewer.request('GET', `/api/v1/signatures/${signatureId}/verification`);
    expect(restored.json).toMatchObject({ valid: true, dataMatches: true, differences: [] });
    expectError(await outsider.request('GET', `/api/v1/signatures/${signatureId}/verification`), 404, 'NOT_FOUND');
  });

  it('signs a consolidation sent up by the consolidating unit', async () => {
    await t.worker.drain();
    await admin.request('POST', '/api/v1/signing-certificates/issue', { unitId: fx.units.H1 });
    const sent = await approver.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.H1,
      formId: rg.formId,
      period: DAY,
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    const revision = await currentRevision(fx.units.H1);
    const signed = await approver.request('POST', `/api/v1/revisions/${revision}/signatures`, {});
    expect(signed.status, JSON.stringify(signed.json)).toBe(201);
    const checked = await approver.request('GET', `/api/v1/signatures/${signed.json.id}/verification`);
    expect(checked.json).toMatchObject({
      valid: true,
      dataMatches: true,
      report: { kind: 'consolidation', unit: { name: 'UBND huyện Đồng Văn' } },
    });
    expect(checked.json.report.cellCount).toBeGreaterThan(0);
  });

  it('refuses bad files with the field named', async () => {
    const missing = await verify({ signature: base64(p7s) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'data' });
    const garbage = await verify({ data: base64(data), signature: base64('không phải chữ ký') });
    expect(garbage.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'signature' });
  });
});

describe('revocation and expiry', () => {
  it('a revoked certificate cannot sign; its earlier signatures still verify and say it was revoked since', async () => {
    const revision = await currentRevision(fx.units.X1);
    const [certificate] = (await admin.request('GET', `/api/v1/signing-certificates?unitId=${fx.units.X1}`)).json;
    const earlier = (await admin.request('GET', `/api/v1/revisions/${revision}/signatures`)).json[0];
    t.clock.now = t.clock.now! + 60_000;
    const revoked = await admin.request('POST', `/api/v1/signing-certificates/${certificate.id}/revoke`, {
      reason: 'Mất thiết bị lưu khóa',
    });
    expect(revoked.status, JSON.stringify(revoked.json)).toBe(200);
    expect(revoked.json).toMatchObject({ status: 'revoked', revocationReason: 'Mất thiết bị lưu khóa' });
    expect((await auditOf(admin, 'signing_certificate', certificate.id)).map((a) => a.action)).toEqual([
      'signing_certificate.issue',
      'signing_certificate.revoke',
    ]);
    const before = await snapshot(t.db, ['signatures']);
    const named = await officer.request('POST', `/api/v1/revisions/${revision}/signatures`, {
      certificateId: certificate.id,
    });
    expectError(named, 409, 'INVALID_STATE', 'certificateId');
    expect(named.json.message).toContain('thu hồi');
    const any = await officer.request('POST', `/api/v1/revisions/${revision}/signatures`, {});
    expectError(any, 409, 'INVALID_STATE', 'certificateId');
    expect(await snapshot(t.db, ['signatures'])).toEqual(before);
    expectError(
      await admin.request('POST', `/api/v1/signing-certificates/${certificate.id}/revoke`, { reason: 'Lần nữa' }),
      409,
      'INVALID_STATE',
      'id',
    );
    const checked = await officer.request('GET', `/api/v1/signatures/${earlier.id}/verification`);
    expect(checked.json).toMatchObject({
      valid: true,
      certificateStatus: 'revoked',
      revokedAt: new Date(t.clock.now!).toISOString(),
      certificateValidAtSigning: true,
    });
  });

  it('an expired certificate cannot sign', async () => {
    const issued = await admin.request('POST', '/api/v1/signing-certificates/issue', {
      unitId: fx.units.X1,
      validDays: 1,
    });
    expect(issued.status).toBe(201);
    const revision = await currentRevision(fx.units.X1);
    t.clock.now = t.clock.now! + 2 * DAY_MS;
    const refused = await officer.request('POST', `/api/v1/revisions/${revision}/signatures`, {
      certificateId: issued.json.id,
    });
    expectError(refused, 409, 'INVALID_STATE', 'certificateId');
    expect(refused.json.message).toContain('hết hạn');
    const listed = await admin.request('GET', `/api/v1/signing-certificates?unitId=${fx.units.X1}`);
    expect(listed.json.find((c: any) => c.id === issued.json.id).status).toBe('expired');
  });
});

describe('PDF signatures', () => {
  async function samplePdf(): Promise<Uint8Array> {
    const document = await PDFDocument.create();
    const page = document.addPage([595, 842]);
    page.drawText('BAO CAO THU NGHIEM', {
      x: 50,
      y: 780,
      size: 18,
      font: await document.embedFont(StandardFonts.Helvetica),
    });
    return document.save();
  }

  it('embeds a signature that verifies from the PDF alone; any change to the file is found', async () => {
    await admin.request('POST', '/api/v1/signing-certificates/issue', { unitId: fx.units.T1 });
    const deps = { signingKey: t.app.deps.signingKey, clock: () => t.clock.now! };
    const signed = await signPdf(t.db, deps, await samplePdf(), fx.units.T1, { reason: 'Báo cáo tháng' });
    expect(signed.subarray(0, 5).toString()).toBe('%PDF-');
    expect(signed.includes(Buffer.from('/SubFilter /adbe.pkcs7.detached'))).toBe(true);
    const answer = await verify({ pdf: base64(signed) });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({
      format: 'pdf',
      valid: true,
      dataMatches: true,
      certificate: { subjectName: 'UBND tỉnh Hà Giang' },
      certificateKnown: true,
      certificateStatus: 'valid',
    });
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('BAO CAO');
    if (at >= 0) tampered[at] = 'X'.charCodeAt(0);
    else tampered[20] = tampered[20]! ^ 1;
    expect((await verify({ pdf: base64(tampered) })).json()).toMatchObject({ valid: false });
    const appended = Buffer.concat([signed, Buffer.from('\n% thêm sau khi ký\n')]);
    expect((await verify({ pdf: base64(appended) })).json()).toMatchObject({ valid: false });
    const unsigned = await verify({ pdf: base64(Buffer.from(await samplePdf())) });
    expect(unsigned.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'pdf' });
    await expect(signPdf(t.db, deps, await samplePdf(), fx.units.BO)).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('signed generated reports', () => {
  async function generatedDocument(code: string, periodId: string): Promise<number> {
    const template = await admin.request('POST', '/api/v1/document-templates', {
      code,
      name: 'Báo cáo ký số',
      regimeId: rg.regimeId,
      unitId: fx.units.X2,
      scheduleDay: null,
      definition: {
        periodType: 'month',
        issuer: { governingBody: '', agency: 'UBND thị trấn Phó Bảng' },
        symbol: 'BC-KS',
        place: 'Phó Bảng',
        title: 'Báo cáo ký số {ky_bao_cao}',
        narrative: 'Tổng số hồ sơ {ho_so}.',
        values: [{ key: 'ho_so', field: `${rg.formId}:nhan`, label: 'Hồ sơ' }],
        tables: [],
        charts: [],
        compliance: false,
        recipients: [{ name: 'Văn phòng Chính phủ' }],
        signer: { authority: '', position: 'Chủ tịch', name: 'Nguyễn Văn A' },
      },
    });
    expect(template.status, JSON.stringify(template.json)).toBe(201);
    const issued = await admin.request('POST', `/api/v1/document-templates/${template.json.id}/generate`, { periodId });
    expect(issued.status, JSON.stringify(issued.json)).toBe(200);
    return issued.json.id;
  }

  it('signs a generated PDF once with the unit’s certificate, audited; the signed PDF verifies from the file alone', async () => {
    const documentId = await generatedDocument('KS-1', '202403');
    const tables = [...CERTIFICATE_TABLES, 'document_signatures'];
    // No certificate yet: refused, naming the field, and nothing changes.
    const before = await snapshot(t.db, tables);
    expectError(
      await approver.request('POST', `/api/v1/documents/${documentId}/signature`, {}),
      409,
      'INVALID_STATE',
      'certificateId',
    );
    expect(await snapshot(t.db, tables)).toEqual(before);
    expect((await viewer.request('GET', `/api/v1/documents/${documentId}/signature`)).json).toEqual({
      signature: null,
    });
    expect((await viewer.request('GET', `/api/v1/documents/${documentId}/signed-pdf`)).status).toBe(404);

    const certificate = await admin.request('POST', '/api/v1/signing-certificates/issue', { unitId: fx.units.X2 });
    expect(certificate.status).toBe(201);
    // Readers may not sign; callers who do not see the document get 404.
    expect((await viewer.request('POST', `/api/v1/documents/${documentId}/signature`, {})).status).toBe(403);
    expect((await outsider.request('GET', `/api/v1/documents/${documentId}/signature`)).status).toBe(404);
    expectError(
      await approver.request('POST', `/api/v1/documents/${documentId}/signature`, { certificateId: 1, extra: 1 }),
      400,
      'VALIDATION_FAILED',
      'extra',
    );

    const signed = await approver.request('POST', `/api/v1/documents/${documentId}/signature`, {});
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    expect(signed.json).toMatchObject({
      documentId,
      signedByName: 'Người dùng approver.h1',
      certificateId: certificate.json.id,
      certificate: { subjectName: 'UBND thị trấn Phó Bảng' },
    });
    // Signing again answers the same signature, and records nothing more.
    const again = await approver.request('POST', `/api/v1/documents/${documentId}/signature`, {});
    expect(again.json.id).toBe(signed.json.id);
    const audit = await auditOf(admin, 'document', documentId);
    expect(audit.filter((a) => a.action === 'document.sign')).toHaveLength(1);
    expect((await viewer.request('GET', `/api/v1/documents/${documentId}/signature`)).json.signature).toEqual(
      signed.json,
    );

    const pdf = await download(viewer, `/api/v1/documents/${documentId}/signed-pdf`);
    expect(pdf.includes(Buffer.from('/SubFilter /adbe.pkcs7.detached'))).toBe(true);
    const answer = await verify({ pdf: base64(pdf) });
    expect(answer.json()).toMatchObject({
      format: 'pdf',
      valid: true,
      signedByName: 'Người dùng approver.h1',
      certificate: { subjectName: 'UBND thị trấn Phó Bảng' },
      certificateKnown: true,
    });
    // The unsigned PDF of the same document is not a signed one.
    const unsigned = await download(viewer, `/api/v1/documents/${documentId}/files/pdf`);
    expect((await verify({ pdf: base64(unsigned) })).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'pdf' });
    // The stored signature is evidence: the database refuses to change it.
    await expect(sql`UPDATE document_signatures SET signed_by = signed_by`.execute(t.db)).rejects.toThrow(/immutable/);

    // A revoked certificate signs nothing more.
    const other = await generatedDocument('KS-2', '202402');
    await admin.request('POST', `/api/v1/signing-certificates/${certificate.json.id}/revoke`, { reason: 'Mất khóa' });
    const refused = await approver.request('POST', `/api/v1/documents/${other}/signature`, {
      certificateId: certificate.json.id,
    });
    expectError(refused, 409, 'INVALID_STATE', 'certificateId');
    expect((await viewer.request('GET', `/api/v1/documents/${other}/signature`)).json).toEqual({ signature: null });
  });
});
