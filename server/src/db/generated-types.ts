// Row types of the migrated database, written by `npm run db:types` (kysely-codegen,
// configured in generate-types.ts). Do not edit: change a migration, then run it again.

import type { ColumnType } from 'kysely';

export type ArrayType<T> = ArrayTypeImpl<T> extends (infer U)[] ? U[] : ArrayTypeImpl<T>;

export type ArrayTypeImpl<T> = T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S[], I[], U[]> : T[];

export type ConnectorRunsStatus = 'failed' | 'rejected' | 'retrying' | 'running' | 'succeeded';

export type ConnectorRunsTrigger = 'manual' | 'schedule';

export type ConnectorsFormat = 'csv' | 'json';

export type DashboardSharesRole = 'approver' | 'entry_officer' | 'system_admin' | 'unit_admin' | 'viewer';

export type DirectivesKind = 'decision' | 'meeting_conclusion' | 'official_letter' | 'resolution';

export type DocumentRunsStatus = 'done' | 'failed' | 'pending' | 'unchanged';

export type DocumentsTrigger = 'demo' | 'manual' | 'schedule';

export type EmailDeliveriesStatus = 'failed' | 'pending' | 'sent';

export type EmailDeliveryAttemptsOutcome = 'failed' | 'sent';

export type EventsType =
  | 'indicator.updated'
  | 'report.accepted'
  | 'report.consolidated'
  | 'report.returned'
  | 'report.sent_up'
  | 'report.submitted';

export type FederationOutboxStatus = 'pending' | 'rejected' | 'sent';

export type FormVersionsStatus = 'draft' | 'published' | 'superseded';

export type Generated<T> =
  T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;

export type HolidaysKind = 'compensatory' | 'custom' | 'statutory';

export type ImportJobsFormat = 'adx' | 'csv' | 'dhis2-csv' | 'dhis2-json' | 'native' | 'xlsx';

export type ImportJobsStatus = 'done' | 'failed' | 'queued' | 'running';

export type IndicatorsArea =
  | 'business_environment'
  | 'environment'
  | 'growth'
  | 'infrastructure_science'
  | 'labour'
  | 'macro_stability'
  | 'public_administration'
  | 'public_finance'
  | 'social';

export type IndicatorsFrequency = 'day' | 'month' | 'quarter' | 'year';

export type IndicatorsSource = 'connector' | 'direct' | 'formula' | 'push';

export type IndicatorsTimeMethod = 'last' | 'sum';

export type IndicatorValuesSource = 'connector' | 'demo' | 'direct' | 'formula' | 'push';

export type IndicatorValuesVintage = 'official' | 'preliminary' | 'revised';

export type Int8 = ColumnType<number, bigint | number | string, bigint | number | string>;

export type Json = ColumnType<JsonValue, string, string>;

export type JsonArray = JsonValue[];

export type JsonObject = {
  [x: string]: JsonValue | undefined;
};

export type JsonPrimitive = boolean | number | string | null;

export type JsonValue = JsonArray | JsonObject | JsonPrimitive;

export type NoticeLadderStepsStep = 'escalation' | 'late' | 'reminder';

export type NoticePreferencesKind =
  | 'child_changed'
  | 'children_late'
  | 'connector_failing'
  | 'deadline_late'
  | 'deadline_reminder'
  | 'document_failed'
  | 'document_issued'
  | 'escalation'
  | 'manual_reminder'
  | 'period_locked'
  | 'period_unlocked'
  | 'report_accepted'
  | 'report_returned'
  | 'task_due_soon'
  | 'task_overdue'
  | 'unlock_refused'
  | 'webhook_disabled';

export type NoticesKind =
  | 'child_changed'
  | 'children_late'
  | 'connector_failing'
  | 'deadline_late'
  | 'deadline_reminder'
  | 'document_failed'
  | 'document_issued'
  | 'escalation'
  | 'manual_reminder'
  | 'period_locked'
  | 'period_unlocked'
  | 'report_accepted'
  | 'report_returned'
  | 'task_due_soon'
  | 'task_overdue'
  | 'unlock_refused'
  | 'webhook_disabled';

export type Numeric = ColumnType<number, number | string, number | string>;

