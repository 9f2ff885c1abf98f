// The baseline for the submit benchmark: a bare Fastify route doing the same row
// writes as a submit (upsert the submission, insert the revision, point the
// submission at it) with plain `pg` — no sessions, validation, authorization,
// audit or consolidation upkeep.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const app = Fastify({ logger: false });

app.post('/baseline/submit', async (request) => {
  const body = request.body as {
    regimeId: number;
    formId: number;
    versionId: number;
    unitId: number;
    period: string;
    userId: number;
    values: object;
  };
  const client = await pool.connect();
  try {
    await client.query('begin');
    const sub = await client.query(
      `insert into submissions (regime_id, form_id, form_version_id, unit_id, period_id, state)
       values ($1, $2, $3, $4, $5, 'submitted')
       on conflict (form_id, unit_id, period_id) do update set state = 'submitted'
       returning id, revision_count`,
      [body.regimeId, body.formId, body.versionId, body.unitId, body.period],
    );
    const { id, revision_count: count } = sub.rows[0];
    const rev = await client.query(
      `insert into submission_revisions (submission_id, number, form_version_id, values, channel, submitted_by, submitted_at)
       values ($1, $2, $3, $4, 'api', $5, now()) returning id`,
      [id, count + 1, body.versionId, JSON.stringify(body.values), body.userId],
    );
    await client.query('update submissions set current_revision_id = $1, revision_count = $2 where id = $3', [
      rev.rows[0].id,
      count + 1,
      id,
    ]);
    await client.query('commit');
    return { submissionId: Number(id), revisionId: Number(rev.rows[0].id) };
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
});

const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`LISTENING ${address}\n`);
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
