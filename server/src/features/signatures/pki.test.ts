import * as asn1js from 'asn1js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAuthority, firstDerElement, issueCertificate, signDetached, verifyDetached } from './pki';

const padded = (bytes: Uint8Array, zeros: number) => Buffer.concat([bytes, Buffer.alloc(zeros)]);

describe('a signature read from a PDF placeholder (zero padded)', () => {
  it('keeps exactly the DER element, trailing zero bytes of its own included', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 300 }),
        (content, ownZeros, padding) => {
          const element = new Uint8Array(new asn1js.OctetString({ valueHex: padded(content, ownZeros) }).toBER(false));
          expect(Buffer.from(firstDerElement(padded(element, padding)) ?? [])).toEqual(Buffer.from(element));
        },
      ),
    );
  });

  it('gives nothing for bytes that are not an element', () => {
    expect(firstDerElement(Buffer.alloc(0))).toBeNull();
    expect(firstDerElement(Buffer.from([0x30, 0x82, 0x05]))).toBeNull();
  });

  it('verifies a real CMS signature whose last byte is zero once the padding is cut', async () => {
    const now = new Date('2026-12-06T01:00:00Z');
    const authority = await createAuthority('CA thử nghiệm', now);
    const signer = await issueCertificate(
      authority,
      { commonName: 'UBND xã thử nghiệm', organization: 'Baocao' },
      now,
      new Date('2027-12-06T01:00:00Z'),
    );
    // About one signature in 256 ends in a zero byte: sign numbered data until one does.
    let found: { data: Buffer; cms: Buffer } | null = null;
    for (let i = 0; i < 4096 && !found; i++) {
      const data = Buffer.from(`báo cáo số ${i}`, 'utf8');
      const cms = await signDetached(data, signer, now);
      if (cms[cms.length - 1] === 0) found = { data, cms };
    }
    expect(found).not.toBeNull();
    const { data, cms } = found as { data: Buffer; cms: Buffer };
    const read = firstDerElement(padded(cms, 2000));
    expect(Buffer.from(read ?? [])).toEqual(cms);
    expect((await verifyDetached(read ?? new Uint8Array(), data))?.valid).toBe(true);
  }, 120_000);
});