export type PeriodUnlockRequestsStatus = 'granted' | 'pending' | 'refused';

export type RegimesStatus = 'active' | 'draft' | 'retired';

export type SessionsMethod = 'oidc' | 'password';

export type SigningCertificatesSource = 'internal_ca' | 'upload';

export type SubmissionRevisionsChannel = 'api' | 'connector' | 'consolidation' | 'excel' | 'import' | 'web';

export type SubmissionRevisionsReviewState = 'accepted' | 'returned' | 'submitted';

export type SubmissionsState = 'accepted' | 'draft' | 'returned' | 'submitted';

export type TaskAttachmentsContentType =
  | 'application/pdf'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'image/jpeg'
  | 'image/png';

export type TaskWarningsStep = 'due_soon' | 'overdue';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type UnitKindsLevel = 'central' | 'commune' | 'district' | 'province';

export type UnitMappingsRelation = 'full' | 'partial';

export type UserRolesRole = 'approver' | 'entry_officer' | 'system_admin' | 'unit_admin' | 'viewer';

export type UsersKind = 'person' | 'service';

export type WebhookDeliveriesStatus = 'delivered' | 'failed' | 'pending';

export type WebhookDeliveryAttemptsOutcome = 'delivered' | 'failed';

export interface Adjustments {
  cellKey: string;
  createdAt: Generated<Timestamp>;
  createdBy: number;
  delta: Numeric;
  formId: number;
  id: Generated<number>;
  periodId: string;
  reason: string;
  unitId: number;
}

export interface AnalyticsRollups {
  cellKey: string;
  formId: number;
  periodId: string;
  periodStart: string;
  unitId: number;
  value: number;
}

export interface AnalyticsSlices {
  expected: number;
  formId: number;
  included: number;
  parentId: number | null;
  periodId: string;
  periodStart: string;
  refreshedAt: Generated<Timestamp>;
  sourceRevision: Int8 | null;
  unitId: number;
}

export interface AnalyticsValues {
  cellKey: string;
  formId: number;
  periodId: string;
  periodStart: string;
  unitId: number;
  value: number;
}

export interface ApiTokens {
  createdAt: Generated<Timestamp>;
  createdBy: number;
  expiresAt: Timestamp;
  id: Generated<number>;
  lastUsedAt: Timestamp | null;
  lastUsedIp: string | null;
  name: string;
  permissions: string[];
  prefix: string;
  revokedAt: Timestamp | null;
  tokenHash: string;
  unitIds: number[];
  userId: number;
}

export interface AuditCheckpoints {
  at: Timestamp;
  headHash: string;
  id: Generated<number>;
  keyId: string;
  lastId: Int8;
  rowCount: Int8;
  signature: string;
}

export interface AuditLog {
  action: string;
  actorName: string | null;
  actorUserId: number | null;
  after: Json | null;
  at: Timestamp;
  before: Json | null;
  hash: string;
  id: Int8;
  ip: string | null;
  objectId: string;
  objectType: string;
  prevHash: string;
  requestId: string | null;
  unitId: number | null;
  userAgent: string | null;
}

export interface AuditPending {
  action: string;
  actorName: string | null;
  actorUserId: number | null;
  after: Json | null;
  at: Timestamp;
  before: Json | null;
  ip: string | null;
  objectId: string;
  objectType: string;
  requestId: string | null;
  seq: Generated<Int8>;
  unitId: number | null;
  userAgent: string | null;
}

export interface CommonPasswords {
  password: string;
}

export interface ComplianceExemptions {
  createdAt: Generated<Timestamp>;
  createdBy: number;
  endsOn: string | null;
  id: Generated<number>;
  periodFrom: string;
  periodTo: string | null;
  reason: string;
  regimeId: number;
  startsOn: string;
  unitId: number;
}

export interface ConnectorRuns {
  attempts: Generated<number>;
  conflicts: Generated<Json>;
  connectorId: number;
  created: Generated<number>;
  error: string | null;
  finishedAt: Timestamp | null;
  id: Generated<Int8>;
  rejected: Generated<number>;
  rowCount: Generated<number>;
  startedAt: Generated<Timestamp>;
  status: Generated<ConnectorRunsStatus>;
  trigger: ConnectorRunsTrigger;
  unchanged: Generated<number>;
  updated: Generated<number>;
}

