// npm run db:migrate — applies pending migrations to DATABASE_URL or the embedded database.
import { migrateToLatest } from './migrate';
import { openDatabase } from './open';

const { db, pool, close } = await openDatabase();
try {
  const applied = await migrateToLatest(db, pool);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await close();
}
