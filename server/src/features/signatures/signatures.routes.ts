import {
  DocumentSignatureState,
  DocumentSignatureView,
  IdParams,
  SignatureVerification,
  SignatureVerifyBody,
  SignatureView,
  SignDocumentBody,
  SigningCertificateIssue,
  SigningCertificateRevoke,
  SigningCertificatesQuery,
  SigningCertificateUpload,
  SigningCertificateView,
  SignRevisionBody,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import {
  authorityCertificate,
  documentSignature,
  documentSignedPdf,
  issueUnitCertificate,
  listCertificates,
  listRevisionSignatures,
  revokeUnitCertificate,
  type SigningDeps,
  signatureFiles,
  signDocument,
  signRevision,
  uploadCertificate,
  verifyFiles,
  verifyStoredSignature,
} from './signatures.service';

const P7S = 'application/pkcs7-signature';
const Binary = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description });

export const signaturesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reports } = app.deps;
  const signing: SigningDeps = { signingKey: app.deps.signingKey, clock: app.deps.clock ?? Date.now };
  const tags = ['signatures'];

  app.get(
    '/signing-certificates',
    {
      config: { access: 'units.read' },
      schema: { tags, querystring: SigningCertificatesQuery, response: { 200: Type.Array(SigningCertificateView) } },
    },
    async (request) => listCertificates(db, signing, contextOf(request), request.query),
  );
  app.post(
    '/signing-certificates',
    {
      config: { access: 'units.manage' },
      schema: {
        tags,
        description:
          'Registers a unit’s signing certificate with its private key: PEM (`certificatePem`, `privateKeyPem`, optional `keyPassphrase`) or a PKCS#12 file in base64 (`pkcs12`, `pkcs12Password`). The key is stored encrypted (AES-256-GCM).',
        body: SigningCertificateUpload,
        response: { 201: SigningCertificateView },
      },
    },
    async (request, reply) => {
      const view = await uploadCertificate(await transactionOf(request), signing, contextOf(request), request.body);
      reply.status(201);
      return view;
    },
  );
  app.post(
    '/signing-certificates/issue',
    {
      config: { access: 'units.manage' },
      schema: {
        tags,
        description:
          'Issues a certificate and key for the unit from Baocao’s internal certificate authority (created on first use), valid `validDays` days (730 by default).',
        body: SigningCertificateIssue,
        response: { 201: SigningCertificateView },
      },
    },
    async (request, reply) => {
      const view = await issueUnitCertificate(await transactionOf(request), signing, contextOf(request), request.body);
      reply.status(201);
      return view;
    },
  );
  app.post(
    '/signing-certificates/:id/revoke',
    {
      config: { access: 'units.manage' },
      schema: { tags, params: IdParams, body: SigningCertificateRevoke, response: { 200: SigningCertificateView } },
    },
    async (request) =>
      revokeUnitCertificate(
        await transactionOf(request),
        signing,
        contextOf(request),
        request.params.id,
        request.body.reason,
      ),
  );
  app.get(
    '/signing-authority.pem',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The internal certificate authority’s certificate, for relying parties to trust',
        produces: ['application/x-pem-file'],
        response: { 200: Binary('PEM certificate') },
      },
    },
    async (_request, reply) => {
      const pem = await authorityCertificate(db);
      if (!pem) return reply.callNotFound();
      return reply
        .type('application/x-pem-file')
        .header('content-disposition', 'attachment; filename="baocao-ca.pem"')
        .send(Buffer.from(pem, 'utf8'));
    },
  );

  app.post(
    '/revisions/:id/signatures',
    {
      config: { access: 'data.submit' },
      schema: {
        tags,
        description:
          'Signs the revision (a unit’s report, or a consolidation sent up) with the unit’s certificate: a detached CMS signature over its canonical data.',
        params: IdParams,
        body: SignRevisionBody,
        response: { 201: SignatureView },
      },
    },
    async (request, reply) => {
      const view = await signRevision(
        await transactionOf(request),
        reports,
        signing,
        contextOf(request),
        request.params.id,
        request.body ?? {},
      );
      reply.status(201);
      return view;
    },
  );
  app.get(
    '/revisions/:id/signatures',
    {
      config: { access: 'data.read' },
      schema: { tags, params: IdParams, response: { 200: Type.Array(SignatureView) } },
    },
    async (request) => listRevisionSignatures(db, reports, contextOf(request), request.params.id),
  );
  app.get(
    '/signatures/:id/verification',
    {
      config: { access: 'data.read' },
      schema: { tags, params: IdParams, response: { 200: SignatureVerification } },
    },
    async (request) => verifyStoredSignature(db, reports, signing, contextOf(request), request.params.id),
  );
  app.get(
    '/signatures/:id/signature.p7s',
    {
      config: { access: 'data.read' },
      schema: { tags, params: IdParams, produces: [P7S], response: { 200: Binary('Detached CMS signature (DER)') } },
    },
    async (request, reply) => {
      const files = await signatureFiles(db, reports, contextOf(request), request.params.id);
      return reply
        .type(P7S)
        .header('content-disposition', `attachment; filename="${files.stem}.p7s"`)
        .header('cache-control', 'no-store')
        .send(files.p7s);
    },
  );
  app.get(
    '/signatures/:id/data.json',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'The exact bytes signed: the report’s canonical JSON',
        params: IdParams,
        produces: ['application/json'],
        response: { 200: Binary('Canonical JSON (UTF-8)') },
      },
    },
    async (request, reply) => {
      const files = await signatureFiles(db, reports, contextOf(request), request.params.id);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${files.stem}.json"`)
        .header('cache-control', 'no-store')
        .send(files.data);
    },
  );
  app.post(
    '/signatures/verify',
    {
      config: { access: 'public' },
      schema: {
        tags,
        description:
          'Verifies without signing in, from the files alone (each in base64): the canonical data (`data`) with its .p7s (`signature`), or a signed PDF (`pdf`).',
        body: SignatureVerifyBody,
        response: { 200: SignatureVerification },
      },
    },
    async (request) => verifyFiles(db, signing, request.body),
  );

  // ——— Signed generated reports ———
  app.post(
    '/documents/:id/signature',
    {
      config: { access: 'data.review' },
      schema: {
        tags,
        description:
          'Signs a generated report’s PDF with its unit’s certificate (the one named, or the newest usable one): an embedded `adbe.pkcs7.detached` signature that PDF readers show. One signature per issued version: signing a signed version again answers its signature.',
        params: IdParams,
        body: SignDocumentBody,
        response: { 200: DocumentSignatureView },
      },
    },
    async (request) => {
      const { view } = await signDocument(
        await transactionOf(request),
        signing,
        contextOf(request),
        request.params.id,
        request.body ?? {},
      );
      return view;
    },
  );
  app.get(
    '/documents/:id/signature',
    {
      config: { access: 'data.read' },
      schema: { tags, params: IdParams, response: { 200: DocumentSignatureState } },
    },
    async (request) => documentSignature(db, contextOf(request), request.params.id),
  );
  app.get(
    '/documents/:id/signed-pdf',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'The generated report’s PDF with its embedded signature',
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: Binary('Signed PDF') },
      },
    },
    async (request, reply) => {
      const file = await documentSignedPdf(db, contextOf(request), request.params.id);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(file.content);
    },
  );
};
