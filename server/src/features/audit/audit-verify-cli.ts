// npm run audit:verify — recomputes the audit hash chain; exits 1 naming the first broken row.
import { openDatabase } from '../../db/open';
import { verifyAuditChain } from './audit.service';

const { db, close } = await openDatabase();
try {
  const verdict = await verifyAuditChain(db);
  if (verdict.ok) {
    console.log(`audit: chain intact (${verdict.checked} rows)`);
  } else {
    console.error(`audit: chain BROKEN at row ${verdict.firstBroken?.id}: ${verdict.firstBroken?.reason}`);
    process.exitCode = 1;
  }
} finally {
  await close();
}