export interface Connectors {
  active: Generated<boolean>;
  atomic: Generated<boolean>;
  code: string;
  consecutiveFailures: Generated<number>;
  createdAt: Generated<Timestamp>;
  format: ConnectorsFormat;
  formId: number;
  id: Generated<number>;
  intervalMinutes: number;
  mapping: Json;
  name: string;
  nextRunAt: Generated<Timestamp>;
  ownerId: number;
  unitId: number;
  updatedAt: Generated<Timestamp>;
  url: string;
}

export interface ConsolidationQueue {
  depth: number;
  enqueuedAt: Generated<Timestamp>;
  formId: number;
  id: Generated<Int8>;
  periodId: string;
  unitId: number;
}

export interface Consolidations {
  contributors: Json;
  formId: number;
  periodId: string;
  refreshedAt: Generated<Timestamp>;
  sourceMaxRevision: Generated<Int8>;
  unitId: number;
  values: Json;
}

export interface Dashboards {
  createdAt: Generated<Timestamp>;
  createdBy: number | null;
  definition: Json;
  deletedAt: Timestamp | null;
  id: Generated<number>;
  preset: string | null;
  title: Json;
  unitId: number;
  updatedAt: Generated<Timestamp>;
  version: Generated<number>;
}

export interface DashboardShares {
  dashboardId: number;
  role: DashboardSharesRole | null;
  unitId: number;
}

export interface DemoHistoryPeriods {
  loadedAt: Timestamp | null;
  loadMs: number | null;
  periodId: string;
  plannedAt: Generated<Timestamp>;
  regimeId: number;
  revisions: number | null;
  submissions: number | null;
}

export interface Directives {
  createdAt: Generated<Timestamp>;
  createdBy: number | null;
  demo: Generated<boolean>;
  id: Generated<number>;
  issuedOn: string;
  issuerUnitId: number;
  kind: DirectivesKind;
  number: string;
  summary: string;
}

export interface DocumentRuns {
  attempts: Generated<number>;
  createdAt: Generated<Timestamp>;
  documentId: Int8 | null;
  finishedAt: Timestamp | null;
  id: Generated<Int8>;
  lastError: string | null;
  periodId: string;
  status: Generated<DocumentRunsStatus>;
  templateId: number;
  unitId: number;
}

export interface Documents {
  changes: Json | null;
  content: Json;
  contentHash: string;
  generatedAt: Generated<Timestamp>;
  generatedBy: number | null;
  id: Generated<Int8>;
  isDemo: Generated<boolean>;
  number: string;
  pdf: Buffer;
  periodId: string;
  recipientUnitIds: Generated<number[]>;
  revisionIds: ArrayType<Int8>;
  templateId: number;
  trigger: DocumentsTrigger;
  unitId: number;
  version: number;
  xlsx: Buffer;
}

export interface DocumentSignatures {
  certificateId: number;
  documentId: Int8;
  id: Generated<Int8>;
  pdf: Buffer;
  pdfSha256: string;
  signedAt: Timestamp;
  signedBy: number;
}

export interface DocumentTemplates {
  active: Generated<boolean>;
  code: string;
  createdAt: Generated<Timestamp>;
  createdBy: number;
  definition: Json;
  id: Generated<number>;
  isDemo: Generated<boolean>;
  name: string;
  regimeId: number;
  scheduleDay: number | null;
  unitId: number;
  updatedAt: Generated<Timestamp>;
  version: Generated<number>;
}

export interface EmailDeliveries {
  body: string;
  createdAt: Generated<Timestamp>;
  id: Generated<Int8>;
  nextAttemptAt: Generated<Timestamp>;
  noticeId: Int8;
  sentAt: Timestamp | null;
  status: Generated<EmailDeliveriesStatus>;
  subject: string;
  toAddress: string;
}

export interface EmailDeliveryAttempts {
  at: Generated<Timestamp>;
  attempt: number;
  deliveryId: Int8;
  error: string | null;
  outcome: EmailDeliveryAttemptsOutcome;
}

