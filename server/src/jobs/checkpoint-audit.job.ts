/**
 * Signs a checkpoint of the audit chain's head every five minutes, when the chain has
 * grown since the last one (features/audit/audit-checkpoint.ts says why and what
 * it cannot do). Each checkpoint goes to `audit_checkpoints`, to the server's log and
 * to the checkpoint file, so deleting it from the database alone is noticed too.
 */
import type { CronItem, Task } from 'graphile-worker';
import type { Db, Tx } from '../db/database';
import { makeAuditCheckpoint } from '../features/audit/audit.service';
import { appendCheckpointFile, type CheckpointSigner, describeCheckpoint } from '../features/audit/audit-checkpoint';
import { addJob } from './job-queue';

export const CHECKPOINT_AUDIT = 'checkpoint-audit';

export interface AuditCheckpointing {
  signer: CheckpointSigner;
  /** The checkpoint file (one JSON line per checkpoint). */
  file: string;
  /** Where the log line goes (the server's terminal). */
  note: (line: string) => void;
}

export function checkpointAuditJob(db: Db, checkpointing: AuditCheckpointing): Task {
  return async () => {
    const checkpoint = await makeAuditCheckpoint(db, checkpointing.signer);
    if (!checkpoint) return;
    checkpointing.note(
      `Audit ${describeCheckpoint(checkpoint)}, key ${checkpoint.keyId}, signature ${checkpoint.signature}`,
    );
    await appendCheckpointFile(checkpointing.file, checkpoint);
  };
}

/** Queues a checkpoint now (at start), unless one is already queued. */
export async function queueAuditCheckpoint(executor: Db | Tx): Promise<void> {
  await addJob(executor, CHECKPOINT_AUDIT, {}, { jobKey: CHECKPOINT_AUDIT, jobKeyMode: 'preserve_run_at' });
}

export const checkpointAuditCron: CronItem = {
  task: CHECKPOINT_AUDIT,
  match: '*/5 * * * *',
  options: { jobKey: CHECKPOINT_AUDIT, backfillPeriod: 0 },
};
