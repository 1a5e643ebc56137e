import type { accountBridgeMethods, DesktopBridgeHandlers } from '@orak/core';
import type { AccountService } from '../cloud/accountService';

// The account's bridge methods: the renderer sees who is signed in, never the token.

export function createAccountHandlers(
  account: AccountService,
): Pick<DesktopBridgeHandlers, keyof typeof accountBridgeMethods> {
  return {
    'account.status': () => account.status(),
    'account.setServer': ({ serverUrl }) => account.setServer(serverUrl),
    'account.signUp': (credentials) => account.signUp(credentials),
    'account.logIn': (credentials) => account.logIn(credentials),
    'account.logOut': () => account.logOut(),
    'account.checkConnection': ({ serverUrl }) => account.checkConnection(serverUrl),
  };
}
