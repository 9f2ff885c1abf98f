/**
 * X.509 and CMS for digitally signed reports, through maintained libraries only:
 * @peculiar/x509 makes and reads certificates, pkijs builds and checks CMS (PKCS#7)
 * SignedData, Node's WebCrypto does the arithmetic. Nothing here implements a
 * cryptographic primitive.
 *
 * Keys are RSA-2048 with RSASSA-PKCS1-v1_5 and SHA-256 when Baocao makes them (what PDF
 * readers and the national CAs' tokens all accept); uploaded keys may be RSA or ECDSA
 * (P-256, P-384). Signatures are detached: the signed bytes travel beside the .p7s, and the
 * SignedData carries the signer's certificate, the content type, the message digest and the
 * signing time as signed attributes.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API first.
import 'reflect-metadata';
import { createHash, createPrivateKey, createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const crypto = webcrypto;
// Node's WebCrypto is the standard Crypto; only the type names differ without the DOM library.
x509.cryptoProvider.set(crypto as never);
pkijs.setEngine('node-webcrypto', new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto }));

const RSA: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

/** What a certificate says about itself, as Baocao shows it. */
export interface CertificateFacts {
  subject: string;
  /** The subject's common name (CN), or the whole subject when it has none. */
  subjectName: string;
  issuer: string;
  /** Upper-case hexadecimal, as readers print it. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER certificate, lower-case hexadecimal. */
  fingerprint: string;
  isCa: boolean;
}

export function certificateFacts(pemOrDer: string | Uint8Array): CertificateFacts {
  const cert = new x509.X509Certificate(pemOrDer as string);
  const cn = cert.subjectName.getField('CN')[0];
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  return {
    subject: cert.subject,
    subjectName: cn ?? cert.subject,
    issuer: cert.issuer,
    serial: cert.serialNumber.toUpperCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    fingerprint: createHash('sha256').update(Buffer.from(cert.rawData)).digest('hex'),
    isCa: basic?.ca ?? false,
  };
}

export function certificateDer(pem: string): Buffer {
  return Buffer.from(new x509.X509Certificate(pem).rawData);
}

function serialNumber(): string {
  // Positive (high bit clear), 128 bits of randomness: RFC 5280 asks for at most 20 octets.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString('hex');
}

function name(commonName: string, organization: string): x509.JsonName {
  return [{ CN: [commonName] }, { O: [organization] }, { C: ['VN'] }];
}

export interface IssuedCertificate {
  certificatePem: string;
  /** PKCS#8 DER. */
  privateKey: Buffer;
}

