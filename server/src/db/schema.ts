import type { ColumnType, Generated } from 'kysely';

// Row types of the tables, in camelCase (Kysely's CamelCasePlugin maps them to
// snake_case). Keep in step with migrations/.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateColumn = ColumnType<string, string | undefined, string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface UnitKindsTable {
  code: string;
  nameVi: string;
  nameEn: string;
  level: 'central' | 'province' | 'district' | 'commune';
}

export interface HierarchiesTable {
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  nameEn: string | null;
  shortName: string | null;
  kind: string;
  areaCode: string | null;
  validFrom: DateColumn;
  validTo: string | null;
  searchText: string;
  isDemo: Generated<boolean>;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UnitParentsTable {
  hierarchy: string;
  unitId: number;
  parentId: number;
  validFrom: DateColumn;
  validTo: string | null;
}

export interface UnitClosureTable {
  ancestorId: number;
  descendantId: number;
}

export interface UnitMappingsTable {
  oldUnitId: number;
  newUnitId: number;
  relation: 'full' | 'partial';
  effectiveDate: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  searchText: Generated<string>;
  kind: Generated<'person' | 'service'>;
  unitId: number;
  captureRootId: number;
  viewRootId: number;
  passwordHash: string | null;
  passwordChangedAt: NullableTimestamp;
  mustChangePassword: Generated<boolean>;
  totpSecret: string | null;
  totpEnabled: Generated<boolean>;
  failedLogins: Generated<number>;
  lockedUntil: NullableTimestamp;
  disabledAt: NullableTimestamp;
  lastLoginAt: NullableTimestamp;
  isDemo: Generated<boolean>;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UserRolesTable {
  userId: number;
  role: string;
}

export interface SessionsTable {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  secondFactorPending: Generated<boolean>;
  ip: string | null;
  userAgent: string | null;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  revokedAt: NullableTimestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  userId: number;
  name: string;
  prefix: string;
  tokenHash: string;
  unitIds: number[];
  permissions: string[];
  expiresAt: Timestamp;
  revokedAt: NullableTimestamp;
  lastUsedAt: NullableTimestamp;
  lastUsedIp: string | null;
  createdBy: number;
  createdAt: Timestamp;
}

export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  windowStartedAt: Timestamp;
  lockedUntil: NullableTimestamp;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updatedAt: Timestamp;
}

export interface CommonPasswordsTable {
  password: string;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  actorUserId: number | null;
  actorName: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  unitId: number | null;
  before: Json;
  after: Json;
  prevHash: string;
  hash: string;
}

export interface AuditPendingTable {
  seq: Generated<number>;
  at: Timestamp;
  actorUserId: number | null;
  actorName: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  unitId: number | null;
  before: Json;
  after: Json;
}

export interface RegimesTable {
  id: Generated<number>;
  code: string;
  definition: Json;
  status: Generated<'draft' | 'active' | 'retired'>;
  ownerUnitId: number | null;
  searchText: Generated<string>;
  isDemo: Generated<boolean>;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface FormsTable {
  id: Generated<number>;
  regimeId: number;
  code: string;
  sortOrder: Generated<number>;
  createdAt: Timestamp;
}

export interface FormVersionsTable {
  id: Generated<number>;
  formId: number;
  number: number;
  status: Generated<'draft' | 'published' | 'superseded'>;
  definition: Json;
  publishedAt: NullableTimestamp;
  publishedBy: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface HolidaysTable {
  date: string;
  nameVi: string;
  nameEn: Generated<string>;
  kind: Generated<'statutory' | 'compensatory' | 'custom'>;
  createdAt: Timestamp;
}

export interface SubmissionsTable {
  id: Generated<number>;
  regimeId: number;
  formId: number;
  formVersionId: number;
  unitId: number;
  periodId: string;
  state: Generated<'draft' | 'submitted' | 'accepted' | 'returned'>;
  draft: Json;
  draftComments: Json;
  draftVersion: Generated<number>;
  draftUpdatedAt: NullableTimestamp;
  draftUpdatedBy: number | null;
  isNil: Generated<boolean>;
  currentRevisionId: number | null;
  revisionCount: Generated<number>;
  createdAt: Timestamp;
}

export interface SubmissionRevisionsTable {
  id: Generated<number>;
  submissionId: number;
  number: number;
  formVersionId: number;
  values: Json;
  comments: Json;
  isNil: Generated<boolean>;
  channel: 'web' | 'excel' | 'api' | 'consolidation';
  submittedBy: number;
  submittedAt: Timestamp;
  dueAt: NullableTimestamp;
  minutesLate: Generated<number>;
  contains: Json;
  reviewState: Generated<'submitted' | 'accepted' | 'returned'>;
  reviewedBy: number | null;
  reviewedAt: NullableTimestamp;
  reviewReason: string | null;
}

export interface ConsolidationsTable {
  unitId: number;
  formId: number;
  periodId: string;
  values: Json;
  contributors: Json;
  sourceMaxRevision: Generated<number>;
  refreshedAt: Timestamp;
}

export interface ConsolidationQueueTable {
  id: Generated<number>;
  unitId: number;
  formId: number;
  periodId: string;
  depth: number;
  enqueuedAt: Timestamp;
}

export interface AdjustmentsTable {
  id: Generated<number>;
  unitId: number;
  formId: number;
  periodId: string;
  cellKey: string;
  delta: number;
  reason: string;
  createdBy: number;
  createdAt: Timestamp;
}

export interface PeriodLocksTable {
  regimeId: number;
  periodId: string;
  lockedBy: number;
  lockedAt: Timestamp;
  reason: string | null;
}

export interface PeriodUnlockRequestsTable {
  id: Generated<number>;
  regimeId: number;
  periodId: string;
  unitId: number;
  reason: string;
  requestedBy: number;
  requestedAt: Generated<Date>;
  status: Generated<'pending' | 'granted' | 'refused'>;
  decidedBy: number | null;
  decidedAt: NullableTimestamp;
  decisionReason: string | null;
}

export interface IdempotencyKeysTable {
  userId: number;
  key: string;
  requestHash: string;
  status: number;
  response: Json;
  createdAt: Timestamp;
}

export interface Database {
  unitKinds: UnitKindsTable;
  hierarchies: HierarchiesTable;
  units: UnitsTable;
  unitParents: UnitParentsTable;
  unitClosure: UnitClosureTable;
  unitMappings: UnitMappingsTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  loginThrottle: LoginThrottleTable;
  settings: SettingsTable;
  commonPasswords: CommonPasswordsTable;
  auditLog: AuditLogTable;
  auditPending: AuditPendingTable;
  regimes: RegimesTable;
  forms: FormsTable;
  formVersions: FormVersionsTable;
  holidays: HolidaysTable;
  submissions: SubmissionsTable;
  submissionRevisions: SubmissionRevisionsTable;
  consolidations: ConsolidationsTable;
  consolidationQueue: ConsolidationQueueTable;
  adjustments: AdjustmentsTable;
  periodLocks: PeriodLocksTable;
  periodUnlockRequests: PeriodUnlockRequestsTable;
  idempotencyKeys: IdempotencyKeysTable;
}
