/**
 * Signs a checkpoint of the audit chain's head every five minutes, when the chain has
 * grown since the last one, and once at start (features/audit/audit-checkpoint.ts says why and what
 * it cannot do). Each checkpoint goes to `audit_checkpoints`, to the server's log and
 * to the checkpoint file, so deleting it from the database alone is noticed too.
 */
import type { CronItem, Task } from 'graphile-worker';
import type { Db } from '../db/database';
import { makeAuditCheckpoint } from '../features/audit/audit.service';
import { appendCheckpointFile, type CheckpointSigner, describeCheckpoint } from '../features/audit/audit-checkpoint';

export const CHECKPOINT_AUDIT = 'checkpoint-audit';

export interface AuditCheckpointing {
  signer: CheckpointSigner;
  /** The checkpoint file (one JSON line per checkpoint). */
  file: string;
  /** Where the log line goes (the server's terminal). */
  note: (line: string) => void;
}

/** Signs a checkpoint if the chain grew, and writes it to the log and the file (main.ts calls it at start too). */
export async function signAuditCheckpoint(db: Db, checkpointing: AuditCheckpointing): Promise<void> {
  const checkpoint = await makeAuditCheckpoint(db, checkpointing.signer);
  if (!checkpoint) return;
  checkpointing.note(
    `Audit ${describeCheckpoint(checkpoint)}, key ${checkpoint.keyId}, signature ${checkpoint.signature}`,
  );
  await appendCheckpointFile(checkpointing.file, checkpoint);
}

export function checkpointAuditJob(db: Db, checkpointing: AuditCheckpointing): Task {
  return () => signAuditCheckpoint(db, checkpointing);
}

export const checkpointAuditCron: CronItem = {
  task: CHECKPOINT_AUDIT,
  match: '*/5 * * * *',
  options: { jobKey: CHECKPOINT_AUDIT, backfillPeriod: 0 },
};