export interface Events {
  data: Generated<Json>;
  formId: number | null;
  id: Generated<Int8>;
  occurredAt: Generated<Timestamp>;
  onDate: string;
  periodId: string | null;
  submissionId: Int8 | null;
  txId: Generated<Int8>;
  type: EventsType;
  unitId: number;
}

export interface FederationLinks {
  active: Generated<boolean>;
  consecutiveFailures: Generated<number>;
  createdAt: Generated<Timestamp>;
  cursorId: Generated<Int8>;
  cursorTx: Generated<Int8>;
  fieldCodes: Generated<Json>;
  formCodes: Generated<Json>;
  formIds: Generated<number[]>;
  id: Generated<number>;
  indicatorCodes: Generated<Json>;
  indicatorIds: Generated<number[]>;
  keyPrefix: string;
  lastError: string | null;
  name: string;
  nextAttemptAt: Generated<Timestamp>;
  ownerId: number;
  targetUrl: string;
  token: string;
  unitCodes: Generated<Json>;
  unitIds: number[];
  updatedAt: Generated<Timestamp>;
}

export interface FederationOutbox {
  attempts: Generated<number>;
  createdAt: Generated<Timestamp>;
  error: string | null;
  eventId: Int8;
  id: Generated<Int8>;
  lastAttemptAt: Timestamp | null;
  linkId: number;
  responseCode: number | null;
  sentAt: Timestamp | null;
  status: Generated<FederationOutboxStatus>;
  summary: Json | null;
}

export interface Forms {
  code: string;
  createdAt: Generated<Timestamp>;
  id: Generated<number>;
  regimeId: number;
  sortOrder: Generated<number>;
}

export interface FormVersions {
  createdAt: Generated<Timestamp>;
  definition: Json;
  formId: number;
  id: Generated<number>;
  number: number;
  publishedAt: Timestamp | null;
  publishedBy: number | null;
  status: Generated<FormVersionsStatus>;
  updatedAt: Generated<Timestamp>;
}

export interface Hierarchies {
  code: string;
  createdAt: Generated<Timestamp>;
  description: string | null;
  nameEn: string;
  nameVi: string;
}

export interface Holidays {
  createdAt: Generated<Timestamp>;
  date: string;
  kind: Generated<HolidaysKind>;
  nameEn: Generated<string>;
  nameVi: string;
}

export interface IdempotencyKeys {
  createdAt: Generated<Timestamp>;
  key: string;
  requestHash: string;
  response: Json;
  status: number;
  userId: number;
}

export interface ImportFiles {
  content: Buffer;
  jobId: Int8;
}

export interface ImportJobs {
  byteSize: Generated<Int8>;
  createdAt: Generated<Timestamp>;
  dryRun: boolean;
  finishedAt: Timestamp | null;
  format: ImportJobsFormat;
  id: Generated<Int8>;
  processedRows: Generated<number>;
  startedAt: Timestamp | null;
  status: Generated<ImportJobsStatus>;
  summary: Json | null;
  totalRows: Generated<number>;
  userId: number;
}

export interface IndicatorAgencies {
  agency: string;
  indicatorId: number;
  validFrom: string;
}

export interface Indicators {
  area: IndicatorsArea;
  code: string;
  createdAt: Generated<Timestamp>;
  deletedAt: Timestamp | null;
  description: Json | null;
  disaggregations: Generated<Json>;
  formula: Json | null;
  frequency: IndicatorsFrequency;
  id: Generated<number>;
  isDemo: Generated<boolean>;
  name: Json;
  source: IndicatorsSource;
  timeMethod: Generated<IndicatorsTimeMethod>;
  unitOfMeasure: string;
  updatedAt: Generated<Timestamp>;
  version: Generated<number>;
}

export interface IndicatorValues {
  id: Generated<Int8>;
  indicatorId: number;
  isDemo: Generated<boolean>;
  option: Generated<string>;
  periodId: string;
  periodStart: string;
  recordedAt: Generated<Timestamp>;
  recordedBy: number | null;
  releasedOn: string;
  source: IndicatorValuesSource;
  sourceDetail: string | null;
  unitId: number;
  value: number;
  vintage: IndicatorValuesVintage;
}

