import { z } from 'zod';
import { CredentialsSchema } from '../httpApi';
import { CloudServerUrlSchema } from './appBridgeMethods';

// Bridge methods of the cloud account: which server, who is signed in; the token itself never crosses to the renderer.

export const AccountStatusSchema = z.object({
  serverUrl: CloudServerUrlSchema.nullable(),
  signedIn: z.boolean(),
  email: z.string().nullable(),
  /** When the token stops working; the singer signs in again after it. */
  expiresAt: z.iso.datetime().nullable(),
  /** How the token is kept on this computer: sealed by the OS keychain, or a file only this user can read. */
  tokenProtection: z.enum(['os-keychain', 'file-permissions']),
});
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

export const ConnectionCheckSchema = z.object({
  reachable: z.boolean(),
  /** Round trip of the health request, when it answered. */
  latencyMs: z.number().nonnegative().nullable(),
  message: z.string().nullable(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheckSchema>;

export const accountBridgeMethods = {
  'account.status': { request: z.object({}).strict(), response: AccountStatusSchema },
  'account.setServer': {
    request: z.object({ serverUrl: CloudServerUrlSchema.nullable() }).strict(),
    response: AccountStatusSchema,
  },
  'account.signUp': { request: CredentialsSchema.strict(), response: AccountStatusSchema },
  'account.logIn': { request: CredentialsSchema.strict(), response: AccountStatusSchema },
  'account.logOut': { request: z.object({}).strict(), response: AccountStatusSchema },
  'account.checkConnection': {
    request: z.object({ serverUrl: CloudServerUrlSchema.optional() }).strict(),
    response: ConnectionCheckSchema,
  },
} as const;
