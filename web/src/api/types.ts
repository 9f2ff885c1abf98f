import type {
  AuditRow,
  Hierarchy,
  ImportResult,
  ImportRowError,
  LoginResult,
  Me,
  PasswordReset,
  TokenCreated,
  TokenView,
  TotpSetup,
  UnitDetail,
  UnitMapping,
  UnitParentLink,
  UnitSummary,
  UserCreate,
  UserCreated,
  UserUpdate,
  UserView,
} from '@baocao/domain';
import type { Static } from '@sinclair/typebox';

// The API's shapes, derived from the shared schemas in @baocao/domain (never copied by hand).
export type MeView = Static<typeof Me>;
export type LoginResultView = Static<typeof LoginResult>;
export type TotpSetupView = Static<typeof TotpSetup>;
export type UnitSummaryView = Static<typeof UnitSummary>;
export type UnitDetailView = Static<typeof UnitDetail>;
export type UnitParentLinkView = Static<typeof UnitParentLink>;
export type UnitMappingView = Static<typeof UnitMapping>;
export type HierarchyView = Static<typeof Hierarchy>;
export type UserRow = Static<typeof UserView>;
export type UserCreateInput = Static<typeof UserCreate>;
export type UserUpdateInput = Static<typeof UserUpdate>;
export type UserCreatedView = Static<typeof UserCreated>;
export type PasswordResetView = Static<typeof PasswordReset>;
export type ImportResultView = Static<typeof ImportResult>;
export type ImportRowErrorView = Static<typeof ImportRowError>;
export type TokenRow = Static<typeof TokenView>;
export type TokenCreatedView = Static<typeof TokenCreated>;
export type AuditRowView = Static<typeof AuditRow>;

export interface PageOf<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
