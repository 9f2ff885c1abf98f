// npm run db:new -- <name>: creates server/src/db/migrations/<date>-<nn>-<name>.ts and lists it in index.ts.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error('usage: npm run db:new -- <kebab-case-name>');
  process.exit(1);
}
const dir = path.resolve(import.meta.dirname, '../server/src/db/migrations');
const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
const sameDay = readdirSync(dir).filter((f) => f.startsWith(date)).length;
const id = `${date}-${String(sameDay + 1).padStart(2, '0')}-${name}`;
writeFileSync(
  path.join(dir, `${id}.ts`),
  `import { type Kysely, sql } from 'kysely';\n\nexport async function up(db: Kysely<unknown>): Promise<void> {\n  await sql\`\`.execute(db);\n}\n`,
);
const indexPath = path.join(dir, 'index.ts');
const variable = `m${id.replace(/-/g, '_').replace(/_[a-z].*$/, '')}_${sameDay + 1}`;
const index = readFileSync(indexPath, 'utf8')
  .replace(
    /(import type \{ Migration \} from 'kysely';\n(?:import .*\n)*)/,
    `$1import * as ${variable} from './${id}';\n`,
  )
  .replace(/\n};\n$/, `\n  '${id}': ${variable},\n};\n`);
writeFileSync(indexPath, index);
console.log(`Created ${path.join(dir, `${id}.ts`)}`);