export interface LoginThrottle {
  failures: Generated<number>;
  key: string;
  lockedUntil: Timestamp | null;
  windowStartedAt: Generated<Timestamp>;
}

export interface NoticeLadderSteps {
  dueAt: Timestamp;
  level: number;
  notices: number;
  periodId: string;
  regimeId: number;
  step: NoticeLadderStepsStep;
  takenAt: Timestamp;
}

export interface NoticePreferences {
  email: boolean;
  inbox: boolean;
  kind: NoticePreferencesKind;
  userId: number;
}

export interface Notices {
  body: Json;
  createdAt: Timestamp;
  dedupeKey: string | null;
  id: Generated<Int8>;
  inInbox: Generated<boolean>;
  kind: NoticesKind;
  link: string | null;
  periodId: string | null;
  readAt: Timestamp | null;
  regimeId: number | null;
  title: Json;
  unitId: number | null;
  userId: number;
}

export interface OidcSignInRequests {
  browserHash: string;
  codeVerifier: string;
  createdAt: Generated<Timestamp>;
  expiresAt: Timestamp;
  nonce: string;
  state: string;
}

export interface PeriodLocks {
  lockedAt: Generated<Timestamp>;
  lockedBy: number;
  periodId: string;
  reason: string | null;
  regimeId: number;
}

export interface PeriodUnlockRequests {
  decidedAt: Timestamp | null;
  decidedBy: number | null;
  decisionReason: string | null;
  id: Generated<number>;
  periodId: string;
  reason: string;
  regimeId: number;
  requestedAt: Generated<Timestamp>;
  requestedBy: number;
  status: Generated<PeriodUnlockRequestsStatus>;
  unitId: number;
}

export interface Regimes {
  code: string;
  createdAt: Generated<Timestamp>;
  definition: Json;
  id: Generated<number>;
  isDemo: Generated<boolean>;
  ownerUnitId: number | null;
  searchText: Generated<string>;
  status: Generated<RegimesStatus>;
  updatedAt: Generated<Timestamp>;
  version: Generated<number>;
}

export interface RegimeVersions {
  createdAt: Generated<Timestamp>;
  createdBy: number | null;
  definition: Json;
  effectiveFrom: string;
  id: Generated<number>;
  legalBasis: string | null;
  number: number;
  regimeId: number;
}

export interface Sessions {
  createdAt: Generated<Timestamp>;
  csrfToken: string;
  expiresAt: Timestamp;
  ip: string | null;
  lastSeenAt: Generated<Timestamp>;
  method: Generated<SessionsMethod>;
  revokedAt: Timestamp | null;
  secondFactorPending: Generated<boolean>;
  tokenHash: string;
  userAgent: string | null;
  userId: number;
}

export interface Settings {
  key: string;
  updatedAt: Generated<Timestamp>;
  value: Json;
}

export interface Signatures {
  canonicalData: Buffer;
  certificateId: number;
  cms: Buffer;
  cmsSha256: string;
  id: Generated<Int8>;
  revisionId: Int8;
  signedAt: Timestamp;
  signedBy: number;
}

export interface SigningAuthority {
  certificatePem: string;
  createdAt: Generated<Timestamp>;
  id: Generated<number>;
  keyEncrypted: Buffer;
}

export interface SigningCertificates {
  certificatePem: string;
  createdAt: Generated<Timestamp>;
  createdBy: number;
  fingerprint: string;
  id: Generated<number>;
  issuer: string;
  keyEncrypted: Buffer;
  notAfter: Timestamp;
  notBefore: Timestamp;
  revocationReason: string | null;
  revokedAt: Timestamp | null;
  revokedBy: number | null;
  serial: string;
  source: SigningCertificatesSource;
  subject: string;
  subjectName: string;
  unitId: number;
}

