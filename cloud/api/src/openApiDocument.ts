import { z } from 'zod';
import {
  AuthResponseSchema,
  CreateUploadRequestSchema,
  CreateUploadResponseSchema,
  CredentialsSchema,
  ErrorBodySchema,
  ListUploadsResponseSchema,
  UploadViewSchema,
  CreateAlbumRequestSchema,
  CloudAlbumSchema,
  ListAlbumsResponseSchema,
  CreateRecordingRequestSchema,
  UpdateRecordingRequestSchema,
  CloudRecordingSchema,
  ListRecordingsResponseSchema,
  CreateMultipartUploadRequestSchema,
  CreateMultipartUploadResponseSchema,
  PartUrlResponseSchema,
  ListPartsResponseSchema,
  CompleteMultipartUploadRequestSchema,
  CompleteMultipartUploadResponseSchema,
  AbortMultipartUploadResponseSchema,
  CatalogueSearchQuerySchema,
  CatalogueSearchResponseSchema,
} from '@orak/core';

// The OpenAPI description generated from the same zod contract the routes validate with: it cannot drift.

type JsonSchema = Record<string, unknown>;

const schemas: Record<string, z.ZodType> = {
  Credentials: CredentialsSchema,
  AuthResponse: AuthResponseSchema,
  CreateUploadRequest: CreateUploadRequestSchema,
  CreateUploadResponse: CreateUploadResponseSchema,
  UploadView: UploadViewSchema,
  ListUploadsResponse: ListUploadsResponseSchema,
  ErrorBody: ErrorBodySchema,
  CreateAlbumRequest: CreateAlbumRequestSchema,
  CloudAlbum: CloudAlbumSchema,
  ListAlbumsResponse: ListAlbumsResponseSchema,
  CreateRecordingRequest: CreateRecordingRequestSchema,
  UpdateRecordingRequest: UpdateRecordingRequestSchema,
  CloudRecording: CloudRecordingSchema,
  ListRecordingsResponse: ListRecordingsResponseSchema,
  CreateMultipartUploadRequest: CreateMultipartUploadRequestSchema,
  CreateMultipartUploadResponse: CreateMultipartUploadResponseSchema,
  PartUrlResponse: PartUrlResponseSchema,
  ListPartsResponse: ListPartsResponseSchema,
  CompleteMultipartUploadRequest: CompleteMultipartUploadRequestSchema,
  CompleteMultipartUploadResponse: CompleteMultipartUploadResponseSchema,
  AbortMultipartUploadResponse: AbortMultipartUploadResponseSchema,
  CatalogueSearchResponse: CatalogueSearchResponseSchema,
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [String(status), { description: 'error', ...json('ErrorBody') }]),
  );

function componentSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

