/**
 * The same code seen as rooms: a room is a feature folder or a top-level folder (http/, db/,
 * reporting/, jobs/, components/ …); a file directly under server/src or web/src is a room of its
 * own. Two rooms importing each other, or any circle of rooms, fails the lint: arrows point down.
 */
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-two-way-folders',
      comment:
        'Two folders import each other (e.g. two features): move what both need into a lower folder (server/src/reporting, web/src/reporting, domain).',
      severity: 'error',
      from: { path: '^(server|web)/src/' },
      to: { circular: true },
    },
  ],
  options: {
    ...base.options,
    collapse: '^(server/src/features/[^/]+|server/src/[^/]+|web/src/features/[^/]+|web/src/[^/]+)',
  },
};