export interface SubmissionRevisions {
  channel: SubmissionRevisionsChannel;
  comments: Generated<Json>;
  contains: Json | null;
  dueAt: Timestamp | null;
  formVersionId: number;
  id: Generated<Int8>;
  isNil: Generated<boolean>;
  minutesLate: Generated<number>;
  number: number;
  qualityFlags: Generated<Json>;
  reviewedAt: Timestamp | null;
  reviewedBy: number | null;
  reviewReason: string | null;
  reviewState: Generated<SubmissionRevisionsReviewState>;
  submissionId: Int8;
  submittedAt: Timestamp;
  submittedBy: number;
  values: Json;
}

export interface Submissions {
  createdAt: Generated<Timestamp>;
  currentRevisionId: Int8 | null;
  draft: Generated<Json>;
  draftComments: Generated<Json>;
  draftUpdatedAt: Timestamp | null;
  draftUpdatedBy: number | null;
  draftVersion: Generated<number>;
  formId: number;
  formVersionId: number;
  id: Generated<Int8>;
  isDemo: Generated<boolean>;
  isNil: Generated<boolean>;
  periodId: string;
  regimeId: number;
  revisionCount: Generated<number>;
  state: Generated<SubmissionsState>;
  unitId: number;
}

export interface TaskAttachments {
  content: Buffer;
  contentType: TaskAttachmentsContentType;
  fileName: string;
  id: Generated<number>;
  progressId: number;
  sha256: string;
  size: number;
  uploadedAt: Generated<Timestamp>;
  uploadedBy: number | null;
}

export interface TaskProgress {
  done: Generated<boolean>;
  id: Generated<number>;
  note: string;
  percent: number | null;
  reportedAt: Timestamp;
  reportedBy: number | null;
  taskId: number;
  unitId: number;
}

export interface Tasks {
  completedAt: Timestamp | null;
  createdAt: Generated<Timestamp>;
  createdBy: number | null;
  deadline: string | null;
  directiveId: number;
  expectedResult: Generated<string>;
  id: Generated<number>;
  leadUnitId: number;
  percent: Generated<number>;
  title: string;
}

export interface TaskSupportingUnits {
  taskId: number;
  unitId: number;
}

export interface TaskWarnings {
  deadline: string;
  step: TaskWarningsStep;
  takenAt: Timestamp;
  taskId: number;
}

export interface UnitClosure {
  ancestorId: number;
  descendantId: number;
}

export interface UnitKinds {
  code: string;
  level: UnitKindsLevel;
  nameEn: string;
  nameVi: string;
}

export interface UnitMappings {
  effectiveDate: string;
  newUnitId: number;
  oldUnitId: number;
  relation: UnitMappingsRelation;
}

export interface UnitParents {
  hierarchy: string;
  parentId: number;
  unitId: number;
  validFrom: Generated<string>;
  validTo: string | null;
}

export interface UnitReminders {
  id: Generated<Int8>;
  periodId: string;
  regimeId: number;
  remindedAt: Timestamp;
  remindedBy: number | null;
  unitId: number;
}

export interface Units {
  areaCode: string | null;
  code: string;
  createdAt: Generated<Timestamp>;
  id: Generated<number>;
  isDemo: Generated<boolean>;
  kind: string;
  name: string;
  nameEn: string | null;
  searchText: string;
  shortName: string | null;
  updatedAt: Generated<Timestamp>;
  validFrom: Generated<string>;
  validTo: string | null;
  version: Generated<number>;
}

export interface UserIdentities {
  claimValue: string | null;
  createdAt: Generated<Timestamp>;
  lastSignInAt: Timestamp | null;
  provider: string;
  subject: string;
  userId: number;
}

export interface UserRoles {
  role: UserRolesRole;
  userId: number;
}

export interface Users {
  captureRootId: number;
  createdAt: Generated<Timestamp>;
  disabledAt: Timestamp | null;
  displayName: string;
  email: string | null;
  failedLogins: Generated<number>;
  id: Generated<number>;
  isDemo: Generated<boolean>;
  kind: Generated<UsersKind>;
  lastLoginAt: Timestamp | null;
  lockedUntil: Timestamp | null;
  mustChangePassword: Generated<boolean>;
  passwordChangedAt: Timestamp | null;
  passwordHash: string | null;
  phone: string | null;
  searchText: Generated<string>;
  totpEnabled: Generated<boolean>;
  totpSecret: string | null;
  unitId: number;
  updatedAt: Generated<Timestamp>;
  username: string;
  version: Generated<number>;
  viewRootId: number;
}

