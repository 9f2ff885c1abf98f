import { type Static, Type } from '@sinclair/typebox';
import { Id, Text } from './common';

/** Base64 of a binary file, bounded (the request body limit is 2 MB). */
const Base64 = (maxLength: number) => Type.String({ minLength: 4, maxLength, pattern: '^[A-Za-z0-9+/\\s]+=*\\s*$' });

export const CertificateStatus = Type.Union([
  Type.Literal('valid'),
  Type.Literal('expired'),
  Type.Literal('not_yet_valid'),
  Type.Literal('revoked'),
]);
export type CertificateStatus = Static<typeof CertificateStatus>;

/** What an X.509 certificate says about itself. */
export const CertificateDetails = Type.Object({
  subject: Type.String(),
  /** The subject's common name (CN). */
  subjectName: Type.String(),
  issuer: Type.String(),
  /** Hexadecimal, upper case. */
  serial: Type.String(),
  notBefore: Type.String(),
  notAfter: Type.String(),
  /** SHA-256 of the DER certificate, hexadecimal. */
  fingerprint: Type.String(),
});
export type CertificateDetails = Static<typeof CertificateDetails>;

export const SigningCertificateView = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  source: Type.Union([Type.Literal('upload'), Type.Literal('internal_ca')]),
  certificate: CertificateDetails,
  status: CertificateStatus,
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  revocationReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  createdByName: Type.String(),
});
export type SigningCertificateView = Static<typeof SigningCertificateView>;

export const SigningCertificatesQuery = Type.Object({ unitId: Type.Optional(Id) }, { additionalProperties: false });

/** A unit's certificate and key: PEM (the key optionally encrypted with `keyPassphrase`), or a PKCS#12 file in base64. */
export const SigningCertificateUpload = Type.Object(
  {
    unitId: Id,
    certificatePem: Type.Optional(Text(20_000, 1)),
    privateKeyPem: Type.Optional(Text(20_000, 1)),
    keyPassphrase: Type.Optional(Text(200)),
    pkcs12: Type.Optional(Base64(200_000)),
    pkcs12Password: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);
export type SigningCertificateUpload = Static<typeof SigningCertificateUpload>;

export const SigningCertificateIssue = Type.Object(
  { unitId: Id, validDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 1825 })) },
  { additionalProperties: false },
);

export const SigningCertificateRevoke = Type.Object({ reason: Text(500, 3) }, { additionalProperties: false });

export const SignRevisionBody = Type.Object({ certificateId: Type.Optional(Id) }, { additionalProperties: false });

const CellValueOut = Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]);

/** Where the data compared with what was signed differs: a cell (by its key) or a part of the header. */
export const SignatureDifference = Type.Object({
  path: Type.String(),
  cell: Type.Union([Type.String(), Type.Null()]),
  signed: CellValueOut,
  current: CellValueOut,
});

/** The report a signature covers, as its canonical data names it. */
export const SignedReportHeader = Type.Object({
  kind: Type.Union([Type.Literal('submission'), Type.Literal('consolidation')]),
  regime: Type.Object({ code: Type.String(), name: Type.String() }),
  form: Type.Object({ code: Type.String(), name: Type.String(), version: Type.Integer() }),
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  period: Type.String(),
  revision: Type.Object({
    id: Type.Integer(),
    number: Type.Integer(),
    submittedAt: Type.String(),
    isNil: Type.Boolean(),
  }),
  cellCount: Type.Integer(),
});

/** The answer of every verification: who signed, when, with which certificate, and whether the data still matches. */
export const SignatureVerification = Type.Object({
  /** The signature as this installation stored it, when it knows it. */
  signatureId: Type.Union([Type.Integer(), Type.Null()]),
  format: Type.Union([Type.Literal('report'), Type.Literal('pdf')]),
  /** The signature is intact and its certificate's key signed exactly the data given. */
  valid: Type.Boolean(),
  signedAt: Type.Union([Type.String(), Type.Null()]),
  /** The person who signed, when this installation made the signature. */
  signedByName: Type.Union([Type.String(), Type.Null()]),
  certificate: Type.Union([CertificateDetails, Type.Null()]),
  /** The certificate today: revoked only when this installation revoked it. */
  certificateStatus: Type.Union([CertificateStatus, Type.Literal('unknown')]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  /** The certificate was within its validity, and not revoked, at the signing time. */
  certificateValidAtSigning: Type.Boolean(),
  /** Issued by this installation's certificate authority, or registered here by an administrator. */
  certificateKnown: Type.Boolean(),
  report: Type.Union([SignedReportHeader, Type.Null()]),
  /** Whether the report's data in this installation is still what was signed (null: not compared). */
  dataMatches: Type.Union([Type.Boolean(), Type.Null()]),
  /** What `differences` compare the signed data with: the data stored now, or the file given. */
  comparedWith: Type.Union([Type.Literal('current'), Type.Literal('uploaded'), Type.Null()]),
  differences: Type.Array(SignatureDifference),
});
export type SignatureVerification = Static<typeof SignatureVerification>;

export const SignatureView = Type.Object({
  id: Type.Integer(),
  revisionId: Type.Integer(),
  signedAt: Type.String(),
  signedByName: Type.String(),
  certificateId: Type.Integer(),
  certificate: CertificateDetails,
});
export type SignatureView = Static<typeof SignatureView>;

/** The files to verify without signing in, each in base64: the canonical data and its .p7s, or a signed PDF. */
export const SignatureVerifyBody = Type.Object(
  {
    data: Type.Optional(Base64(1_400_000)),
    signature: Type.Optional(Base64(100_000)),
    pdf: Type.Optional(Base64(1_500_000)),
  },
  { additionalProperties: false },
);

/** A generated report's signed PDF: who signed it, when, with which certificate. */
export const DocumentSignatureView = Type.Object({
  id: Type.Integer(),
  documentId: Type.Integer(),
  signedAt: Type.String(),
  signedByName: Type.String(),
  certificateId: Type.Integer(),
  certificate: CertificateDetails,
});
export type DocumentSignatureView = Static<typeof DocumentSignatureView>;

/** The signature of a generated report, or null when it is not signed yet. */
export const DocumentSignatureState = Type.Object({
  signature: Type.Union([DocumentSignatureView, Type.Null()]),
});
export type DocumentSignatureState = Static<typeof DocumentSignatureState>;

export const SignDocumentBody = Type.Object({ certificateId: Type.Optional(Id) }, { additionalProperties: false });
