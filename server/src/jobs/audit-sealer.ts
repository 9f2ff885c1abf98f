/**
 * Seals pending audit entries into the hash chain every few hundred
 * milliseconds. Any process may run it; the audit lock makes sealing serial.
 */
import type { Db } from '../db/database';
import { sealAllPendingAudit } from '../features/audit/audit.queries';

export interface AuditSealer {
  stop(): Promise<void>;
}

export function startAuditSealer(deps: {
  db: Db;
  intervalMs?: number;
  log?: (m: string, e?: unknown) => void;
}): AuditSealer {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = running
      .then(() => sealAllPendingAudit(deps.db))
      .catch((error) => deps.log?.('audit sealing failed', error));
  }, deps.intervalMs ?? 300);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