export interface WebhookDeliveries {
  attempts: Generated<number>;
  createdAt: Generated<Timestamp>;
  deliveredAt: Timestamp | null;
  eventId: Int8;
  id: Generated<Int8>;
  status: Generated<WebhookDeliveriesStatus>;
  subscriptionId: number;
}

export interface WebhookDeliveryAttempts {
  at: Generated<Timestamp>;
  attempt: number;
  deliveryId: Int8;
  durationMs: number;
  error: string | null;
  manual: Generated<boolean>;
  outcome: WebhookDeliveryAttemptsOutcome;
  responseCode: number | null;
}

export interface WebhookDispatchCursor {
  eventId: Int8;
  onlyRow: Generated<boolean>;
  txId: Int8;
}

export interface WebhookSubscriptions {
  active: Generated<boolean>;
  consecutiveFailures: Generated<number>;
  createdAt: Generated<Timestamp>;
  description: Generated<string>;
  disabledAt: Timestamp | null;
  disabledReason: string | null;
  eventTypes: string[];
  id: Generated<number>;
  ownerId: number;
  secret: string;
  startsAfterTx: Generated<Int8>;
  unitIds: number[];
  url: string;
}

export interface DB {
  adjustments: Adjustments;
  analyticsRollups: AnalyticsRollups;
  analyticsSlices: AnalyticsSlices;
  analyticsValues: AnalyticsValues;
  apiTokens: ApiTokens;
  auditCheckpoints: AuditCheckpoints;
  auditLog: AuditLog;
  auditPending: AuditPending;
  commonPasswords: CommonPasswords;
  complianceExemptions: ComplianceExemptions;
  connectorRuns: ConnectorRuns;
  connectors: Connectors;
  consolidationQueue: ConsolidationQueue;
  consolidations: Consolidations;
  dashboards: Dashboards;
  dashboardShares: DashboardShares;
  demoHistoryPeriods: DemoHistoryPeriods;
  directives: Directives;
  documentRuns: DocumentRuns;
  documents: Documents;
  documentSignatures: DocumentSignatures;
  documentTemplates: DocumentTemplates;
  emailDeliveries: EmailDeliveries;
  emailDeliveryAttempts: EmailDeliveryAttempts;
  events: Events;
  federationLinks: FederationLinks;
  federationOutbox: FederationOutbox;
  forms: Forms;
  formVersions: FormVersions;
  hierarchies: Hierarchies;
  holidays: Holidays;
  idempotencyKeys: IdempotencyKeys;
  importFiles: ImportFiles;
  importJobs: ImportJobs;
  indicatorAgencies: IndicatorAgencies;
  indicators: Indicators;
  indicatorValues: IndicatorValues;
  loginThrottle: LoginThrottle;
  noticeLadderSteps: NoticeLadderSteps;
  noticePreferences: NoticePreferences;
  notices: Notices;
  oidcSignInRequests: OidcSignInRequests;
  periodLocks: PeriodLocks;
  periodUnlockRequests: PeriodUnlockRequests;
  regimes: Regimes;
  regimeVersions: RegimeVersions;
  sessions: Sessions;
  settings: Settings;
  signatures: Signatures;
  signingAuthority: SigningAuthority;
  signingCertificates: SigningCertificates;
  submissionRevisions: SubmissionRevisions;
  submissions: Submissions;
  taskAttachments: TaskAttachments;
  taskProgress: TaskProgress;
  tasks: Tasks;
  taskSupportingUnits: TaskSupportingUnits;
  taskWarnings: TaskWarnings;
  unitClosure: UnitClosure;
  unitKinds: UnitKinds;
  unitMappings: UnitMappings;
  unitParents: UnitParents;
  unitReminders: UnitReminders;
  units: Units;
  userIdentities: UserIdentities;
  userRoles: UserRoles;
  users: Users;
  webhookDeliveries: WebhookDeliveries;
  webhookDeliveryAttempts: WebhookDeliveryAttempts;
  webhookDispatchCursor: WebhookDispatchCursor;
  webhookSubscriptions: WebhookSubscriptions;
}
