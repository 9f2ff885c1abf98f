import { type ApiErrorBody, DomainError, type ErrorCode, errorCatalogue, type Language } from '@baocao/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export function requestLanguage(request: FastifyRequest): Language {
  const cookie = request.cookies?.lang;
  if (cookie === 'en' || cookie === 'vi') return cookie;
  const header = request.headers['accept-language'];
  if (typeof header === 'string' && /^en\b/i.test(header.trim())) return 'en';
  return 'vi';
}

function body(request: FastifyRequest, error: DomainError): ApiErrorBody {
  const result: ApiErrorBody = {
    code: error.code,
    message: error.messageIn(requestLanguage(request)),
    field: error.field,
    requestId: String(request.id),
  };
  if (error.details !== undefined) result.details = error.details;
  return result;
}

/** Constraint names that stand for one input field, so the form can show the error beside it. */
const constraintFields: Record<string, string> = {
  users_username_unique: 'username',
  units_code_unique_in_validity: 'code',
  regimes_code_key: 'code',
  forms_regime_id_code_key: 'code',
  unit_parents_hierarchy_fkey: 'hierarchy',
  unit_parents_one_parent_at_a_time: 'validFrom',
};

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
}

/** Translates database errors; the text of the database's message never leaks. */
function fromDatabase(error: PgError): DomainError | null {
  if (typeof error.code !== 'string' || !/^[0-9A-Z]{5}$/.test(error.code)) return null;
  const field = (error.constraint && constraintFields[error.constraint]) ?? error.constraint ?? error.column ?? null;
  if (error.constraint === 'unit_parents_acyclic') return new DomainError('HIERARCHY_CYCLE', { field: 'parentId' });
  if (error.code === '23505' || error.code === '23P01') return new DomainError('ALREADY_EXISTS', { field });
  if (error.code === '40001' || error.code === '40P01') return new DomainError('CONFLICT');
  if (error.code.startsWith('23') || error.code.startsWith('22'))
    return new DomainError('VALIDATION_FAILED', { field });
  return null;
}

function fromFastify(error: FastifyError): DomainError | null {
  if (error.validation && error.validation.length > 0) {
    const first = error.validation[0]!;
    const params = first.params as Record<string, unknown>;
    const path = String(first.instancePath ?? '')
      .replace(/^\//, '')
      .replace(/\//g, '.');
    const extra =
      typeof params.additionalProperty === 'string'
        ? params.additionalProperty
        : typeof params.missingProperty === 'string'
          ? params.missingProperty
          : '';
    const field = [error.validationContext === 'body' ? '' : error.validationContext, path, extra]
      .filter(Boolean)
      .join('.');
    const reason = first.message ?? '';
    return new DomainError('VALIDATION_FAILED', {
      field: field || null,
      ...(field
        ? { message: 'INVALID_FIELD_DATA' as const, params: { field, reason } }
        : { message: 'INVALID_DATA' as const, params: { reason } }),
      details: error.validation.map((v) => ({ path: v.instancePath, keyword: v.keyword, params: v.params })),
    });
  }
  const byFastifyCode: Record<string, ErrorCode> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
    FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
    FST_ERR_REQ_FILE_TOO_LARGE: 'BODY_TOO_LARGE',
    FST_ERR_PARTS_LIMIT: 'BODY_TOO_LARGE',
    FST_ERR_FILES_LIMIT: 'BODY_TOO_LARGE',
    FST_ERR_FIELDS_LIMIT: 'BODY_TOO_LARGE',
    FST_ERR_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  };
  const code = error.code ? byFastifyCode[error.code] : undefined;
  if (code) return new DomainError(code);
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message)))
    return new DomainError('MALFORMED_JSON');
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    if (error.statusCode === 413) return new DomainError('BODY_TOO_LARGE');
    if (error.statusCode === 415) return new DomainError('UNSUPPORTED_MEDIA_TYPE');
    if (error.statusCode === 404) return new DomainError('NOT_FOUND');
    return new DomainError('VALIDATION_FAILED');
  }
  return null;
}

export function toDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  return fromFastify(error as FastifyError) ?? fromDatabase(error as PgError);
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: DomainError): FastifyReply {
  return reply.status(errorCatalogue[error.code].status).type('application/json').send(body(request, error));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const known = toDomainError(error);
    if (known) {
      if (known.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendError(request, reply, known);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendError(request, reply, new DomainError('INTERNAL'));
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new DomainError('ROUTE_NOT_FOUND')));
}