/** A new self-signed certificate authority for installations without a national CA. */
export async function createAuthority(commonName: string, now: Date, years = 20): Promise<IssuedCertificate> {
  const keys = (await crypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + years);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: name(commonName, 'Baocao'),
    notBefore: now,
    notAfter,
    signingAlgorithm: RSA,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    certificatePem: cert.toString('pem'),
    privateKey: Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

/** A signing certificate for `subject`, issued by the authority (its certificate and PKCS#8 key). */
export async function issueCertificate(
  authority: IssuedCertificate,
  subject: { commonName: string; organization: string },
  notBefore: Date,
  notAfter: Date,
): Promise<IssuedCertificate> {
  const caCert = new x509.X509Certificate(authority.certificatePem);
  const caKey = await importSigningKey(authority.privateKey);
  const keys = (await crypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: name(subject.commonName, subject.organization),
    issuer: caCert.subject,
    notBefore,
    notAfter,
    signingAlgorithm: RSA,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.AuthorityKeyIdentifierExtension.create(caCert, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    certificatePem: cert.toString('pem'),
    privateKey: Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

/** Whether `certificatePem` was signed by the authority's key. */
export async function issuedBy(certificatePem: string, authorityPem: string): Promise<boolean> {
  const cert = new x509.X509Certificate(certificatePem);
  const ca = new x509.X509Certificate(authorityPem);
  if (cert.issuer !== ca.subject) return false;
  return cert.verify({ publicKey: ca.publicKey, signatureOnly: true });
}

/** The WebCrypto algorithm to sign with a PKCS#8 key, from the key's own type; null for a type Baocao does not sign with. */
function signingAlgorithm(pkcs8: Buffer): webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams | null {
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return { name: 'ECDSA', namedCurve: 'P-256' };
    if (curve === 'secp384r1') return { name: 'ECDSA', namedCurve: 'P-384' };
  }
  return null;
}

async function importSigningKey(pkcs8: Buffer): Promise<webcrypto.CryptoKey> {
  const algorithm = signingAlgorithm(pkcs8);
  if (!algorithm) throw new Error('unsupported key type');
  return crypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
}

export type KeyProblem = 'unreadable' | 'unsupported' | 'mismatch';

/**
 * A private key in PEM (PKCS#8, PKCS#1 or SEC1, optionally encrypted with `passphrase`) as
 * PKCS#8 DER, checked to belong to the certificate; or what is wrong with it.
 */
export function readPrivateKey(
  keyPem: string,
  certificatePem: string,
  passphrase?: string,
): { pkcs8: Buffer } | { problem: KeyProblem } {
  let pkcs8: Buffer;
  try {
    const key = createPrivateKey({ key: keyPem, format: 'pem', passphrase });
    pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  } catch {
    return { problem: 'unreadable' };
  }
  if (!signingAlgorithm(pkcs8)) return { problem: 'unsupported' };
  const ofKey = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({
    type: 'spki',
    format: 'der',
  });
  const ofCertificate = Buffer.from(new x509.X509Certificate(certificatePem).publicKey.rawData);
  return ofKey.equals(ofCertificate) ? { pkcs8 } : { problem: 'mismatch' };
}

/** A certificate in PEM or DER as PEM, or null when it is not one. */
export function readCertificate(input: string | Uint8Array): string | null {
  try {
    return new x509.X509Certificate(input as string).toString('pem');
  } catch {
    return null;
  }
}

/**
 * A PKCS#12 (.p12/.pfx) file's certificate and key (pkijs, password-based: PBES2 as OpenSSL 3 and
 * current tools write them); null when it cannot be opened with the password.
 */
export async function readPkcs12(
  bytes: Uint8Array,
  password: string,
): Promise<{ certificatePem: string; keyPem: string } | null> {
  try {
    const pfx = pkijs.PFX.fromBER(bytes);
    const pass = new TextEncoder().encode(password).buffer as ArrayBuffer;
    await pfx.parseInternalValues({ password: pass, checkIntegrity: true });
    const authenticatedSafe = pfx.parsedValue?.authenticatedSafe;
    if (!authenticatedSafe) return null;
    // Each safe is opened with the password (privacy mode 1) or read as is; one encrypted to a
    // recipient's key (privacy mode 2) is not supported and fails here.
    await authenticatedSafe.parseInternalValues({
      safeContents: authenticatedSafe.safeContents.map(() => ({ password: pass })),
    });
    const safeContents = authenticatedSafe.parsedValue?.safeContents ?? [];
    const certificates: pkijs.Certificate[] = [];
    let keyDer: ArrayBuffer | null = null;
    for (const content of safeContents) {
      for (const bag of content.value.safeBags) {
        if (bag.bagValue instanceof pkijs.PKCS8ShroudedKeyBag) {
          await bag.bagValue.parseInternalValues({ password: pass });
          keyDer = bag.bagValue.parsedValue!.toSchema().toBER(false);
        } else if (bag.bagValue instanceof pkijs.PrivateKeyInfo) {
          keyDer = bag.bagValue.toSchema().toBER(false);
        } else if (bag.bagValue instanceof pkijs.CertBag) {
          const parsed = bag.bagValue.parsedValue;
          if (parsed instanceof pkijs.Certificate) certificates.push(parsed);
        }
      }
    }
    if (!keyDer || certificates.length === 0) return null;
    const keyPem = createPrivateKey({ key: Buffer.from(keyDer), format: 'der', type: 'pkcs8' })
      .export({ type: 'pkcs8', format: 'pem' })
      .toString();
    // The signer's certificate is the one that is not a CA (a bundle may hold its chain too).
    const pems = certificates.map((c) => readCertificate(new Uint8Array(c.toSchema().toBER(false)))!);
    const leaf = pems.find((pem) => !certificateFacts(pem).isCa) ?? pems[0]!;
    return { certificatePem: leaf, keyPem };
  } catch {
    return null;
  }
}

/** A detached CMS SignedData (DER) over `data`, by the certificate's key, at `signingTime`. */
export async function signDetached(
  data: Uint8Array,
  signer: { certificatePem: string; privateKey: Buffer },
  signingTime: Date,
): Promise<Buffer> {
  const certificate = pkijs.Certificate.fromBER(certificateDer(signer.certificatePem));
  const key = await importSigningKey(signer.privateKey);
  const digest = createHash('sha256').update(data).digest();
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID_DATA }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: certificate.issuer,
          serialNumber: certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: OID_DATA })] }),
            new pkijs.Attribute({
              type: OID_MESSAGE_DIGEST,
              values: [new asn1js.OctetString({ valueHex: new Uint8Array(digest) })],
            }),
            new pkijs.Attribute({ type: OID_SIGNING_TIME, values: [new asn1js.UTCTime({ valueDate: signingTime })] }),
          ],
        }),
      }),
    ],
    certificates: [certificate],
  });
  await signedData.sign(key, 0, 'SHA-256');
  const contentInfo = new pkijs.ContentInfo({
    contentType: pkijs.ContentInfo.SIGNED_DATA,
    content: signedData.toSchema(true),
  });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

