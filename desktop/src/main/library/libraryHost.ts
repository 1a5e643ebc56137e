import type { LibraryStatus } from '@orak/core';
import { LibraryUnrecoverableError } from './libraryFile';
import { LibraryTooNewError } from './libraryMigrations';
import { openLibrary, type LibraryService, type LibraryServiceOptions } from './libraryService';

// Holds the open library, or why it could not be opened, so the app still starts and can say what is wrong.

export interface LibraryHost {
  status(): LibraryStatus;
  /** The library, or an error carrying the status message when it is not open. */
  require(): LibraryService;
}

export async function openLibraryHost(options: LibraryServiceOptions): Promise<LibraryHost> {
  let service: LibraryService | null = null;
  let state: LibraryStatus['state'] = 'ready';
  let message: string | null = null;
  try {
    service = await openLibrary(options);
  } catch (error) {
    if (error instanceof LibraryUnrecoverableError) state = 'unreadable';
    else if (error instanceof LibraryTooNewError) state = 'too-new';
    else throw error;
    message = error.message;
  }
  return {
    status: () => ({ state, message, recoveries: service ? [...service.recoveries] : [] }),
    require() {
      if (!service) throw new Error(message ?? 'the library is not open');
      return service;
    },
  };
}
