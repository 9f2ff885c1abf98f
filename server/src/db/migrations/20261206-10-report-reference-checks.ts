import { type Kysely, sql } from 'kysely';

// The references of report data (submissions, submission_revisions) are checked once per
// statement instead of once per row. Their ten foreign keys fired a row-level trigger each:
// 10 index probes with a row lock per imported report, about 60 % of an import's write
// (docs/benchmarks.md, "import"). The same integrity is kept in both directions:
// - the referencing side: statement-level triggers over the transition tables collect the
//   distinct ids a statement wrote (on update, only those that changed), lock the rows they
//   name FOR KEY SHARE, as a foreign key's check does, and fail with the foreign key's
//   error (SQLSTATE 23503, the same constraint name) when one is missing;
// - the referenced side: deleting a row (or changing its id) that report data still names
//   fails the same way, and TRUNCATE of a referenced table is refused while report data exists.
// A writer that locked a referenced row holds it until commit, so a concurrent delete waits
// and then sees the reference; a row deleted first is skipped by the lock and reported missing.

interface Reference {
  table: 'submissions' | 'submission_revisions';
  column: string;
  target: string;
  constraint: string;
}

const references: Reference[] = [
  { table: 'submissions', column: 'regime_id', target: 'regimes', constraint: 'submissions_regime_id_fkey' },
  { table: 'submissions', column: 'form_id', target: 'forms', constraint: 'submissions_form_id_fkey' },
  {
    table: 'submissions',
    column: 'form_version_id',
    target: 'form_versions',
    constraint: 'submissions_form_version_id_fkey',
  },
  { table: 'submissions', column: 'unit_id', target: 'units', constraint: 'submissions_unit_id_fkey' },
  {
    table: 'submissions',
    column: 'draft_updated_by',
    target: 'users',
    constraint: 'submissions_draft_updated_by_fkey',
  },
  {
    table: 'submissions',
    column: 'current_revision_id',
    target: 'submission_revisions',
    constraint: 'submissions_current_revision',
  },
  {
    table: 'submission_revisions',
    column: 'submission_id',
    target: 'submissions',
    constraint: 'submission_revisions_submission_id_fkey',
  },
  {
    table: 'submission_revisions',
    column: 'form_version_id',
    target: 'form_versions',
    constraint: 'submission_revisions_form_version_id_fkey',
  },
  {
    table: 'submission_revisions',
    column: 'submitted_by',
    target: 'users',
    constraint: 'submission_revisions_submitted_by_fkey',
  },
  {
    table: 'submission_revisions',
    column: 'reviewed_by',
    target: 'users',
    constraint: 'submission_revisions_reviewed_by_fkey',
  },
];

/** The body of the statement-level check of one table's references, on insert or on update. */
function checkFunction(table: Reference['table'], event: 'insert' | 'update'): string {
  const refs = references.filter((r) => r.table === table);
  const changed = (r: Reference) =>
    event === 'insert'
      ? `n.${r.column} IS NOT NULL`
      : `n.${r.column} IS NOT NULL AND (o.id IS NULL OR n.${r.column} IS DISTINCT FROM o.${r.column})`;
  return `
    CREATE FUNCTION ${table}_check_references_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ${refs.map((r) => `ids_${r.column} bigint[];`).join('\n      ')}
    BEGIN
      SELECT ${refs.map((r) => `array_agg(DISTINCT n.${r.column}) FILTER (WHERE ${changed(r)})`).join(',\n        ')}
      INTO ${refs.map((r) => `ids_${r.column}`).join(', ')}
      FROM new_rows n ${event === 'update' ? 'LEFT JOIN old_rows o ON o.id = n.id' : ''};
      ${refs
        .map(
          (r) => `
      IF ids_${r.column} IS NOT NULL AND (SELECT count(*) FROM (SELECT 1 FROM ONLY ${r.target} x
          WHERE x.id = ANY(ids_${r.column}) FOR KEY SHARE OF x) l) < cardinality(ids_${r.column}) THEN
        RAISE EXCEPTION 'insert or update on table "${table}" violates foreign key constraint "${r.constraint}"'
          USING ERRCODE = 'foreign_key_violation', CONSTRAINT = '${r.constraint}', TABLE = '${table}',
            COLUMN = '${r.column}', DETAIL = 'A ${r.column} is not present in table "${r.target}".';
      END IF;`,
        )
        .join('')}
      RETURN NULL;
    END $$;
    CREATE TRIGGER ${table}_references_${event} AFTER ${event.toUpperCase()} ON ${table}
      REFERENCING ${event === 'update' ? 'OLD TABLE AS old_rows ' : ''}NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION ${table}_check_references_${event}();`;
}

/** A referenced table: a row still named by report data is neither deleted nor renumbered, nor the table truncated. */
function referencedFunction(target: string): string {
  const refs = references.filter((r) => r.target === target);
  return `
    CREATE FUNCTION ${target}_keep_report_references() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN RETURN NULL; END IF;
      ${refs
        .map(
          (r) => `
      IF EXISTS (SELECT 1 FROM ${r.table} WHERE ${r.column} = OLD.id) THEN
        RAISE EXCEPTION 'update or delete on table "${target}" violates foreign key constraint "${r.constraint}" on table "${r.table}"'
          USING ERRCODE = 'foreign_key_violation', CONSTRAINT = '${r.constraint}', TABLE = '${r.table}',
            DETAIL = 'Key (id)=(' || OLD.id || ') is still referenced from table "${r.table}".';
      END IF;`,
        )
        .join('')}
      RETURN NULL;
    END $$;
    CREATE TRIGGER ${target}_keep_report_references AFTER DELETE OR UPDATE OF id ON ${target}
      FOR EACH ROW EXECUTE FUNCTION ${target}_keep_report_references();

    CREATE FUNCTION ${target}_truncate_keeps_report_references() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF ${[...new Set(refs.map((r) => r.table))].map((t) => `EXISTS (SELECT 1 FROM ${t})`).join(' OR ')} THEN
        RAISE EXCEPTION 'cannot truncate table "${target}": report data references it'
          USING ERRCODE = 'foreign_key_violation';
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER ${target}_truncate_keeps_report_references BEFORE TRUNCATE ON ${target}
      FOR EACH STATEMENT EXECUTE FUNCTION ${target}_truncate_keeps_report_references();`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const targets = [...new Set(references.map((r) => r.target))];
  await sql
    .raw(
      `${references.map((r) => `ALTER TABLE ${r.table} DROP CONSTRAINT ${r.constraint};`).join('\n')}
      ${checkFunction('submissions', 'insert')}
      ${checkFunction('submissions', 'update')}
      ${checkFunction('submission_revisions', 'insert')}
      ${checkFunction('submission_revisions', 'update')}
      ${targets.map(referencedFunction).join('\n')}`,
    )
    .execute(db);
}