/** What a detached signature says and whether it holds over `data`. */
export interface DetachedVerification {
  /** The signature is well formed and its signer's key signed exactly `data`. */
  valid: boolean;
  /** The signer's certificate (PEM), when the SignedData carries it. */
  certificatePem: string | null;
  /** The signing time the signer stated (a signed attribute), if any. */
  signingTime: Date | null;
}

/**
 * The DER element at the start of `bytes`, without what follows it: a PDF keeps its signature in a
 * hex string padded with zeros to the placeholder's size. The padding cannot be found by stripping
 * trailing zero bytes, since a signature may itself end in a zero byte (about one in 256 do), so the
 * element's own length decides. Null when `bytes` does not start with a readable element.
 */
export function firstDerElement(bytes: Uint8Array): Uint8Array | null {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || parsed.offset <= 0) return null;
  return bytes.subarray(0, parsed.offset);
}

/** Checks a detached CMS SignedData (DER) over `data`; never throws on a bad file. */
export async function verifyDetached(cms: Uint8Array, data: Uint8Array): Promise<DetachedVerification | null> {
  let signedData: pkijs.SignedData;
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(cms);
    if (contentInfo.contentType !== pkijs.ContentInfo.SIGNED_DATA) return null;
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return null;
  }
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) return null;
  const sid = signerInfo.sid;
  const certificate = (signedData.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate &&
      sid instanceof pkijs.IssuerAndSerialNumber &&
      c.issuer.isEqual(sid.issuer) &&
      c.serialNumber.isEqual(sid.serialNumber),
  );
  const certificatePem = certificate ? readCertificate(new Uint8Array(certificate.toSchema().toBER(false))) : null;
  let signingTime: Date | null = null;
  for (const attribute of signerInfo.signedAttrs?.attributes ?? []) {
    if (attribute.type === OID_SIGNING_TIME) {
      const value = attribute.values[0];
      if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) signingTime = value.toDate();
    }
  }
  let valid = false;
  try {
    valid = await signedData.verify({
      signer: 0,
      data: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
      checkChain: false,
    });
  } catch {
    valid = false;
  }
  return { valid, certificatePem, signingTime };
}
