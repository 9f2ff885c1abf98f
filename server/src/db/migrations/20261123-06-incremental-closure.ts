import { type Kysely, sql } from 'kysely';

// Bulk loads of parent links (Vietnam's tree) were quadratic: the per-row cycle
// check fell back to a generic plan, and the closure was rebuilt whole after
// every statement. Both now work on the statement's transition table:
// - the cycle check walks up from all new links at once (same hierarchy,
//   overlapping validity), set-based;
// - inserts extend unit_closure incrementally (ancestors of the new parent ×
//   descendants of the new child, repeated until nothing is added, so chains
//   inserted in one statement close too). Updates and deletes, which are rare,
//   still rebuild it. The closure is derived data, so it keeps no foreign keys.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER unit_parents_closure ON unit_parents;
    DROP TRIGGER unit_parents_acyclic ON unit_parents;
    ALTER TABLE unit_closure DROP CONSTRAINT unit_closure_ancestor_id_fkey;
    ALTER TABLE unit_closure DROP CONSTRAINT unit_closure_descendant_id_fkey;

    DROP TRIGGER units_self_closure ON units;
    CREATE FUNCTION add_units_self_closure() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO unit_closure (ancestor_id, descendant_id) SELECT id, id FROM new_units ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$;
    CREATE TRIGGER units_self_closure AFTER INSERT ON units
      REFERENCING NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION add_units_self_closure();

    CREATE FUNCTION unit_parents_check_cycles() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE culprit integer;
    BEGIN
      WITH RECURSIVE up(start_unit, hierarchy, lo, hi, id, depth) AS (
        SELECT n.unit_id, n.hierarchy, n.valid_from, n.valid_to, n.parent_id, 1 FROM new_links n
        UNION ALL
        SELECT up.start_unit, up.hierarchy, up.lo, up.hi, p.parent_id, up.depth + 1
        FROM up JOIN unit_parents p ON p.unit_id = up.id AND p.hierarchy = up.hierarchy
        WHERE daterange(p.valid_from, p.valid_to, '[]') && daterange(up.lo, up.hi, '[]') AND up.depth < 64
      )
      SELECT start_unit INTO culprit FROM up WHERE id = start_unit LIMIT 1;
      IF culprit IS NOT NULL THEN
        RAISE EXCEPTION 'unit % would become its own ancestor', culprit
          USING ERRCODE = '23514', CONSTRAINT = 'unit_parents_acyclic';
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER unit_parents_acyclic_insert AFTER INSERT ON unit_parents
      REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION unit_parents_check_cycles();
    CREATE TRIGGER unit_parents_acyclic_update AFTER UPDATE ON unit_parents
      REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION unit_parents_check_cycles();

    CREATE FUNCTION unit_closure_add_links() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE added integer;
    BEGIN
      LOOP
        INSERT INTO unit_closure (ancestor_id, descendant_id)
        SELECT DISTINCT a.ancestor_id, d.descendant_id
        FROM new_links n
        JOIN unit_closure a ON a.descendant_id = n.parent_id
        JOIN unit_closure d ON d.ancestor_id = n.unit_id
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS added = ROW_COUNT;
        EXIT WHEN added = 0;
      END LOOP;
      RETURN NULL;
    END $$;
    -- Named to fire after the cycle checks (triggers fire in name order).
    CREATE TRIGGER unit_parents_closure_insert AFTER INSERT ON unit_parents
      REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION unit_closure_add_links();
    CREATE TRIGGER unit_parents_closure_change AFTER UPDATE OR DELETE ON unit_parents
      FOR EACH STATEMENT EXECUTE FUNCTION rebuild_unit_closure();
  `.execute(db);
}