export function openApiDocument(): JsonSchema {
  const requestBodies = new Set([
    'Credentials',
    'CreateUploadRequest',
    'CreateAlbumRequest',
    'CreateRecordingRequest',
    'UpdateRecordingRequest',
    'CreateMultipartUploadRequest',
    'CompleteMultipartUploadRequest',
  ]);
  const bearer = [{ bearer: [] }];
  const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }];
  const deleted = { '204': { description: 'deleted' }, ...errors(400, 401, 404) };
  const partParams = [
    ...idParam,
    {
      name: 'partNumber',
      in: 'path',
      required: true,
      schema: { type: 'integer', minimum: 1, maximum: 10_000 },
    },
  ];
  const catalogueQuery = Object.entries(CatalogueSearchQuerySchema.shape).map(([name, schema]) => ({
    name,
    in: 'query',
    schema: componentSchema(schema, 'input'),
  }));
  return {
    openapi: '3.1.0',
    info: { title: 'Orakgarak API', version: '1' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([name, schema]) => [
          name,
          componentSchema(schema, requestBodies.has(name) ? 'input' : 'output'),
        ]),
      ),
    },
    paths: {
      '/v1/auth/register': {
        post: {
          requestBody: { required: true, ...json('Credentials') },
          responses: {
            '201': { description: 'registered', ...json('AuthResponse') },
            ...errors(400, 409, 413, 415),
          },
        },
      },
      '/v1/auth/login': {
        post: {
          requestBody: { required: true, ...json('Credentials') },
          responses: {
            '200': { description: 'logged in', ...json('AuthResponse') },
            ...errors(400, 401, 413, 415),
          },
        },
      },
      '/v1/uploads': {
        post: {
          security: [{ bearer: [] }],
          requestBody: { required: true, ...json('CreateUploadRequest') },
          responses: {
            '201': { description: 'presigned request issued', ...json('CreateUploadResponse') },
            ...errors(400, 401, 413, 415),
          },
        },
        get: {
          security: [{ bearer: [] }],
          parameters: [
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            },
            { name: 'state', in: 'query', schema: componentSchema(UploadViewSchema.shape.state, 'input') },
          ],
          responses: {
            '200': { description: 'your uploads', ...json('ListUploadsResponse') },
            ...errors(400, 401),
          },
        },
      },
      '/v1/uploads/{id}': {
        get: {
          security: [{ bearer: [] }],
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': { description: 'state, history and, when done, results', ...json('UploadView') },
            ...errors(400, 401, 404),
          },
        },
        // The object, a multipart upload's stored parts, the record, its history and results; 404 for others' ids.
        delete: { security: bearer, parameters: idParam, responses: deleted },
      },
      '/v1/uploads/multipart': {
        post: {
          security: bearer,
          requestBody: { required: true, ...json('CreateMultipartUploadRequest') },
          responses: {
            '201': {
              description: 'multipart upload started, parts planned',
              ...json('CreateMultipartUploadResponse'),
            },
            ...errors(400, 401, 404, 413, 415),
          },
        },
      },
      '/v1/uploads/{id}/parts/{partNumber}/url': {
        post: {
          security: bearer,
          parameters: partParams,
          responses: {
            '200': {
              description: "one part's presigned PUT, signed just in time",
              ...json('PartUrlResponse'),
            },
            ...errors(400, 401, 404, 409),
          },
        },
      },
      '/v1/uploads/{id}/parts': {
        get: {
          security: bearer,
          parameters: idParam,
          responses: {
            '200': {
              description: 'parts storage holds, and those still missing',
              ...json('ListPartsResponse'),
            },
            ...errors(400, 401, 404, 409),
          },
        },
      },
      '/v1/uploads/{id}/complete': {
        post: {
          security: bearer,
          parameters: idParam,
          requestBody: { required: true, ...json('CompleteMultipartUploadRequest') },
          responses: {
            '200': {
              description: 'object assembled; the pipeline takes over',
              ...json('CompleteMultipartUploadResponse'),
            },
            ...errors(400, 401, 404, 409, 413, 415, 422),
          },
        },
      },
      '/v1/uploads/{id}/abort': {
        post: {
          security: bearer,
          parameters: idParam,
          responses: {
            '200': {
              description: 'aborted: EXPIRED, stored parts dropped',
              ...json('AbortMultipartUploadResponse'),
            },
            ...errors(400, 401, 404, 409),
          },
        },
      },
      '/v1/catalogue/songs': {
        get: {
          security: bearer,
          parameters: catalogueQuery,
          responses: {
            '200': { description: 'one page of matching songs', ...json('CatalogueSearchResponse') },
            ...errors(400, 401),
          },
        },
      },
      '/v1/albums': {
        post: {
          security: bearer,
          requestBody: { required: true, ...json('CreateAlbumRequest') },
          responses: {
            '201': { description: 'created', ...json('CloudAlbum') },
            ...errors(400, 401, 413, 415),
          },
        },
        get: {
          security: bearer,
          responses: { '200': { description: 'your albums', ...json('ListAlbumsResponse') }, ...errors(401) },
        },
      },
      '/v1/albums/{id}': {
        patch: {
          security: bearer,
          parameters: idParam,
          requestBody: { required: true, ...json('CreateAlbumRequest') },
          responses: { '200': { description: 'renamed', ...json('CloudAlbum') }, ...errors(400, 401, 404) },
        },
        delete: { security: bearer, parameters: idParam, responses: deleted },
      },
      '/v1/recordings': {
        post: {
          security: bearer,
          requestBody: { required: true, ...json('CreateRecordingRequest') },
          responses: {
            '201': { description: 'created', ...json('CloudRecording') },
            ...errors(400, 401, 404),
          },
        },
        get: {
          security: bearer,
          parameters: [{ name: 'albumId', in: 'query', schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': { description: 'your recordings', ...json('ListRecordingsResponse') },
            ...errors(400, 401),
          },
        },
      },
      '/v1/recordings/{id}': {
        patch: {
          security: bearer,
          parameters: idParam,
          requestBody: { required: true, ...json('UpdateRecordingRequest') },
          responses: {
            '200': { description: 'renamed or moved', ...json('CloudRecording') },
            ...errors(400, 401, 404),
          },
        },
        delete: { security: bearer, parameters: idParam, responses: deleted },
      },
    },
  };
}
