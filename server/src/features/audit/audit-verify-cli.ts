// npm run audit:verify — recomputes the audit hash chain, then checks it against the signed
// checkpoints (audit-checkpoint.ts): exits 1 naming the first broken row, or saying the chain
// was truncated or a checkpoint forged; and 2 when it cannot verify at all (no database, no
// connection, no checkpoint key), so a failure never reads as an intact chain.
import { readConfig } from '../../config';
import { openDatabase } from '../../db/open';
import { verifyAuditChain, verifyAuditCheckpoints } from './audit.service';
import { describeCheckpoint, readCheckpointFile, readCheckpointPublicKey } from './audit-checkpoint';

function cannotVerify(error: unknown): never {
  console.error(`audit: cannot verify: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const config = (() => {
  try {
    return readConfig();
  } catch (error) {
    return cannotVerify(error);
  }
})();
const files = config.auditCheckpoint;
const publicKey = await readCheckpointPublicKey(files).catch(cannotVerify);
if (!publicKey)
  cannotVerify(
    `no checkpoint key at ${files.keyFile} (set AUDIT_CHECKPOINT_KEY, or AUDIT_CHECKPOINT_PUBLIC_KEY to its .pub file): ` +
      'without it a truncated chain cannot be told from an intact one',
  );
const fromFile = await readCheckpointFile(files.file).catch(cannotVerify);

const { db, close } = await openDatabase(config).catch(cannotVerify);
try {
  const verdict = await verifyAuditChain(db).catch(cannotVerify);
  if (!verdict.ok) {
    console.error(`audit: chain BROKEN at row ${verdict.firstBroken?.id}: ${verdict.firstBroken?.reason}`);
    process.exitCode = 1;
  } else {
    const checkpoints = await verifyAuditCheckpoints(db, publicKey, fromFile).catch(cannotVerify);
    if (!checkpoints.ok) {
      console.error(`audit: chain BROKEN: ${checkpoints.problem}`);
      process.exitCode = 1;
    } else if (!checkpoints.latest) {
      console.log(`audit: chain intact (${verdict.checked} rows); no checkpoint yet`);
    } else {
      console.log(
        `audit: chain intact (${verdict.checked} rows); ${checkpoints.checked} signed checkpoints hold, ` +
          `the latest: ${describeCheckpoint(checkpoints.latest)}`,
      );
    }
  }
} finally {
  await close();
}
