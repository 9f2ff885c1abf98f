// npm run audit:verify — recomputes the audit hash chain; exits 1 naming the first broken row, and 2
// when it cannot verify at all (no database, no connection), so a failure never reads as a broken chain.
import { openDatabase } from '../../db/open';
import { verifyAuditChain } from './audit.service';

function cannotVerify(error: unknown): never {
  console.error(`audit: cannot verify: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const { db, close } = await openDatabase().catch(cannotVerify);
try {
  const verdict = await verifyAuditChain(db).catch(cannotVerify);
  if (verdict.ok) {
    console.log(`audit: chain intact (${verdict.checked} rows)`);
  } else {
    console.error(`audit: chain BROKEN at row ${verdict.firstBroken?.id}: ${verdict.firstBroken?.reason}`);
    process.exitCode = 1;
  }
} finally {
  await close();
}
