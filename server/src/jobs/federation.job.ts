/**
 * Federation on the job queue (features/federation). One task, `forward-federation`: a round
 * copies each active link's new events into its outbox and sends its pending items in order
 * (federation.service.ts `forwardLink`). Like the webhook dispatcher it runs under one job key:
 * a round queues the next one a second later while any link is active; the crontab re-queues one
 * every minute, and creating, enabling or "send now" queues one at once. A link that failed
 * waits out its back-off (`next_attempt_at`) and is skipped by the rounds until then.
 */
import type { CronItem, Task } from 'graphile-worker';
import type { ConnectorConfig } from '../config';
import type { Db } from '../db/database';
import {
  FORWARD_FEDERATION,
  findDueLinkIds,
  hasActiveLinks,
  queueForwarding,
} from '../features/federation/federation.queries';
import { forwardLink } from '../features/federation/federation.service';

export { FORWARD_FEDERATION };

const ROUND_EVERY_MS = 1_000;

export function forwardFederationJob(db: Db, config: ConnectorConfig, masterKey: Buffer | null): Task {
  return async () => {
    let more = false;
    for (const id of await findDueLinkIds(db)) more = (await forwardLink(db, config, masterKey, id)).more || more;
    if (more) await queueForwarding(db);
    else if (await hasActiveLinks(db)) await queueForwarding(db, new Date(Date.now() + ROUND_EVERY_MS));
  };
}

export const forwardFederationCron: CronItem = {
  task: FORWARD_FEDERATION,
  match: '* * * * *',
  options: { jobKey: FORWARD_FEDERATION, jobKeyMode: 'preserve_run_at', backfillPeriod: 0 },
};
