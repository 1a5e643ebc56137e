// Object keys live under the owner's prefix; the file name is reduced to safe characters so keys need no escaping.

export function userPrefix(userId: string): string {
  return `users/${userId}/`;
}

export function safeFileName(fileName: string): string {
  const cleaned = fileName
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-100);
  return cleaned.length > 0 ? cleaned : 'take';
}

export function uploadObjectKey(userId: string, uploadId: string, fileName: string): string {
  return `${userPrefix(userId)}${uploadId}/${safeFileName(fileName)}`;
}
