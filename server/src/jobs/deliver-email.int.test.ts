/**
 * E-mail delivery against a real SMTP server started by the test: a server that refuses twice
 * and then accepts receives each message exactly once, with every attempt in the delivery log;
 * a server that is down never blocks the change that caused the e-mail, and the delivery is
 * given up after its attempts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../test/regime-fixture';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-test-server';
import type { MailConfig } from '../config';
import { backoffMs } from './deliver-email.job';

interface Setup {
  t: TestApp;
  fx: Fixture;
  rg: RegimeFixture;
  officer: Client;
  approver: Client;
}

async function setUp(mail: MailConfig): Promise<Setup> {
  const t = await createTestApp({ mail });
  const fx = await seedFixture(t.db);
  const rg = await seedRegime(t.db);
  await t.db
    .updateTable('users')
    .set({ email: 'xa.lungcu@example.gov.vn' })
    .where('username', '=', 'entry_officer.x1')
    .execute();
  t.clock.now = during('2024-04-01');
  return {
    t,
    fx,
    rg,
    officer: await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD),
    approver: await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD),
  };
}

/** X1 submits a period's report and the district returns it: one notice, one e-mail to X1's officer. */
async function returnReport(s: Setup, period: string) {
  s.t.clock.now = during(`${period.slice(0, 4)}-${period.slice(4, 6)}-${period.slice(6)}`);
  const key = { unitId: s.fx.units.X1, formId: s.rg.formId, period };
  const sent = await s.officer.request('POST', '/api/v1/reports/submit', { ...key, values: { nhan: 2 } });
  expect(sent.status).toBe(200);
  const returned = await s.approver.request('POST', `/api/v1/submissions/${sent.json.submissionId}/review`, {
    action: 'return',
    reason: 'Thiếu số liệu chi trả',
  });
  expect(returned.status).toBe(200);
}

const deliveries = async (s: Setup) =>
  (await s.approver.request('GET', '/api/v1/notices/deliveries')).json.items as {
    status: string;
    subject: string;
    attempts: { attempt: number; outcome: string; error: string | null }[];
  }[];

describe('an SMTP server that refuses twice, then accepts', () => {
  let smtp: TestSmtpServer;
  let s: Setup;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    s = await setUp(smtp.mailConfig({ retryBaseMs: 50, maxAttempts: 5 }));
  });
  afterAll(async () => {
    await s?.t.close();
    await smtp?.stop();
  });

  it('receives the message exactly once; the log shows the two refusals and the delivery', async () => {
    smtp.refuseNext(2);
    await returnReport(s, '20240401');
    await vi.waitFor(async () => expect((await deliveries(s))[0]?.status).toBe('sent'), { timeout: 15_000 });
    expect(smtp.refused).toBe(2);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({
      to: ['xa.lungcu@example.gov.vn'],
      subject: 'Báo cáo B03 kỳ Ngày 01/04/2024 của UBND xã Lũng Cú bị trả lại',
    });
    const [delivery] = await deliveries(s);
    expect(delivery!.attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'sent'],
    ]);
    expect(delivery!.attempts[0]!.error).toContain('451');
    // Nothing is left to retry, and nothing is sent again.
    await s.t.jobs.drain();
    expect(smtp.received).toHaveLength(1);
  });
});

describe('an SMTP server that is down', () => {
  let s: Setup;
  beforeAll(async () => {
    const closed = await startSmtpServer();
    const mail = closed.mailConfig({ retryBaseMs: 20, maxAttempts: 3 });
    await closed.stop();
    s = await setUp(mail);
  });
  afterAll(async () => s?.t.close());

  it('never blocks the submit or the review; the delivery is tried with back-off, then given up', async () => {
    const started = Date.now();
    await returnReport(s, '20240402');
    expect(Date.now() - started).toBeLessThan(5_000);
    await vi.waitFor(async () => expect((await deliveries(s))[0]?.status).toBe('failed'), { timeout: 15_000 });
    const [delivery] = await deliveries(s);
    expect(delivery!.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(delivery!.attempts[0]!.error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('waits twice as long before each attempt, at most an hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(60_000, n))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(60_000, 12)).toBe(3_600_000);
  });
});
